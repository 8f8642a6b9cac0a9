#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# graft.sh -- lay our tree over the pinned base kernel.
#
#   build/base   the base kernel as Debian ships it (read-only reference)
#   build/graft  the base with upstream's arch/powerpc/kvm removed, our
#                files copied over it and base/patches/*.patch applied
#
# Idempotent and incremental: files keep their source mtimes, and a
# patched file gets the newer of its base file's and its patch's mtime,
# so re-running changes nothing that kbuild would notice unless a source
# really changed.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

base_tree
GRAFT=$BUILD/graft
mkdir -p "$GRAFT"

# Files we own: every file in our overlay directories.  They, and the
# upstream files we drop (base/removed), are kept out of the base copy.
excl=$(mktemp)
trap 'rm -f "$excl"' EXIT
(cd "$TOP" && git ls-files --cached --others --exclude-standard -- $OVERLAY_DIRS |
	sed 's|^|/|') >"$excl"
sed -e '/^#/d' -e '/^$/d' -e 's|^|/|' "$TOP/base/removed" >>"$excl"
# Directories only we have: keep --delete from trying to empty them.
(cd "$TOP" && git ls-files --cached --others --exclude-standard -- $OVERLAY_DIRS |
	xargs -r -n1 dirname | sort -u) | while read -r d; do
	[ -d "$BASE/$d" ] || echo "/$d/"
done >>"$excl"
echo "/arch/powerpc/kvm/" >>"$excl"

rsync -a --delete --exclude-from="$excl" "$BASE/" "$GRAFT/"
# Upstream's removed files must really be gone from the graft.
sed -e '/^#/d' -e '/^$/d' "$TOP/base/removed" | while read -r f; do
	rm -rf "${GRAFT:?}/$f"
done
# Our files.  Wholly-owned directories are mirrored with --delete so a
# file we delete disappears from the graft too.
for d in $OWNED_DIRS; do
	mkdir -p "$GRAFT/$d"
	rsync -a --delete "$TOP/$d/" "$GRAFT/$d/"
done
(cd "$TOP" && git ls-files --cached --others --exclude-standard -- $OVERLAY_DIRS) |
	rsync -a --files-from=- "$TOP/" "$GRAFT/"

# Base patches, each a small change to one base file with a header
# saying why.  Apply against the base copy of the file every time, so a
# changed patch never stacks on its older self.
for p in "$TOP"/base/patches/*.patch; do
	[ -e "$p" ] || continue
	files=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p")
	for f in $files; do
		cp -p "$BASE/$f" "$GRAFT/$f"
	done
	patch -s -p1 -d "$GRAFT" --no-backup-if-mismatch <"$p" ||
		die "base patch $(basename "$p") does not apply"
	for f in $files; do
		t=$(stat -c %Y "$BASE/$f")
		pt=$(stat -c %Y "$p")
		[ "$pt" -gt "$t" ] && t=$pt
		touch -d "@$t" "$GRAFT/$f"
	done
done
say "graft: $BASE_VERSION + $(cd "$TOP" && git describe --always --dirty 2>/dev/null || echo wip)"
