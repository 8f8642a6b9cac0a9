#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# userspace.sh -- build what runs inside the test kernel (static ppc64le):
# the demo and the selftests, from the grafted tree's uapi headers (the
# same ABI for our kernel and the base kernel).  Prints the directories
# holding the binaries: build/demo and build/selftests-bin.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

"$TOP/scripts/graft.sh" >&2
HDR=$BUILD/selftests-hdr
make -s -C "$BUILD/graft" ARCH=powerpc O="$HDR" INSTALL_HDR_PATH="$HDR/usr" \
	headers_install >&2

D=$BUILD/demo
mkdir -p "$D"
if [ ! -x "$D/kvmppc-demo" ] || [ "$TOP/demo/kvmppc-demo.c" -nt "$D/kvmppc-demo" ]; then
	"${CROSS}gcc" -static -O2 -Wall -Werror -isystem "$HDR/usr/include" \
		-o "$D/kvmppc-demo" "$TOP/demo/kvmppc-demo.c"
fi
echo "$D"

B=$BUILD/selftests-bin
# A failed build must fail here, not leave an empty test list behind.
built=$("$TOP/scripts/selftests.sh" "$BUILD/graft" "$HDR")
[ -n "$built" ] || die "no selftest was built"
# What powerpc.mk lists, and nothing a stale build left behind.
tests=$(sed -n 's/^TEST_GEN_PROGS\(_EXTENDED\)\{0,1\}_powerpc += //p' \
	"$TOP/tools/testing/selftests/kvm/powerpc.mk")
rm -rf "$B"
mkdir -p "$B"
for t in $tests; do
	[ -x "$BUILD/selftests/$t" ] || die "selftest $t was not built"
	cp "$BUILD/selftests/$t" "$B/$(basename "$t")"
done
echo "$B"
