#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkqemu.sh [-m MODROOT] [--no-72] -k L2VMLINUX OUT.cpio.gz [DIR...]
#
# The L1 initramfs of the "qemu" suite (scripts/guest/qemu): the test
# initramfs of scripts/mkinitramfs.sh (with DIRs and -m as there), plus
#   /qemu            Debian's ppc64el QEMU 10.0.2 (scripts/setup.sh):
#                    bin/, lib/ (its ld64.so.2 and libraries), share/qemu/
#   /qemu72          bookworm's QEMU 7.2 the same way, if fetched (not with
#                    --no-72); libraries equal to /qemu's are links to them
#   /kvmppc/l2/      the L2: vmlinux (L2VMLINUX, stripped), initrd.cpio.gz
#                    (busybox, scripts/guest/qemu-l2-init), disk.img (4 MiB
#                    of seeded pseudo-random bytes) and what the L2 must
#                    find: disk.sha256, work.md5 (of its busybox), banner
# Prints the sizes.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

mkargs=() l2kernel='' with72=1
while [ $# -gt 0 ]; do
	case $1 in
	-m) mkargs+=(-m "$2"); shift 2 ;;
	-k) l2kernel=$2; shift 2 ;;
	--no-72) with72=0; shift ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || die "usage: mkqemu.sh [-m MODROOT] [--no-72] -k L2VMLINUX OUT.cpio.gz [DIR...]"
out=$1
shift
[ -f "$l2kernel" ] || die "no L2 kernel ${l2kernel:-(-k)}"
q10=$CACHE/qemu-ppc64el q72=$CACHE/qemu72-ppc64el
[ -x "$q10/bin/qemu-system-ppc64" ] || die "no $q10: run scripts/setup.sh"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -a "$q10" "$stage/qemu"
rm -f "$stage/qemu/.stamp"
if [ $with72 = 1 ] && [ -x "$q72/bin/qemu-system-ppc64" ]; then
	cp -a "$q72" "$stage/qemu72"
	rm -f "$stage/qemu72/.stamp"
	# Most of bookworm's libraries are the same files as backports' ones.
	for f in "$stage/qemu72/lib/"*; do
		if cmp -s "$f" "$stage/qemu/lib/${f##*/}"; then
			ln -sf "../../qemu/lib/${f##*/}" "$f"
		fi
	done
fi

l2=$stage/kvmppc/l2
mkdir -p "$l2"
# No symbol table: QEMU loads the ELF, the L2 does not need it.
"${CROSS}strip" -o "$l2/vmlinux" "$l2kernel"
# The banner the L2's /proc/version must show (linux_banner; other
# strings start so too, without the build number and date).
strings "$l2kernel" | awk '/^Linux version .* #[0-9]+ / && !f { print; f = 1 }' >"$l2/banner"
[ -s "$l2/banner" ] || die "no linux_banner in $l2kernel"

# The L2's initramfs: busybox and its /init, nothing else.
r=$stage/l2root
mkdir -p "$r"/{bin,proc,sys,dev,tmp}
cp "$CACHE/busybox/bin/busybox" "$r/bin/busybox"
ln -s busybox "$r/bin/sh"
cp "$TOP/scripts/guest/qemu-l2-init" "$r/init"
chmod +x "$r/init"
(cd "$r" && find . | cpio -o -H newc --quiet | gzip -9) >"$l2/initrd.cpio.gz"
rm -rf "$r"

# The same bytes on every build: the L2 reads them back through virtio-blk.
python3 -c 'import random, sys
random.seed(20261201)
sys.stdout.buffer.write(random.randbytes(4 << 20))' >"$l2/disk.img"
sha256sum <"$l2/disk.img" | cut -d' ' -f1 >"$l2/disk.sha256"
# The L2's workload: md5sum of its busybox.
md5sum <"$CACHE/busybox/bin/busybox" | cut -d' ' -f1 >"$l2/work.md5"

"$TOP/scripts/mkinitramfs.sh" "${mkargs[@]}" -x "$stage" "$out" "$@"
sizes="qemu $(du -sk "$stage/qemu" | cut -f1) KiB"
[ -d "$stage/qemu72" ] && sizes="$sizes, qemu72 $(du -sk "$stage/qemu72" | cut -f1) KiB"
say "mkqemu: $out: $(du -k "$out" | cut -f1) KiB (gzip -1); $sizes, l2 $(du -sk "$l2" | cut -f1) KiB"
