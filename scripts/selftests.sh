#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftests.sh [TREE [HDR]] [-- make args...]
#
# Build the KVM selftests for ppc64le, static, into build/selftests.
#   TREE  kernel tree to build from (default: build/graft, refreshed with
#         graft.sh first)
#   HDR   directory holding installed uapi headers (HDR/usr/include);
#         default: build/selftests-hdr, refreshed from TREE with
#         "make headers_install", which writes only below O=
# Incremental: make's dependency files do the work; graft.sh keeps
# source mtimes stable.  Prints the built binaries, one per line, as
# paths relative to build/selftests.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

TREE=
HDR=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	if [ -z "$TREE" ]; then TREE=$1; elif [ -z "$HDR" ]; then HDR=$1
	else die "usage: selftests.sh [TREE [HDR]] [-- make args...]"; fi
	shift
done
[ "${1:-}" = -- ] && shift

if [ -z "$TREE" ]; then
	"$TOP/scripts/graft.sh"
	TREE=$BUILD/graft
fi
TREE=$(cd "$TREE" && pwd)
[ -f "$TREE/tools/testing/selftests/kvm/Makefile" ] ||
	die "$TREE has no tools/testing/selftests/kvm"

if [ -z "$HDR" ]; then
	HDR=$BUILD/selftests-hdr
	say "selftests: installing uapi headers into $HDR"
	make -s -C "$TREE" ARCH=powerpc O="$HDR" \
		INSTALL_HDR_PATH="$HDR/usr" headers_install
fi
HDR=$(cd "$HDR" && pwd)
[ -f "$HDR/usr/include/linux/kvm.h" ] || die "no uapi headers in $HDR/usr/include"

OUT=$BUILD/selftests
mkdir -p "$OUT"
say "selftests: building $TREE -> $OUT"
make -s -C "$TREE/tools/testing/selftests/kvm" -j"$(nproc)" \
	ARCH=powerpc CROSS_COMPILE="$CROSS" OUTPUT="$OUT" \
	KHDR_INCLUDES="-isystem $HDR/usr/include" \
	EXTRA_CFLAGS=-static LDFLAGS=-static "$@" >&2

(cd "$OUT" && find . -type f -perm -u+x ! -name '*.[oda]' | sed 's|^\./||' | sort)
