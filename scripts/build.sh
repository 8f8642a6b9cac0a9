#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build.sh [ours|base] [make targets...]
#
# Build a ppc64le host kernel into build/out-<flavour>:
#   ours  the base kernel with our KVM backend grafted on (default)
#   base  the base kernel unmodified, upstream KVM, same host config
# Incremental: O= build folders, a config regenerated only when a
# fragment changes.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

flavour=${1:-ours}
shift || true
case $flavour in
ours)	"$TOP/scripts/graft.sh"; SRC=$BUILD/graft
	frags="$TOP/configs/host.config $TOP/configs/kvm.config" ;;
base)	base_tree; SRC=$BASE
	frags="$TOP/configs/host.config $TOP/configs/upstream-kvm.config" ;;
*)	die "usage: build.sh [ours|base] [targets]" ;;
esac
if [ -n "${KVMPPC_DEBUG:-}" ]; then
	frags="$frags $TOP/configs/debug.config"
	# Our debug kernel has KVM as modules (load, unload, reload tested).
	[ "$flavour" = ours ] && frags="$frags $TOP/configs/modules.config"
fi
OUT=$BUILD/out-$flavour${KVMPPC_DEBUG:+-debug}
mkdir -p "$OUT"

# No ccache: with kbuild's -Wp,-MMD dependency files it lost .d files
# here (fixdep failures).  O= folders keep rebuilds incremental.
MAKEFLAGS_K=(-s -C "$SRC" O="$OUT" ARCH=powerpc CROSS_COMPILE="$CROSS"
	-j"$(nproc)"
	KBUILD_BUILD_USER=kvmppc KBUILD_BUILD_HOST=kvmppc)

# Config: allnoconfig + our fragments, redone only when a fragment changes.
sum=$(cat $frags | sha1sum | cut -d' ' -f1)
if [ ! -f "$OUT/.config" ] || [ "$(cat "$OUT/.kvmppc-config" 2>/dev/null)" != "$sum" ]; then
	say "build[$flavour]: configuring"
	make "${MAKEFLAGS_K[@]}" allnoconfig >/dev/null
	# shellcheck disable=SC2086
	(cd "$SRC" && ARCH=powerpc CROSS_COMPILE=$CROSS \
		scripts/kconfig/merge_config.sh -m -O "$OUT" "$OUT/.config" $frags) >"$OUT/merge.log"
	make "${MAKEFLAGS_K[@]}" olddefconfig >/dev/null
	# Every option a fragment asks for must have stuck (a later fragment
	# overrides an earlier one).
	miss=$(cat $frags | grep -E '^CONFIG_[A-Z0-9_]+=' |
		awk -F= '{ v[$1] = $0 } END { for (k in v) print v[k] }' |
		while IFS= read -r l; do
		grep -qxF "$l" "$OUT/.config" ||
			{ [ "${l#*=}" = n ] && ! grep -q "^${l%%=*}=" "$OUT/.config"; } ||
			echo "$l"
	done)
	[ -z "$miss" ] || die "config options did not stick in $OUT/.config: $miss"
	echo "$sum" >"$OUT/.kvmppc-config"
fi

start=$(date +%s)
mods=
grep -q '^CONFIG_KVM=m$' "$OUT/.config" && mods=1
if [ $# -eq 0 ]; then
	set -- vmlinux ${mods:+modules}
fi
make "${MAKEFLAGS_K[@]}" "$@"
# Modules go where mkinitramfs.sh picks them up: $OUT/modroot/lib/modules.
if [ -n "$mods" ] && [[ " $* " == *" modules "* ]]; then
	rm -rf "$OUT/modroot"
	make "${MAKEFLAGS_K[@]}" INSTALL_MOD_PATH="$OUT/modroot" \
		INSTALL_MOD_STRIP=1 modules_install >/dev/null
fi
say "build[$flavour]: $* done in $(( $(date +%s) - start ))s ($OUT)"
