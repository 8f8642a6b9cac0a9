#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh [kunit.py run options...]    e.g. --jobs=1, 'kvm_ppc_gsb*'
#
# Our KUnit suites through the kernel's own runner, in the grafted tree:
#   kunit.py run --arch=powerpc --kunitconfig=<ours>
# kunit.py builds a kernel of its own into build/kunit: its powerpc QEMU
# config (qemu_configs/powerpc.py) is a big-endian pseries kernel from
# defaults (CONFIG_PPC64=y, radix and hash MMU) booted with
# "-M pseries -cpu power8".  The kunitconfig,
# arch/powerpc/kvm/tests/.kunitconfig, turns on ALTIVEC and VSX, which
# that default config leaves off and our backend needs.
# A whole kernel build: not part of scripts/test.sh, which runs the same
# suites in the booted test kernels (LE, power10 and power9).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

"$TOP/scripts/graft.sh" >&2
cfg=$TOP/arch/powerpc/kvm/tests/.kunitconfig
mkdir -p "$BUILD/kunit"
cd "$BUILD/graft"
exec python3 tools/testing/kunit/kunit.py run --arch=powerpc \
	--cross_compile="$CROSS" --build_dir="$BUILD/kunit" \
	--kunitconfig="$cfg" --jobs="$(nproc)" --timeout=900 "$@"
