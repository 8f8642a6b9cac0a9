#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debian-kernel.sh [--check] -- Debian's stock ppc64el kernel, for the
# distro suite (scripts/test.sh --suite distro) and for building our
# modules against it.
#
# Fetches from Debian's archive (apt-get download; nothing is installed)
# the packages of the same source version as the installed
# linux-source-6.12, for each flavour (4K pages: powerpc64le; 64K pages:
# powerpc64le-64k): linux-image and linux-headers, plus the shared
# linux-headers-<abi>-common and linux-kbuild-<abi>.  All are unpacked
# (dpkg-deb -x) into one tree, build/cache/debian-kernel/root:
#   root/boot/vmlinux-<release>              the kernel to boot
#   root/usr/src/linux-headers-<release>     its .config, Module.symvers
# and for each flavour a module tree that mkinitramfs.sh -m takes:
#   modroot-<flavour>/lib/modules/<release>/kernel/arch/powerpc/kvm/*.ko
# (kvm.ko, kvm-hv.ko and whatever modinfo says they depend on,
# decompressed: busybox insmod reads no .ko.xz), with depmod's files,
# checked against the kernel's System.map and Module.symvers.
# Idempotent: a stamp holds what was fetched; --check only tests it.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

DK=$CACHE/debian-kernel
DEB_FLAVOURS="powerpc64le powerpc64le-64k"
# Bump when the way the tree is made changes.
DK_FORMAT=1

# The source version we build on; Debian's ABI name follows from it
# (6.12.117-1~deb12u1 -> 6.12.117+deb12).
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed: run scripts/setup.sh"
abi=${ver%%-*}+deb12

dk_key() {
	echo "format=$DK_FORMAT version=$ver abi=$abi flavours=$DEB_FLAVOURS"
}

if [ "$(head -1 "$DK/.stamp" 2>/dev/null)" = "$(dk_key)" ]; then
	exit 0
fi
[ "${1:-}" = --check ] && exit 1

specs=("linux-headers-$abi-common=$ver" "linux-kbuild-$abi:ppc64el=$ver")
for f in $DEB_FLAVOURS; do
	specs+=("linux-image-$abi-$f:ppc64el=$ver" "linux-headers-$abi-$f:ppc64el=$ver")
done

say "setup: fetching Debian's kernel $abi ($ver; $DEB_FLAVOURS) into $DK"
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir -p "$w/deb" "$w/root"
apt=(apt-get download -qq)
# As root, apt warns that its sandbox user cannot write our temp dir.
[ "$(id -u)" = 0 ] && apt+=(-o APT::Sandbox::User=root)
t0=$(date +%s)
(cd "$w/deb" && "${apt[@]}" "${specs[@]}") ||
	die "apt-get download failed: is $ver still in the archive?"
t1=$(date +%s)
for deb in "$w"/deb/*.deb; do
	dpkg-deb -x "$deb" "$w/root"
	echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version) $(dpkg-deb -f "$deb" Architecture)"
done | sort >"$w/PACKAGES"
say "setup: debian-kernel: $(du -sch "$w"/deb/*.deb | tail -1 | cut -f1) in $((t1 - t0))s"

modname_file() {	# $1: root, $2: release, $3: module name; its .ko.xz
	find "$1/lib/modules/$2/kernel" -name "${3//[-_]/[-_]}.ko.xz" | head -n 1
}

for f in $DEB_FLAVOURS; do
	rel=$abi-$f
	r=$w/root
	m=$w/modroot-$f
	[ -f "$r/boot/vmlinux-$rel" ] || die "no vmlinux-$rel in linux-image-$rel"
	mkdir -p "$m/lib/modules/$rel"
	# kvm-hv.ko and kvm.ko, then what they need, by name.
	todo="kvm_hv kvm" seen=" "
	while [ -n "$todo" ]; do
		# shellcheck disable=SC2086 # a list of names
		set -- $todo
		name=$1
		shift
		todo="$*"
		case $seen in *" $name "*) continue ;; esac
		seen="$seen$name "
		src=$(modname_file "$r" "$rel" "$name")
		[ -n "$src" ] || die "$rel: no module $name"
		dst=$m/${src#"$r/"}
		dst=${dst%.xz}
		mkdir -p "$(dirname "$dst")"
		xz -dc "$src" >"$dst"
		todo="$todo $(modinfo -F depends "$dst" | tr ',' ' ')"
	done
	cp "$r/lib/modules/$rel"/modules.builtin* "$m/lib/modules/$rel/"
	(cd "$m/lib/modules/$rel" && find kernel -name '*.ko' | sort >modules.order)
	# -e with the kernel's own symbols and CRCs: a module that would not
	# load there fails here.
	depmod -b "$m" -e -E "$r/usr/src/linux-headers-$rel/Module.symvers" "$rel" 2>"$w/depmod" ||
		die "depmod $rel: $(cat "$w/depmod")"
	[ -s "$w/depmod" ] && die "depmod $rel: $(cat "$w/depmod")"
	say "setup: debian-kernel: $rel: $(cd "$m/lib/modules/$rel" && find . -name '*.ko' | sort | tr '\n' ' ')"
done
rm -rf "$DK"
mkdir -p "$(dirname "$DK")"
mkdir "$w/out"
mv "$w/root" "$w"/modroot-* "$w/PACKAGES" "$w/out/"
{ dk_key; cat "$w/out/PACKAGES"; } >"$w/out/.stamp"
mv "$w/out" "$DK"
say "setup: debian-kernel: $(du -sh "$DK" | cut -f1) unpacked"
