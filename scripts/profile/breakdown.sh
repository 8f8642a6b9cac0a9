#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# breakdown.sh [kind...] -- where the instructions of one exit round trip
# go, by phase and by function, on our kernel and the base kernel.
#
# Boots each kernel (KVMPPC_KERNELS, default "ours base") under each mode
# (KVMPPC_MODES, default "v2 v1") once per exit kind (default
# hcall-to-user and mmio-load; any of exit_bench's kinds), in QEMU's
# icount mode with insn-profile.c loaded: a TCG plugin that counts the
# instructions executed at each block address while exit_bench's timed
# window is open (KVMPPC_ITERS round trips, default 1000).  The counts are
# summed by function (the kernel's System.map, the selftest's symbols) and
# by phase (breakdown.py), per round trip.  Nothing in the kernels under
# test changes; the sum matches exit_bench's own icount figure.
#
# Needs QEMU's plugin header: taken from the qemu source package in
# Debian's archive (bookworm-backports, the host QEMU's version), and
# glib's headers (libglib2.0-dev); both installed on first use.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/scripts/lib.sh"
kinds=${*:-hcall-to-user mmio-load}
kernels=${KVMPPC_KERNELS:-ours base}
modes=${KVMPPC_MODES:-v2 v1}
iters=${KVMPPC_ITERS:-1000}
out=$BUILD/profile
src=$CACHE/qemu-plugin-api
mkdir -p "$out" "$src"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

# QEMU's plugin API header, of the QEMU that runs the L1.
hdr=$src/qemu-plugin.h
if [ ! -f "$hdr" ]; then
	list=/etc/apt/sources.list.d/bookworm-backports-src.sources
	if [ ! -f "$list" ]; then
		$SUDO tee "$list" >/dev/null <<-SRC
		Types: deb-src
		URIs: http://deb.debian.org/debian
		Suites: bookworm-backports
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
		SRC
		$SUDO apt-get update -qq
	fi
	ver=$(dpkg-query -W -f '${Version}' qemu-system-ppc)
	up=${ver#*:}
	up=${up%-*}
	tmp=$(mktemp -d)
	# Only the upstream tarball is needed; the Debian part may be gone.
	(cd "$tmp" && apt-get source --download-only -qq "qemu=$ver" >/dev/null 2>&1) || true
	tarball=$(ls "$tmp"/qemu_"$up".orig.tar.* 2>/dev/null | head -n 1)
	[ -n "$tarball" ] || die "no qemu_$up.orig tarball from Debian's archive"
	tar -xf "$tarball" -C "$tmp" --wildcards '*/include/qemu/qemu-plugin.h'
	cp "$tmp"/*/include/qemu/qemu-plugin.h "$hdr"
	rm -rf "$tmp"
fi
pkg-config --exists glib-2.0 || $SUDO apt-get install -y -qq libglib2.0-dev >/dev/null
plugin=$out/insn-profile.so
if [ ! -f "$plugin" ] || [ "$TOP/scripts/profile/insn-profile.c" -nt "$plugin" ]; then
	# shellcheck disable=SC2046 # pkg-config's flags are words
	gcc -O2 -Wall -shared -fPIC -I"$src" $(pkg-config --cflags glib-2.0) \
		-o "$plugin" "$TOP/scripts/profile/insn-profile.c"
fi

for k in $kernels; do
	"$TOP/scripts/build.sh" "$k"
done
dirs=$("$TOP/scripts/userspace.sh")
initrd=$out/initramfs.cpio.gz
# shellcheck disable=SC2086
"$TOP/scripts/mkinitramfs.sh" "$initrd" $dirs
bench=$BUILD/selftests-bin/exit_bench
sym() {	# $1: symbol of $bench; its address, in hex
	nm "$bench" | awk -v s="$1" '$3 == s { print $1 }'
}
open=$(sym exit_bench_window_open)
close=$(sym exit_bench_window_close)
[ -n "$open" ] && [ -n "$close" ] || die "$bench has no window functions"

for k in $kernels; do
	for m in $modes; do
		for kind in $kinds; do
			p=$out/$k-$m-$kind.txt
			rm -f "$p"
			"$TOP/scripts/run-qemu.sh" -I -k "$k" -m "$m" -i "$initrd" -r bench \
				-a "kvmppc.iters=$iters kvmppc.kind=$kind" -t 900 \
				-X "-plugin $plugin,start=$open,stop=$close,out=$p" \
				-l "$out/$k-$m-$kind.log" || true
		done
	done
done
exec python3 "$TOP/scripts/profile/breakdown.py" --bench "$bench" \
	--build "$BUILD" --dir "$out" --iters "$iters" --kernels "$kernels" \
	--modes "$modes" --kinds "$kinds"
