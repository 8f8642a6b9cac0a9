# SPDX-License-Identifier: GPL-2.0
# Shared paths and helpers for the scripts.  Sourced, not run.

TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
BUILD=${KVMPPC_BUILD:-$TOP/build}
CACHE=$BUILD/cache
CROSS=powerpc64le-linux-gnu-

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

BASE=$BUILD/base
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz
# Directories that are ours alone: mirrored into the graft with --delete.
OWNED_DIRS="arch/powerpc/kvm"
# Everything we lay over the base (owned dirs included).
OVERLAY_DIRS="arch include Documentation tools virt"

# base_tree -- unpack the pinned base kernel once; sets BASE_VERSION.
base_tree() {
	local stamp=$BASE/.kvmppc-base
	if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(stat -c %s-%Y "$BASE_TARBALL")" ]; then
		[ -f "$BASE_TARBALL" ] || die "$BASE_TARBALL missing: run scripts/setup.sh"
		say "base: unpacking $BASE_TARBALL"
		rm -rf "$BASE" "$BUILD/base.tmp"
		mkdir -p "$BUILD/base.tmp"
		tar -xf "$BASE_TARBALL" -C "$BUILD/base.tmp" --strip-components=1
		mv "$BUILD/base.tmp" "$BASE"
		stat -c %s-%Y "$BASE_TARBALL" >"$stamp"
	fi
	BASE_VERSION="linux-$(make -s -C "$BASE" kernelversion 2>/dev/null) ($(dpkg-query -W -f='${Package} ${Version}' linux-source-6.12 2>/dev/null || echo unknown))"
	mkdir -p "$BUILD"
	echo "$BASE_VERSION" >"$BUILD/base-version.txt"
}
