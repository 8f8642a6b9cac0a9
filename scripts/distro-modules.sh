#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# distro-modules.sh HEADERS [OUT]
#
# Build our kvm.ko and kvm-hv.ko for a distribution's kernel, from that
# kernel's headers package (HEADERS: its /usr/src/linux-headers-<release>,
# holding .config, Module.symvers and vmlinux (the BTF of the image's), e.g. Debian's
# linux-headers-6.12.117+deb12-powerpc64le unpacked) and our grafted tree
# of the same kernel version.  OUT (default build/out-distro-<release>)
# gets the configured objects and modroot/lib/modules/<release>/ with the
# two modules and depmod's files, ready for scripts/mkinitramfs.sh -m.
#
# Refuses to produce modules that would disagree with the distribution's
# vmlinux: a .config that differs from the distribution's outside the
# options our backend owns (scripts/distro-check.py config), another
# kernel release (vermagic), an import vmlinux does not export (modpost),
# or a structure the modules share with vmlinux laid out differently from
# vmlinux's BTF (scripts/distro-check.py layout).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

[ $# -ge 1 ] || die "usage: distro-modules.sh HEADERS [OUT]"
HDR=$(cd "$1" && pwd)
for f in .config Module.symvers vmlinux include/config/kernel.release; do
	[ -f "$HDR/$f" ] || die "$HDR has no $f: not a kernel headers tree"
done
REL=$(cat "$HDR/include/config/kernel.release")
OUT=${2:-$BUILD/out-distro-$REL}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
G=$BUILD/graft
t0=$(date +%s)

"$TOP/scripts/graft.sh"
KVER=$(make -s -C "$G" kernelversion)
# The release string is the version plus the distribution's suffix.
case $REL in
"$KVER"*) LOCALVER=${REL#"$KVER"} ;;
*) die "headers are for $REL, the grafted tree is $KVER" ;;
esac
MK=(make -s -C "$G" O="$OUT" ARCH=powerpc CROSS_COMPILE="ccache $CROSS"
    LOCALVERSION="$LOCALVER" -j"$(nproc)")

say "distro[$REL]: configuring"
cat "$HDR/.config" "$TOP/configs/distro-modules.config" >"$OUT/.config.new"
if ! cmp -s "$OUT/.config.new" "$OUT/.config.in" 2>/dev/null; then
	cp "$OUT/.config.new" "$OUT/.config"
	"${MK[@]}" olddefconfig >/dev/null 2>"$OUT/olddefconfig.log" ||
		die "olddefconfig failed: $OUT/olddefconfig.log"
	mv "$OUT/.config.new" "$OUT/.config.in"
fi
python3 "$TOP/scripts/distro-check.py" config "$HDR/.config" "$OUT/.config"
got=$("${MK[@]}" kernelrelease)
[ "$got" = "$REL" ] || die "kernel release $got, the distribution's is $REL"

say "distro[$REL]: modules_prepare"
"${MK[@]}" modules_prepare >/dev/null
# modpost takes the CRCs of vmlinux's exports from the distribution (only
# vmlinux's: the kvm modules' own exports are ours); module BTF is split
# against the distribution's vmlinux.
awk -F'\t' '$3 == "vmlinux"' "$HDR/Module.symvers" >"$OUT/Module.symvers"
cmp -s "$HDR/vmlinux" "$OUT/vmlinux" 2>/dev/null || cp "$HDR/vmlinux" "$OUT/vmlinux"

# An external build of copies of our sources: the same Makefiles, objects
# outside the grafted source tree.
SRC=$OUT/kvm-src
mkdir -p "$SRC/arch/powerpc" "$SRC/virt"
rsync -a --delete "$G/arch/powerpc/kvm/" "$SRC/arch/powerpc/kvm/"
rsync -a --delete "$G/virt/kvm/" "$SRC/virt/kvm/"
say "distro[$REL]: building kvm.ko and kvm-hv.ko"
"${MK[@]}" M="$SRC/arch/powerpc/kvm" modules >&2

MODS=$OUT/modroot/lib/modules/$REL/kernel/arch/powerpc/kvm
rm -rf "$OUT/modroot"
mkdir -p "$MODS"
cp "$SRC/arch/powerpc/kvm/kvm.ko" "$SRC/arch/powerpc/kvm/kvm-hv.ko" "$MODS/"
printf 'kernel/arch/powerpc/kvm/%s\n' kvm.ko kvm-hv.ko \
	>"$OUT/modroot/lib/modules/$REL/modules.order"
: >"$OUT/modroot/lib/modules/$REL/modules.builtin"
: >"$OUT/modroot/lib/modules/$REL/modules.builtin.modinfo"
depmod -b "$OUT/modroot" "$REL"

for m in kvm kvm-hv; do
	vm=$(modinfo -F vermagic "$MODS/$m.ko")
	case $vm in "$REL "*) ;; *) die "$m.ko: vermagic '$vm' is not for $REL" ;; esac
done
python3 "$TOP/scripts/distro-check.py" layout "$HDR/vmlinux" "$MODS/kvm.ko" "$MODS/kvm-hv.ko"
say "distro[$REL]: $MODS (kvm.ko, kvm-hv.ko) in $(( $(date +%s) - t0 ))s"
echo "$OUT/modroot"
