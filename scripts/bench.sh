#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [iterations] -- guest exit round trips per second, our kernel
# and the unmodified base kernel, in the same QEMU configuration, in one
# run, side by side with the ratio.  Modes: v2 (cap-nested-papr, power10)
# and v1 (cap-nested-hv, power9); KVMPPC_MODES overrides.  Then the time
# real QEMU in the L1 takes to boot an L2 (the same L2 image on both) to
# user space: the median, min and max of KVMPPC_BOOT_ROUNDS (3) rounds,
# ours and base interleaved; KVMPPC_BOOT_ROUNDS=0 skips it.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"
iters=${1:-3000}
modes=${KVMPPC_MODES:-v2 v1}
rounds=${KVMPPC_BOOT_ROUNDS:-3}
boots=qemu-boot-smp1,qemu-boot-nodev,qemu-boot-smp4

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
if [ "$rounds" -gt 0 ]; then
	qinitrd=$BUILD/initramfs-qemu-bench.cpio.gz
	"$TOP/scripts/mkqemu.sh" --no-72 -k "$BUILD/out-ours/vmlinux" "$qinitrd" >/dev/null
	for r in $(seq "$rounds"); do
		for m in $modes; do
			for k in ours base; do
				"$TOP/scripts/run-qemu.sh" -k "$k" -m "$m" -i "$qinitrd" \
					-r qemu -a "kvmppc.only=$boots" -t 900 \
					-l "$BUILD/logs/$k-$m-l2boot-$r.log" || true
			done
		done
	done
fi

python3 - "$BUILD/logs" "$modes" "$rounds" <<'PY'
import re, statistics, sys
logs, modes, rounds = sys.argv[1], sys.argv[2].split(), int(sys.argv[3])
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

def boots(path):
    """{scenario: seconds to the L2's user space} from a qemu suite log."""
    out, suite = {}, None
    try:
        for l in open(path, errors='replace'):
            m = re.match(r'KVMPPC-SUITE-BEGIN (\S+)', l)
            if m:
                suite = m.group(1)
            m = re.match(r'# qemu-l2 smp=\d+ boot=([0-9.]+)s', l)
            if m and suite:
                out[suite] = float(m.group(1))
    except OSError:
        pass
    return out
def summary(vals):
    if not vals:
        return 'n/a'
    return '%.1f (%.1f-%.1f) x%d' % (statistics.median(vals), min(vals), max(vals), len(vals))
if rounds:
    print()
    print('L2 boot to user space under QEMU in the L1, s: median (min-max) xboots')
    print('%-4s %-16s %20s %20s %9s' % ('mode', 'scenario', 'ours', 'base', 'base/ours'))
    for mode in modes:
        for sc in ('qemu-boot-smp1', 'qemu-boot-nodev', 'qemu-boot-smp4'):
            got = {}
            for k in ('ours', 'base'):
                got[k] = [v for v in (boots('%s/%s-%s-l2boot-%d.log' % (logs, k, mode, r)).get(sc)
                                      for r in range(1, rounds + 1)) if v is not None]
            o, b = got['ours'], got['base']
            ratio = '%.2fx' % (statistics.median(b) / statistics.median(o)) if o and b else '-'
            print('%-4s %-16s %20s %20s %9s' % (mode, sc, summary(o), summary(b), ratio))
PY
