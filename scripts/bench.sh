#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [iterations] -- guest exit round trips per second, our kernel
# and the unmodified base kernel, in the same QEMU configuration, in one
# run, side by side with the ratio.  Modes: v2 (cap-nested-papr, power10)
# and v1 (cap-nested-hv, power9); KVMPPC_MODES overrides.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"
iters=${1:-3000}
modes=${KVMPPC_MODES:-v2 v1}

"$TOP/scripts/setup.sh"
"$TOP/scripts/build.sh" ours
"$TOP/scripts/build.sh" base
dirs=$("$TOP/scripts/userspace.sh")
initrd=$BUILD/initramfs-test.cpio.gz
# shellcheck disable=SC2086
"$TOP/scripts/mkinitramfs.sh" "$initrd" $dirs

for m in $modes; do
	for k in ours base; do
		"$TOP/scripts/run-qemu.sh" -k "$k" -m "$m" -i "$initrd" -r bench \
			-a "kvmppc.iters=$iters" -t 900 \
			-l "$BUILD/logs/$k-$m-bench.log" || true
	done
done

python3 - "$BUILD/logs" "$modes" <<'PY'
import re, sys
logs, modes = sys.argv[1], sys.argv[2].split()
def figures(path):
    out = {}
    try:
        for l in open(path, errors='replace'):
            m = re.match(r'BENCH (\S+) exits=(\d+) secs=(\S+) rate=(\d+) l0_per_exit=(\S+)', l)
            if m:
                out[m.group(1)] = (int(m.group(4)), m.group(5))
    except OSError:
        pass
    return out
print('%-4s %-14s %12s %8s %12s %8s %7s' % ('mode', 'exit', 'ours/s', 'L0/exit', 'base/s', 'L0/exit', 'ratio'))
for mode in modes:
    ours = figures('%s/ours-%s-bench.log' % (logs, mode))
    base = figures('%s/base-%s-bench.log' % (logs, mode))
    for kind in ('hcall-to-user', 'mmio-load', 'mmio-store'):
        o, b = ours.get(kind), base.get(kind)
        ratio = '%.2fx' % (o[0] / b[0]) if o and b and b[0] else '-'
        print('%-4s %-14s %12s %8s %12s %8s %7s' % (mode, kind,
              o[0] if o else 'n/a', o[1] if o else '-',
              b[0] if b else 'n/a', b[1] if b else '-', ratio))
PY
