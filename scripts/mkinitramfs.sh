#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh [-m MODROOT] [-x TREE] OUT.cpio.gz [DIR...]
#
# A busybox initramfs with our /init and guest scripts; the files of each
# DIR (selftest binaries, the demo) go to /kvmppc/tests, the demo to /kvmppc.
# With -m, the kernel modules installed under MODROOT (its lib/modules) go
# in too, and /init loads KVM from them.  With -x, the files of TREE go in
# as they are laid out there (scripts/mkqemu.sh: QEMU and the L2 payload).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

modroot='' extra=''
while [ $# -gt 0 ]; do
	case $1 in
	-m) modroot=$2; shift 2 ;;
	-x) extra=$2; shift 2 ;;
	*) break ;;
	esac
done
out=$1
shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,kvmppc/tests}
cp "$CACHE/busybox/bin/busybox" "$root/bin/busybox"
# The rest of the applets are linked by /init (busybox --install).
ln -s busybox "$root/bin/sh"
cp "$TOP/scripts/guest/init" "$root/init"
cp "$TOP/scripts/guest/selftests" "$TOP/scripts/guest/demo" \
	"$TOP/scripts/guest/bench" "$TOP/scripts/guest/modules" \
	"$TOP/scripts/guest/qemu" "$TOP/scripts/guest/exitcost" \
	"$TOP/scripts/exit-cost.baseline" "$root/kvmppc/"
for d in "$@"; do
	[ -d "$d" ] || continue
	for f in "$d"/*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		case $(basename "$f") in
		kvmppc-demo) cp "$f" "$root/kvmppc/" ;;
		*) cp "$f" "$root/kvmppc/tests/" ;;
		esac
	done
done
if [ -n "$modroot" ]; then
	[ -d "$modroot/lib/modules" ] || die "no modules under $modroot"
	mkdir -p "$root/lib"
	cp -a "$modroot/lib/modules" "$root/lib/"
fi
if [ -n "$extra" ]; then
	[ -d "$extra" ] || die "no tree $extra"
	cp -a "$extra/." "$root/"
fi
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
