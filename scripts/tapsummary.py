#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise test results from console logs and check results.

Usage: tapsummary.py [--label L LOG]... [--checks FILE]...

For each console LOG (labelled L, e.g. "v2"):
  * KUnit: the kernel's KTAP; each test case (incl. each parameter) counts.
  * selftests: the TAP a binary printed between KVMPPC-SUITE-BEGIN/END
    markers; top-level "ok"/"not ok" lines count.  A binary that printed no
    result counts once: skipped if it exited 4 (KSFT_SKIP), failed otherwise.
  * kernel reports (BUG, WARNING, Oops, KASAN, UBSAN, kmemleak, lockdep):
    one failed "dmesg" case each.
A checks FILE has lines "suite<TAB>name<TAB>pass|fail|skip<TAB>detail".
Prints a table and ends with "N passed, N failed, N skipped".
Exit status 1 if anything failed.
"""
import re
import sys
from collections import OrderedDict

RESULT = re.compile(r'^(\s*)(ok|not ok) (\d+)\s*(?:-\s*)?([^#]*?)\s*(#\s*(\w+).*)?$')
REPORT = re.compile(r'(BUG: |WARNING: CPU: \d+ PID: |------------\[ cut here \]|Oops|Kernel panic|'
                    r'UBSAN: |suspected memory leak|unreferenced object|'
                    r'possible circular locking|inconsistent lock state|'
                    r'sleeping function called from invalid context)')
STRIP = re.compile(r'^\[\s*\d+\.\d+\]\s?')

class Suite:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []

    def add(self, status, name):
        if status == 'pass':
            self.passed += 1
        elif status == 'skip':
            self.skipped += 1
        else:
            self.failed += 1
            self.failures.append(name)

def status_of(ok, directive):
    if directive and directive.upper() == 'SKIP':
        return 'skip'
    return 'pass' if ok == 'ok' else 'fail'

def parse_kunit(lines, suites, label):
    """KUnit: "# Subtest: <suite>" at indent 4, its cases' results at
    indent 4, a parameterised case's results at indent 8 (then its own
    line at indent 4 is a summary, not counted), the suite's at indent 0."""
    cur = None
    params = 0
    for raw in lines:
        line = STRIP.sub('', raw.rstrip('\n'))
        m = re.match(r'^    # Subtest: (\S+)', line)
        if m:
            cur, params = m.group(1), 0
            continue
        m = RESULT.match(line)
        if not m or cur is None:
            continue
        indent = len(m.group(1).expandtabs())
        name = m.group(4)
        key = 'kunit:%s [%s]' % (cur, label)
        if indent == 0:
            if name == cur:
                cur = None
            continue
        if indent >= 8:
            params += 1
            suites.setdefault(key, Suite()).add(
                status_of(m.group(2), m.group(6)), name)
        elif indent == 4:
            if not params:
                suites.setdefault(key, Suite()).add(
                    status_of(m.group(2), m.group(6)), name)
            params = 0

def parse_selftests(lines, suites, label):
    cur = None
    seen = 0
    for raw in lines:
        line = raw.rstrip('\n')
        m = re.match(r'^KVMPPC-SUITE-BEGIN (\S+)', line)
        if m:
            cur, seen = m.group(1), 0
            suites.setdefault('%s [%s]' % (cur, label), Suite())
            continue
        m = re.match(r'^KVMPPC-SUITE-END (\S+) rc=(\d+)', line)
        if m and cur:
            s = suites['%s [%s]' % (cur, label)]
            rc = int(m.group(2))
            if not seen:
                s.add('skip' if rc == 4 else ('pass' if rc == 0 else 'fail'),
                      '%s (rc=%d, no TAP)' % (cur, rc))
            elif rc not in (0, 4) and not s.failed:
                s.add('fail', '%s exited %d' % (cur, rc))
            cur = None
            continue
        if cur is None:
            continue
        m = RESULT.match(line)
        # kselftest_harness's TEST_REQUIRE prints a nameless "ok N # SKIP
        # <reason>" from the test's child before the test's own line.
        if m and m.group(1) == '' and m.group(4):
            seen += 1
            suites['%s [%s]' % (cur, label)].add(
                status_of(m.group(2), m.group(6)), m.group(4))

def parse_reports(lines, suites, label):
    s = suites.setdefault('dmesg-clean [%s]' % label, Suite())
    bad = [STRIP.sub('', l.strip()) for l in lines if REPORT.search(l)]
    if bad:
        for b in bad:
            s.add('fail', b)
    else:
        s.add('pass', 'no kernel reports')

def main(argv):
    suites = OrderedDict()
    i = 1
    while i < len(argv):
        if argv[i] == '--label':
            label, log = argv[i + 1], argv[i + 2]
            i += 3
            try:
                lines = open(log, errors='replace').readlines()
            except OSError as e:
                suites.setdefault('boot [%s]' % label, Suite()).add('fail', str(e))
                continue
            boot = suites.setdefault('boot [%s]' % label, Suite())
            boot.add('pass' if any('KVMPPC-DONE' in l for l in lines) else 'fail',
                     'guest ran to the end (%s)' % log)
            # Without /dev/kvm every selftest would skip: that is a failure.
            boot.add('pass' if any('KVMPPC-DEVKVM yes' in l for l in lines) else 'fail',
                     '/dev/kvm exists (%s)' % log)
            parse_kunit(lines, suites, label)
            parse_selftests(lines, suites, label)
            parse_reports(lines, suites, label)
        elif argv[i] == '--checks':
            for l in open(argv[i + 1]):
                parts = l.rstrip('\n').split('\t')
                if len(parts) >= 3:
                    suites.setdefault(parts[0], Suite()).add(
                        parts[2], parts[1] + (': ' + parts[3] if len(parts) > 3 else ''))
            i += 2
        else:
            sys.exit('usage: tapsummary.py [--label L LOG]... [--checks FILE]...')
    tp = tf = ts = 0
    width = max([len(k) for k in suites] + [5])
    print('%-*s %6s %6s %7s' % (width, 'suite', 'passed', 'failed', 'skipped'))
    for name, s in suites.items():
        print('%-*s %6d %6d %7d' % (width, name, s.passed, s.failed, s.skipped))
        tp, tf, ts = tp + s.passed, tf + s.failed, ts + s.skipped
    for name, s in suites.items():
        for f in s.failures:
            print('FAILED: %s: %s' % (name, f))
    print('%d passed, %d failed, %d skipped' % (tp, tf, ts))
    return 1 if tf else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv))
