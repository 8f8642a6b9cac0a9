#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""benchtable.py LOGDIR MODES ROUNDS BOOT_ROUNDS: scripts/bench.sh's tables.

From LOGDIR: <kernel>-<mode>-icount.log (one icount boot), and
<kernel>-<mode>-mttcg-<r>.log and <kernel>-<mode>-l2boot-<r>.log for
r = 1..ROUNDS (BOOT_ROUNDS), kernel "ours" or "base"."""
import re
import statistics
import sys

KINDS = ('hcall-to-user', 'hcall-in-kernel', 'mmio-load', 'mmio-store',
         'spr-exit', 'page-fault-in')
BOOTS = ('qemu-boot-smp1', 'qemu-boot-nodev', 'qemu-boot-smp4')


def figures(path):
    """{kind: {'rate': float, 'ns': float, 'l0': str}} of exit_bench's lines."""
    out = {}
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = re.match(r'BENCH (\S+) exits=\d+ secs=\S+ rate=(\d+) '
                             r'ns_per_exit=(\d+) l0_per_exit=(\S+)', line)
                if m:
                    out[m.group(1)] = {'rate': float(m.group(2)),
                                       'ns': float(m.group(3)),
                                       'l0': m.group(4)}
    except OSError:
        pass
    return out


def boots(path):
    """{scenario: seconds to the L2's user space} from a qemu suite log."""
    out, suite = {}, None
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = re.match(r'KVMPPC-SUITE-BEGIN (\S+)', line)
                if m:
                    suite = m.group(1)
                m = re.match(r'# qemu-l2 smp=\d+ boot=([0-9.]+)s', line)
                if m and suite:
                    out[suite] = float(m.group(1))
    except OSError:
        pass
    return out


def spread(vals, fmt='%.0f'):
    if not vals:
        return 'n/a'
    return (fmt + ' (' + fmt + '-' + fmt + ')') % (
        statistics.median(vals), min(vals), max(vals))


def ratio(a, b):
    return '%.2fx' % (a / b) if a and b else '-'


def main():
    logs, modes = sys.argv[1], sys.argv[2].split()
    rounds, boot_rounds = int(sys.argv[3]), int(sys.argv[4])
    print('Instructions per round trip (icount, exact) and L0 calls per exit')
    print('%-4s %-16s %9s %7s %9s %10s' % ('mode', 'exit', 'ours', 'L0/exit',
                                           'base', 'base/ours'))
    for mode in modes:
        o = figures('%s/ours-%s-icount.log' % (logs, mode))
        b = figures('%s/base-%s-icount.log' % (logs, mode))
        for kind in KINDS:
            ok, bk = o.get(kind), b.get(kind)
            print('%-4s %-16s %9s %7s %9s %10s' % (
                mode, kind, '%.0f' % ok['ns'] if ok else 'n/a',
                ok['l0'] if ok else '-', '%.0f' % bk['ns'] if bk else 'n/a',
                ratio(bk and bk['ns'], ok and ok['ns'])))
    print()
    print('Round trips per second under MTTCG: median (min-max) of %d boots'
          % rounds)
    print('%-4s %-16s %24s %24s %10s' % ('mode', 'exit', 'ours', 'base',
                                         'ours/base'))
    for mode in modes:
        runs = {k: [figures('%s/%s-%s-mttcg-%d.log' % (logs, k, mode, r))
                    for r in range(1, rounds + 1)] for k in ('ours', 'base')}
        for kind in KINDS:
            got = {k: [f[kind]['rate'] for f in runs[k] if kind in f]
                   for k in runs}
            o, b = got['ours'], got['base']
            print('%-4s %-16s %24s %24s %10s' % (
                mode, kind, spread(o), spread(b),
                ratio(o and statistics.median(o), b and statistics.median(b))))
    if not boot_rounds:
        return
    print()
    print('L2 boot to user space under QEMU in the L1, s: median (min-max) '
          'of %d boots' % boot_rounds)
    print('%-4s %-16s %20s %20s %10s' % ('mode', 'scenario', 'ours', 'base',
                                         'base/ours'))
    for mode in modes:
        for sc in BOOTS:
            got = {}
            for k in ('ours', 'base'):
                got[k] = [v for v in (
                    boots('%s/%s-%s-l2boot-%d.log' % (logs, k, mode, r)).get(sc)
                    for r in range(1, boot_rounds + 1)) if v is not None]
            o, b = got['ours'], got['base']
            print('%-4s %-16s %20s %20s %10s' % (
                mode, sc, spread(o, '%.1f'), spread(b, '%.1f'),
                ratio(b and statistics.median(b), o and statistics.median(o))))


if __name__ == '__main__':
    main()
