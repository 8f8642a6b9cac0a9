#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build, the demo and the tests need, from Debian's
# archive only.  Idempotent: a machine that already has it all is left alone
# in well under a second.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

HOST_PKGS="gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross make flex bison bc
	libelf-dev libssl-dev cpio sparse ccache python3 perl xz-utils kmod
	rsync linux-source-6.12 dwarves file"
QEMU_MIN_MAJOR=9

have_pkgs() {
	local p
	for p in $HOST_PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || return 1
	done
}

qemu_ok() {
	command -v qemu-system-ppc64 >/dev/null || return 1
	local v
	v=$(qemu-system-ppc64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
	[ "${v:-0}" -ge "$QEMU_MIN_MAJOR" ]
}

busybox_ok() {
	[ -x "$CACHE/busybox/bin/busybox" ]
}

# Debian's ppc64el QEMU, run inside the L1 as a KVM client (the "qemu"
# suite, scripts/mkqemu.sh): DIR:RELEASE, one tree each.  10.0.2 is the
# host's own version (bookworm-backports); 7.2 is what bookworm ships.
QEMU_TREES="qemu-ppc64el:bookworm-backports qemu72-ppc64el:bookworm"
# What we ask for; the shared libraries follow from the ELF files.
# ipxe-qemu: virtio-net-pci's default romfile, efi-virtio.rom.
QEMU_SEEDS="qemu-system-ppc qemu-system-data ipxe-qemu"
# The firmware a pseries machine loads: VOF (x-vof=on), SLOF (the
# default), the virtio-net-pci option ROM.  The rest is other machines'.
QEMU_FIRMWARE="vof.bin slof.bin efi-virtio.rom"
# Bump when the way a tree is made changes.
QEMU_TREE_FORMAT=1

qemu_tree_key() {	# $1: release
	echo "format=$QEMU_TREE_FORMAT release=$1 seeds=$QEMU_SEEDS firmware=$QEMU_FIRMWARE"
}

qemu_trees_ok() {
	local t
	for t in $QEMU_TREES; do
		[ "$(head -1 "$CACHE/${t%%:*}/.stamp" 2>/dev/null)" = "$(qemu_tree_key "${t#*:}")" ] ||
			return 1
	done
}

if have_pkgs && qemu_ok && busybox_ok && qemu_trees_ok &&
	"$TOP/scripts/debian-kernel.sh" --check; then
	exit 0
fi

say "setup: installing Debian packages"
if [ ! -f /etc/apt/sources.list.d/bookworm-backports.sources ]; then
	$SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
	$SUDO dpkg --add-architecture ppc64el
fi
# A mirror caught mid-sync fails one index now and then: retry, and go on
# if the lists we need are there.
for i in 1 2 3; do
	$SUDO apt-get update -qq && break
	say "setup: apt-get update failed (try $i), retrying"
	sleep 5
done
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $HOST_PKGS
qemu_ok || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	--no-install-recommends -t bookworm-backports qemu-system-ppc
qemu_ok || die "QEMU >= $QEMU_MIN_MAJOR is needed (bookworm-backports)"

if ! busybox_ok; then
	say "setup: fetching busybox-static:ppc64el (not installed on the host)"
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -qq busybox-static:ppc64el)
	rm -rf "$CACHE/busybox"
	mkdir -p "$CACHE/busybox"
	dpkg-deb -x "$tmp"/busybox-static_*.deb "$CACHE/busybox"
	rm -rf "$tmp"
fi
# --- the ppc64el QEMU trees ------------------------------------------------
# Fetched with apt-get download and unpacked with dpkg-deb -x: nothing of
# ppc64el is installed on the host.  The library closure is read from the
# ELF files themselves (NEEDED), not guessed from package names: a soname
# not yet unpacked makes us fetch the Depends of the package whose file
# needs it, until every soname is found.

QAPT=(apt-get download -qq)
# As root, apt warns that its sandbox user cannot write our temp dir.
[ "$(id -u)" = 0 ] && QAPT+=(-o APT::Sandbox::User=root)
qwork=
trap 'rm -rf "$qwork"' EXIT

qget() {	# $1: work dir, $2: release, $3...: specs; $1/nocand: names apt had no candidate for
	local w=$1 rel=$2 out spec keep t=()
	shift 2
	# -t only for a backports suite (the host's QEMU came so); elsewhere
	# the default candidates, with security updates, as a user gets them.
	case $rel in *-backports) t=(-t "$rel") ;; esac
	: >"$w/nocand"
	while [ $# -gt 0 ]; do
		# One call for all: each apt-get start costs about 1.5 s.
		out=$(cd "$w/deb" && "${QAPT[@]}" "${t[@]}" "$@" 2>&1) && break
		# "E: ... package NAME:ppc64el as ...", "... package NAME", "for 'NAME'"
		out=$(echo "$out" | grep '^E: ' | tr ":'=" '   ' | sed 's/$/ /')
		keep=()
		for spec; do
			if echo "$out" | grep -qF " ${spec%%[:=]*} "; then
				echo "${spec%%[:=]*}" >>"$w/nocand"
			else
				keep+=("$spec")
			fi
		done
		[ ${#keep[@]} -lt $# ] || die "apt-get download failed: $out"
		set -- "${keep[@]}"
	done
}

qfetch() {	# $1: work dir, $2: release, $3...: packages; unpacks each to $1/pkg/NAME
	local w=$1 rel=$2 p ver deb specs=() plain=() vers=()
	shift 2
	for p; do
		ver=
		# A seed is pinned to its release's version: the host's installed
		# qemu-system-data (10.0.2) would otherwise win over bookworm's 7.2.
		case " $QEMU_SEEDS " in *" $p "*)
			ver=$(apt-cache madison "$p" | awk -F' *[|] *' -v s="$rel/main" \
				'index($3, " " s " ") { print $2; exit }') ;;
		esac
		vers+=("$p=$ver")
		specs+=("$p:ppc64el${ver:+=$ver}")
	done
	# No ppc64el candidate: Architecture: all, or a virtual package (the
	# sonames decide whether it mattered).
	qget "$w" "$rel" "${specs[@]}"
	for p in $(cat "$w/nocand"); do
		ver=$(printf '%s\n' "${vers[@]}" | sed -n "s/^$p=//p")
		plain+=("$p${ver:+=$ver}")
	done
	[ ${#plain[@]} = 0 ] || qget "$w" "$rel" "${plain[@]}"
	for p; do
		deb=$(qfirst "$w/deb/$p"_*.deb)
		[ -n "$deb" ] || continue
		mkdir -p "$w/pkg/$p"
		dpkg-deb -x "$deb" "$w/pkg/$p"
		echo "$p $(dpkg-deb -f "$deb" Version) $(dpkg-deb -f "$deb" Architecture)" >>"$w/packages"
	done
}

qdeps() {	# $1: .deb; its Depends and Pre-Depends, first alternatives, bare names
	{ dpkg-deb -f "$1" Depends; dpkg-deb -f "$1" Pre-Depends; } | tr ',' '\n' |
		sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g' | grep -v '^$' | sort -u
}

qfirst() {	# the first of its arguments that exists (unmatched globs do not)
	local f
	for f in "$@"; do
		[ -e "$f" ] && echo "$f" && return
	done
	return 0
}

qneeded() {	# $1: ELF file; its DT_NEEDED sonames
	"${CROSS}readelf" -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

qemu_tree() {	# $1: dir under $CACHE, $2: release
	local dest=$CACHE/$1 rel=$2 w p f so path owner new round=0
	w=$(mktemp -d)
	qwork=$w
	mkdir -p "$w/deb"
	: >"$w/packages"
	# shellcheck disable=SC2086
	qfetch "$w" "$rel" $QEMU_SEEDS
	for p in $QEMU_SEEDS; do
		[ -d "$w/pkg/$p" ] || die "qemu ($rel): apt-get download $p failed"
	done
	while :; do
		# Walk the closure from the binary; libraries by soname, in the
		# multiarch dirs of everything unpacked so far.
		: >"$w/keep"
		: >"$w/missing"
		local todo=("$w/pkg/qemu-system-ppc/usr/bin/qemu-system-ppc64") seen=" "
		while [ ${#todo[@]} -gt 0 ]; do
			f=${todo[0]}
			todo=("${todo[@]:1}")
			owner=${f#"$w/pkg/"}
			owner=${owner%%/*}
			for so in $(qneeded "$f"); do
				case $seen in *" $so "*) continue ;; esac
				seen="$seen$so "
				path=$(qfirst "$w"/pkg/*/lib/powerpc64le-linux-gnu/"$so" \
					"$w"/pkg/*/usr/lib/powerpc64le-linux-gnu/"$so")
				if [ -n "$path" ]; then
					echo "$so $path" >>"$w/keep"
					todo+=("$path")
				else
					echo "$so $owner" >>"$w/missing"
				fi
			done
		done
		[ -s "$w/missing" ] || break
		round=$((round + 1))
		new=()
		for owner in $(cut -d' ' -f2 "$w/missing" | sort -u); do
			for p in $(qdeps "$(qfirst "$w/deb/$owner"_*.deb)"); do
				[ -d "$w/pkg/$p" ] || [ -f "$w/tried-$p" ] || new+=("$p")
				: >"$w/tried-$p"
			done
		done
		if [ ${#new[@]} = 0 ] || [ $round -ge 20 ]; then
			die "qemu ($rel): no package provides $(cut -d' ' -f1 "$w/missing" | tr '\n' ' ')"
		fi
		qfetch "$w" "$rel" "${new[@]}"
	done
	rm -rf "$dest"
	mkdir -p "$dest/bin" "$dest/lib" "$dest/share/qemu"
	f=$w/pkg/qemu-system-ppc/usr/bin/qemu-system-ppc64
	cp "$f" "$dest/bin/"
	echo "$f" >"$w/used"
	while read -r so path; do
		cp -L "$path" "$dest/lib/$so"
		echo "$path" >>"$w/used"
	done <"$w/keep"
	for f in $QEMU_FIRMWARE; do
		path=$(qfirst "$w"/pkg/*/usr/share/qemu/"$f" "$w"/pkg/*/usr/lib/ipxe/qemu/"$f")
		[ -n "$path" ] || die "qemu ($rel): no $f in $QEMU_SEEDS"
		cp -L "$path" "$dest/share/qemu/"
		echo "$path" >>"$w/used"
	done
	# "name version arch" of each package a kept file came from.
	for p in $(sed "s|^$w/pkg/||; s|/.*||" "$w/used" | sort -u); do
		grep "^$p " "$w/packages"
	done >"$dest/PACKAGES"
	{ qemu_tree_key "$rel"; cat "$dest/PACKAGES"; } >"$dest/.stamp"
	rm -rf "$w"
	say "setup: $1: $(du -sh "$dest" | cut -f1), $(wc -l <"$dest/PACKAGES") packages"
}

for t in $QEMU_TREES; do
	if [ "$(head -1 "$CACHE/${t%%:*}/.stamp" 2>/dev/null)" != "$(qemu_tree_key "${t#*:}")" ]; then
		say "setup: fetching Debian's ppc64el QEMU (${t#*:}) into $CACHE/${t%%:*}"
		qemu_tree "${t%%:*}" "${t#*:}"
	fi
done
# Debian's stock kernel and its KVM modules (the distro suite).
"$TOP/scripts/debian-kernel.sh"
say "setup: done ($(qemu-system-ppc64 --version | head -1))"
