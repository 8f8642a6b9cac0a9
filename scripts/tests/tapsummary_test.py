#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self-test of the harness: scripts/tapsummary.py and scripts/guest/selftests.

Usage: tapsummary_test.py [-v]           run as a unittest
       tapsummary_test.py --tsv FILE     append one check.sh result line per
                                         test ("harness<TAB>name<TAB>pass|fail|
                                         skip<TAB>detail") to FILE

  reports/*.log   one kernel report each, as a 6.12 console prints it; the
                  EXPECTED table says which kind and what its first line is
                  (clean*.log: none at all)
  console/*.log   selftest results with timeouts and a guest that died,
                  KUnit with failures, a skip, a crash and a missing run
  the guest's selftests script, run by the host's sh on fake tests: one
  hangs (and its child), one ignores SIGTERM; the rest still run
  the kernel's KUnit parser and ours agree on the logs in build/logs
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(TOP, 'scripts'))
import tapsummary as ts     # noqa: E402

REPORTS = os.path.join(HERE, 'reports')
CONSOLE = os.path.join(HERE, 'console')
KP = ts.load_kunit_parser()


def expected_reports():
    with open(os.path.join(REPORTS, 'EXPECTED')) as t:
        rows = [l.rstrip('\n').split('\t') for l in t
                if l.strip() and not l.startswith('#')]
    return [tuple(r) for r in rows]


def summarise(lines, label='x', kp=KP):
    suites = OrderedDict()
    ts.parse_kunit(lines, suites, label, kp)
    ts.parse_selftests(lines, suites, label)
    return suites


def counts(suites, name):
    s = suites[name]
    return s.passed, s.failed, s.skipped


class Reports(unittest.TestCase):
    """Each fixture: exactly one report, of its kind, named by its line."""

    def check(self, f, kind, title):
        reports = ts.find_reports(ts.read_log(os.path.join(REPORTS, f)))
        if kind == '-':
            self.assertEqual([r.name() for r in reports], [])
            return
        self.assertEqual(len(reports), 1, [r.name() for r in reports])
        self.assertEqual(reports[0].kind, kind, reports[0].name())
        self.assertTrue(reports[0].title.startswith(title), reports[0].title)

    def test_every_fixture_listed(self):
        listed = set(f for f, _, _ in expected_reports())
        present = set(os.path.basename(p) for p in glob.glob(os.path.join(REPORTS, '*.log')))
        self.assertEqual(present - listed, set())
        self.assertEqual(listed - present, set())

    def test_two_warnings_are_two(self):
        w = ts.read_log(os.path.join(REPORTS, 'warn.log'))
        self.assertEqual(len(ts.find_reports(w + w)), 2)

    def test_second_oops_is_another(self):
        o = ts.read_log(os.path.join(REPORTS, 'kernel-bug.log'))
        second = [l.replace('[#1]', '[#2]') for l in o if 'Oops' in l]
        self.assertEqual([r.kind for r in ts.find_reports(o + second)],
                         ['kernel BUG', 'Oops'])

    def test_kmemleak_summary_alone(self):
        lines = ['kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)\n']
        self.assertEqual([r.kind for r in ts.find_reports(lines)], ['kmemleak'])

    def test_named_by_the_test_running(self):
        lines = ['KVMPPC-SUITE-BEGIN mmio_test timeout=300\n'] + \
            ts.read_log(os.path.join(REPORTS, 'refcount.log'))
        self.assertTrue(ts.find_reports(lines)[0].name().endswith('(during mmio_test)'))

    def test_dmesg_repeats_ignored(self):
        lines = ['KVMPPC-DMESG ' + l for l in ts.read_log(os.path.join(REPORTS, 'warn.log'))]
        self.assertEqual(ts.find_reports(lines), [])


def report_test(f, kind, title):
    return lambda self: self.check(f, kind, title)


for _f, _k, _t in expected_reports():
    setattr(Reports, 'test_report_' + _f[:-4].replace('-', '_'), report_test(_f, _k, _t))


class Console(unittest.TestCase):
    def lines(self, f):
        return ts.read_log(os.path.join(CONSOLE, f))

    def test_timeouts(self):
        s = summarise(self.lines('timeout.log'))
        self.assertEqual(counts(s, 'a_pass [x]'), (2, 0, 0))
        self.assertEqual(counts(s, 'b_hang [x]'), (1, 1, 0))
        self.assertIn('TIMEOUT 2 seconds', s['b_hang [x]'].failures[0])
        self.assertEqual(counts(s, 'c_quiet [x]'), (0, 1, 0))
        self.assertIn('SIGKILL did not end it', s['c_quiet [x]'].failures[0])
        # An END with rc=124 and no TIMEOUT line (an older guest script).
        self.assertEqual(counts(s, 'd_old [x]'), (0, 1, 0))
        self.assertIn('TIMEOUT', s['d_old [x]'].failures[0])
        self.assertEqual(counts(s, 'e_skip [x]'), (0, 0, 1))
        # No END: the guest died during it.
        self.assertEqual(counts(s, 'f_died [x]'), (1, 1, 0))
        self.assertIn('no KVMPPC-SUITE-END', s['f_died [x]'].failures[0])
        self.assertNotIn('kunit [x]', s)

    def kunit(self, kp):
        s = summarise(self.lines('kunit.log'), kp=kp)
        self.assertEqual(counts(s, 'kunit:kvm_ppc_regs [x]'), (3, 1, 1))
        self.assertEqual(counts(s, 'kunit:kvm_ppc_spr [x]'), (1, 1, 0))
        self.assertEqual(counts(s, 'x_test [x]'), (1, 0, 0))
        return s

    def test_kunit_own_parser(self):
        s = self.kunit(None)
        self.assertEqual(s['kunit:kvm_ppc_regs [x]'].failures, ['PURR'])

    @unittest.skipIf(KP is None, 'no tools/testing/kunit in build/graft or build/base')
    def test_kunit_kernel_parser(self):
        s = self.kunit(KP)
        self.assertEqual(s['kunit:kvm_ppc_regs [x]'].failures, ['regs_row_lookup.PURR'])

    @unittest.skipIf(KP is None, 'no tools/testing/kunit in build/graft or build/base')
    def test_kunit_crash(self):
        lines = self.lines('kunit-crash.log')
        s = summarise(lines)
        self.assertEqual(counts(s, 'kunit:kvm_ppc_spr [x]'), (1, 2, 0))
        self.assertEqual([r.kind for r in ts.find_reports(lines)], ['Oops'])

    def test_kunit_missing(self):
        for kp in (None, KP):
            s = summarise(self.lines('kunit-missing.log'), kp=kp)
            self.assertEqual(counts(s, 'kunit [x]'), (0, 1, 0))

    @unittest.skipIf(KP is None, 'no tools/testing/kunit in build/graft or build/base')
    def test_kunit_parsers_agree_on_build_logs(self):
        logs = sorted(glob.glob(os.path.join(ts.BUILD, 'logs', '*.log')))
        seen = 0
        for log in logs:
            boot = ts.boot_part(ts.read_log(log))
            mine, theirs = ts.kunit_counts_own(boot), ts.kunit_counts_kernel(KP, boot)
            if theirs and any(v[1] for v in theirs.values()):
                continue    # a crash: the kernel's parser counts what ours cannot
            self.assertEqual(mine, theirs, log)
            seen += theirs is not None
        if not seen:
            self.skipTest('no KUnit run in build/logs/*.log')


FAKE = {
    'a_pass': 'echo "TAP version 13"; echo 1..1; echo "ok 1 a.pass"',
    'b_hang': 'echo "TAP version 13"; echo 1..2; echo "ok 1 b.first"\n'
              'sleep 1000 & echo $! >"$OUT/b.child"\n'
              'printf "#  RUN           b.second ..."; sleep 1000',
    'c_stubborn': "trap '' TERM; echo $$ >\"$OUT/c.pid\"; while :; do sleep 1; done",
    'd_skip': 'echo "1..0 # SKIP no kvm"; exit 4',
    'e_last': 'echo "TAP version 13"; echo 1..1; echo "ok 1 e.last"',
    'f_bench': 'echo "not ok 1 benchmarks do not run here"',
}


class GuestScript(unittest.TestCase):
    """scripts/guest/selftests, under the host's sh (busybox sh if the host
    has one, as in the guest)."""

    def run_guest(self, cmdline, settings):
        d = tempfile.mkdtemp()
        os.mkdir(os.path.join(d, 'tests'))
        for name, body in FAKE.items():
            p = os.path.join(d, 'tests', name)
            with open(p, 'w') as f:
                f.write('#!/bin/sh\nOUT=%s\n%s\n' % (d, body))
            os.chmod(p, 0o755)
        if settings is not None:
            with open(os.path.join(d, 'tests', 'settings'), 'w') as f:
                f.write(settings)
        with open(os.path.join(d, 'cmdline'), 'w') as f:
            f.write(cmdline + '\n')
        sh = ['busybox', 'sh'] if subprocess.call(
            'command -v busybox', shell=True, stdout=subprocess.DEVNULL) == 0 else ['sh']
        env = dict(os.environ, KVMPPC_TESTS=os.path.join(d, 'tests'),
                   KVMPPC_CMDLINE=os.path.join(d, 'cmdline'))
        self.addCleanup(shutil.rmtree, d, True)
        t0 = time.time()
        out = subprocess.run(sh + [os.path.join(TOP, 'scripts', 'guest', 'selftests')],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, timeout=120).stdout
        return d, out, time.time() - t0

    def gone(self, pidfile):
        with open(pidfile) as f:
            pid = f.read().strip()
        try:
            stat = open('/proc/%s/stat' % pid).read()
        except OSError:
            return True
        return stat.rsplit(')', 1)[1].split()[0] in 'ZX'

    def test_hang_is_killed_and_the_rest_run(self):
        d, out, secs = self.run_guest('console=hvc0 kvmppc.run=selftests',
                                      'timeout=30\ntimeout.b_hang = 2\ntimeout.c_stubborn=1\n')
        self.assertIn('\nnot ok 2 b_hang # TIMEOUT 2 seconds\n', out)
        self.assertIn('KVMPPC-SUITE-END b_hang rc=124', out)
        self.assertIn('not ok 3 c_stubborn # TIMEOUT 1 seconds\n', out)
        self.assertIn('KVMPPC-SUITE-END e_last rc=0', out)
        self.assertNotIn('f_bench', out)
        self.assertLess(secs, 25, out)      # 2 s, 1 s + 5 s of SIGTERM grace
        # The hung test's child and the one that ignored SIGTERM are gone.
        self.assertTrue(self.gone(os.path.join(d, 'b.child')))
        self.assertTrue(self.gone(os.path.join(d, 'c.pid')))
        s = summarise(out.splitlines(True))
        self.assertEqual(counts(s, 'a_pass [x]'), (1, 0, 0))
        self.assertEqual(counts(s, 'b_hang [x]'), (1, 1, 0))
        self.assertEqual(counts(s, 'c_stubborn [x]'), (0, 1, 0))
        self.assertEqual(counts(s, 'd_skip [x]'), (0, 0, 1))
        self.assertEqual(counts(s, 'e_last [x]'), (1, 0, 0))

    def test_only_and_command_line_timeout(self):
        # kvmppc.timeout= overrides "timeout=", not "timeout.<test>=";
        # 0 is no limit.
        d, out, secs = self.run_guest(
            'console=hvc0 kvmppc.only=a_pass,b_hang kvmppc.timeout=0',
            'timeout=1\ntimeout.b_hang=2\n')
        self.assertIn('KVMPPC-SUITE-BEGIN a_pass timeout=0', out)
        self.assertIn('KVMPPC-SUITE-END a_pass rc=0', out)
        self.assertIn('KVMPPC-SUITE-BEGIN b_hang timeout=2', out)
        self.assertIn('KVMPPC-SUITE-END b_hang rc=124', out)
        self.assertNotIn('c_stubborn', out)
        self.assertNotIn('e_last', out)

    def test_default_without_settings(self):
        d, out, secs = self.run_guest('console=hvc0 kvmppc.only=a_pass', None)
        self.assertIn('KVMPPC-SUITE-BEGIN a_pass timeout=300', out)
        self.assertIn('KVMPPC-SUITE-END a_pass rc=0', out)


class TsvResult(unittest.TextTestResult):
    """One check.sh line per test."""

    def __init__(self, out, *args, **kw):
        super().__init__(*args, **kw)
        self.tsv = out

    def row(self, test, status, detail=''):
        detail = ' '.join(str(detail).split())[:300]
        self.tsv.write('harness\t%s\t%s%s\n' % (test.id().split('.', 1)[1], status,
                                                '\t' + detail if detail else ''))

    def addSuccess(self, test):
        super().addSuccess(test)
        self.row(test, 'pass')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.row(test, 'fail', err[1])

    def addError(self, test, err):
        super().addError(test, err)
        self.row(test, 'fail', '%s: %s' % (err[0].__name__, err[1]))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.row(test, 'skip', reason)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--tsv':
        with open(sys.argv[2], 'a') as out:
            runner = unittest.TextTestRunner(
                resultclass=lambda *a, **kw: TsvResult(out, *a, **kw), verbosity=0)
            suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
            sys.exit(0 if runner.run(suite).wasSuccessful() else 1)
    unittest.main()
