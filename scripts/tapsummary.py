#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise test results from console logs and check results.

Usage: tapsummary.py [--label L LOG]... [--checks FILE]... [--skip NAME WHY]...
       tapsummary.py --reports LOG...   (list the kernel reports in LOGs)

For each console LOG (labelled L, e.g. "v2"):
  * KUnit: the kernel's KTAP, read by the kernel's own parser
    (tools/testing/kunit/kunit_parser.py of build/graft or build/base);
    each test case (incl. each parameter) counts.  Without that parser,
    a small one of our own does the same.  kunit.enable=1 on the kernel
    command line and no KTAP before /init fails "kunit".
  * selftests: the TAP a binary printed between KVMPPC-SUITE-BEGIN/END
    markers; top-level "ok"/"not ok" lines count.  A binary that printed no
    result counts once: skipped if it exited 4 (KSFT_SKIP), failed otherwise.
    "# TIMEOUT" (the guest's per-test limit, rc=124) and a BEGIN with no
    END (the guest died during the test) fail it.
  * kernel reports: every splat kind (WARN, BUG, Oops, panic, lockdep, RCU,
    KASAN, UBSAN, kmemleak, hung task, lockups, RCU stalls, list and
    refcount corruption, sleeping in atomic context): one failed
    "dmesg-clean" case per report, named by its first line.
A checks FILE has lines "suite<TAB>name<TAB>pass|fail|skip<TAB>detail".
--skip NAME WHY: a row NAME with one skip, and a "SKIPPED: NAME: WHY" line
(something that could not run, e.g. modules not built).
--reference L LOG: as --label, but a reference run (our selftests on
Debian's own KVM modules, which lack our extensions): the failures of its
tests are listed ("REFERENCE: ...") and counted apart, not in the total
or the exit status; its boot row (ran to the end, /dev/kvm) counts.
Prints a table and ends with "N passed, N failed, N skipped".
Exit status 1 if anything failed.
"""
import io
import os
import re
import sys
from collections import OrderedDict

RESULT = re.compile(r'^(\s*)(ok|not ok) (\d+)\s*(?:-\s*)?([^#]*?)\s*(#\s*(\w+).*)?$')
# A console line: "[   12.345678] " (PRINTK_TIME), "[    T1] " (PRINTK_CALLER).
PREFIX = r'\[\s*\d+\.\d+\](?:\[\s*[TC]\d+\])?\s?'
STRIP = re.compile(r'^(?:' + PREFIX + r'|\[\s*[TC]\d+\]\s?)')
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get('KVMPPC_BUILD', os.path.join(TOP, 'build'))


class Suite:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []
        self.reference = False

    def add(self, status, name, n=1):
        if status == 'pass':
            self.passed += n
        elif status == 'skip':
            self.skipped += n
        else:
            self.failed += n
            self.failures.append(name)


def status_of(ok, directive):
    if directive and directive.upper() == 'SKIP':
        return 'skip'
    return 'pass' if ok == 'ok' else 'fail'


def strip(line):
    return STRIP.sub('', line.rstrip('\n'))


# ---------------------------------------------------------------- KUnit

def boot_part(lines):
    """The kernel's own output before /init: where built-in KUnit runs.
    (Later, the selftests' "TAP version 13" would look like KTAP.)"""
    for i, l in enumerate(lines):
        if 'KVMPPC-BOOTED' in l:
            return lines[:i]
    return lines


def kunit_enabled(lines):
    """What the last kunit.enable= on the kernel command line says."""
    for l in lines:
        if 'Kernel command line:' in l:
            v = re.findall(r'\bkunit\.enable=(\d)', l)
            return bool(v) and v[-1] == '1'
    return False


def load_kunit_parser():
    """The kernel's kunit_parser module, or None."""
    for tree in ('graft', 'base'):
        d = os.path.join(BUILD, tree, 'tools', 'testing', 'kunit')
        if not os.path.isfile(os.path.join(d, 'kunit_parser.py')):
            continue
        sys.path.insert(0, d)
        try:
            import kunit_printer
            import kunit_parser
        except Exception:       # an old or broken tree: use our own
            return None
        finally:
            sys.path.remove(d)
        # It prints its progress; we print our own table.
        kunit_printer.stdout._output = io.StringIO()
        return kunit_parser
    return None


def kunit_counts_kernel(kp, lines):
    """{suite: [passed, failed, skipped, [failed case names]]} from the
    kernel's parser, or None if it found no KTAP."""
    kp.stdout._output = io.StringIO()
    main = kp.parse_run_tests([l.rstrip('\n') for l in lines])
    if main.status == kp.TestStatus.FAILURE_TO_PARSE_TESTS:
        return None
    ok = (kp.TestStatus.SUCCESS, kp.TestStatus.SKIPPED)

    def failed(t, path):
        if not t.subtests:
            return [] if t.status in ok else [path or '(missing)']
        out = []
        for s in t.subtests:
            out += failed(s, (path + '.' if path else '') + (s.name or '(missing)'))
        return out

    res = OrderedDict()
    for s in main.subtests:
        c = s.counts
        fails = failed(s, '') if (c.failed or c.crashed) else []
        if s.status == kp.TestStatus.NO_TESTS:
            c.failed, fails = c.failed + 1, ['no test cases ran']
        res[s.name or '(missing)'] = [c.passed, c.failed + c.crashed,
                                      c.skipped, fails]
    if main.counts.errors and not res:
        res['(unparsable)'] = [0, 1, 0, ['the KTAP could not be parsed']]
    return res


def kunit_counts_own(lines):
    """The same from our own parser: "# Subtest: <suite>" at indent 4, its
    cases' results at indent 4, a parameterised case's results at indent
    8 (then its own line at indent 4 is a summary, not counted), the
    suite's at indent 0."""
    res = OrderedDict()
    cur = None
    params = 0
    for raw in lines:
        line = strip(raw)
        m = re.match(r'^    # Subtest: (\S+)', line)
        if m:
            cur, params = m.group(1), 0
            res.setdefault(cur, [0, 0, 0, []])
            continue
        m = RESULT.match(line)
        if not m or cur is None:
            continue
        indent = len(m.group(1).expandtabs())
        name = m.group(4)
        if indent == 0:
            if name == cur:
                cur = None
            continue
        if indent >= 8 or (indent == 4 and not params):
            st = status_of(m.group(2), m.group(6))
            c = res[cur]
            c[{'pass': 0, 'fail': 1, 'skip': 2}[st]] += 1
            if st == 'fail':
                c[3].append(name)
        if indent == 4:
            params = 0
        else:
            params += 1
    return res or None


def ktap_documents(lines):
    """Split at each top-level "KTAP version" line: built-in KUnit prints
    one document, and each KUnit module another when it is loaded."""
    docs, cur = [], []
    for l in lines:
        if re.match(r'^KTAP version \d+$', strip(l)) and cur:
            docs.append(cur)
            cur = []
        cur.append(l)
    if cur:
        docs.append(cur)
    return docs


def parse_kunit(lines, suites, label, kp):
    boot = boot_part(lines)
    res = None
    for doc in ktap_documents(boot):
        # "1..0" (no suite built in), or a module's plan with KUnit off.
        if not any('# Subtest:' in l for l in doc):
            continue
        r = kunit_counts_kernel(kp, doc) if kp else kunit_counts_own(doc)
        if r:
            res = res or OrderedDict()
            res.update(r)
    if res is None:
        if kunit_enabled(lines):
            suites.setdefault('kunit [%s]' % label, Suite()).add(
                'fail', 'kunit.enable=1 but no KTAP before /init')
        return
    for name, (p, f, s, fails) in res.items():
        st = suites.setdefault('kunit:%s [%s]' % (name, label), Suite())
        st.add('pass', '', p)
        st.add('skip', '', s)
        st.failed += f
        if f:
            st.failures += fails or ['%d case(s)' % f]


# ------------------------------------------------------------ selftests

def parse_selftests(lines, suites, label):
    cur = None
    seen = 0

    def unfinished():
        suites['%s [%s]' % (cur, label)].add(
            'fail', '%s: no KVMPPC-SUITE-END (the guest stopped during it)' % cur)

    for raw in lines:
        line = raw.rstrip('\n')
        m = re.match(r'^KVMPPC-SUITE-BEGIN (\S+)', line)
        if m:
            if cur:
                unfinished()
            cur, seen = m.group(1), 0
            suites.setdefault('%s [%s]' % (cur, label), Suite())
            continue
        m = re.match(r'^KVMPPC-SUITE-END (\S+) rc=(\d+)', line)
        if m and cur:
            s = suites['%s [%s]' % (cur, label)]
            rc = int(m.group(2))
            if rc == 124 and not any('TIMEOUT' in f for f in s.failures):
                s.add('fail', '%s: TIMEOUT (rc=124)' % cur)
            elif not seen:
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
            name = m.group(4)
            if m.group(6) and m.group(6).upper() == 'TIMEOUT':
                name = '%s: %s' % (name, m.group(5).lstrip('# '))
            suites['%s [%s]' % (cur, label)].add(
                status_of(m.group(2), m.group(6)), name)
    if cur:
        unfinished()


# ------------------------------------------------------- kernel reports

# (kind, pattern, anchored).  The first that matches names a line.  An
# anchored pattern must start the line or follow a printk timestamp; the
# others are specific enough to be found anywhere (a console line can be
# cut into by another CPU's).
TITLES = [
    ('cut here', r'------------\[ cut here \]------------', False),
    ('KASAN', r'BUG: KASAN: ', False),
    ('KFENCE', r'BUG: KFENCE: ', False),
    ('soft lockup', r'BUG: soft lockup - CPU#\d+ stuck for ', False),
    ('hard lockup', r'(?:CPU \d+ (?:self-)?detected|Watchdog detected) hard LOCKUP', False),
    ('hard lockup', r'CPU \d+ Hard LOCKUP$', False),    # each stuck CPU's part
    ('sleeping in atomic', r'BUG: sleeping function called from invalid context', False),
    ('scheduling while atomic', r'BUG: scheduling while atomic', False),
    ('Oops', r'BUG: (?:Kernel NULL pointer dereference|Unable to handle kernel)', False),
    ('kernel BUG', r'kernel BUG at \S+', False),
    ('RCU', r'WARNING: suspicious RCU usage', False),
    ('lockdep', r'WARNING: (?:possible (?:recursive|circular|irq lock inversion) |'
                r'inconsistent lock state|bad unlock balance detected|'
                r'lock held when returning to user space|held lock freed|'
                r'Nested lock was not taken|\S+-safe -> \S+-unsafe lock order|'
                r'\S+ still has locks held|bad contention detected)', False),
    ('UBSAN', r'UBSAN: [a-z-]+ in ', False),
    ('kmemleak', r'unreferenced object 0x[0-9a-f]+ \(size \d+\)', False),
    ('kmemleak summary', r'kmemleak: \d+ new suspected memory leaks', False),
    ('hung task', r'INFO: task .+ blocked for more than \d+ seconds', False),
    ('RCU stall', r'INFO: rcu_\w+ (?:self-)?detected (?:expedited )?stalls?', False),
    ('RCU stall', r'rcu: rcu_\w+ kthread (?:starved for|timer wakeup)', False),
    ('list corruption', r'\bh?list_\w+ corruption', False),
    ('refcount', r'refcount_t: [a-z]', False),
    ('slab', r'BUG \S+ \((?:Not tainted|Tainted: [^)]*)\): ', True),
    ('WARNING', r'WARNING: CPU: \d+ PID: \d+ at ', False),
    ('Oops', r'Oops(?:: | - |\[#)', True),
    ('Oops', r'Unable to handle kernel ', True),
    ('Oops', r'Kernel stack overflow in process ', True),
    ('Oops', r'general protection fault', True),
    ('Kernel panic', r'Kernel panic - not syncing', True),
    ('lockdep', r'\[ (?:BUG|INFO): .* \]$', True),
    ('BUG', r'BUG: ', True),
    ('WARNING', r'WARNING: ', True),
]
TITLES = [(k, re.compile(p), a) for k, p, a in TITLES]
ANYWHERE = re.compile(PREFIX)
# Lines that look like reports and are not.
BENIGN = re.compile('|'.join([
    r'WARNING: nvram corruption detected: 0-length partition',  # QEMU's empty NVRAM
]))
CUT_WINDOW = 20     # lines from "cut here" to the line that names it
WINDOW = 400        # lines a report's Oops or panic may follow it by


def classify(line):
    """(kind, title) for a line that starts a report or is part of one."""
    body = strip(line)
    starts = [body] + [line[m.end():] for m in ANYWHERE.finditer(line)
                       if m.start() > 0]
    for kind, rx, anchored in TITLES:
        for s in starts if anchored else [line]:
            m = rx.match(s) if anchored else rx.search(s)
            if m:
                title = (s if anchored else line[m.start():]).strip()
                if BENIGN.search(title):
                    return None, None
                return kind, title
    return None, None


class Report:
    def __init__(self, kind, title, at, during, cut=None, msg=None):
        self.kind, self.title, self.at, self.during = kind, title, at, during
        self.cut, self.msg = cut, msg
        self.warned = kind == 'WARNING' and title.startswith('WARNING: CPU:')
        self.oopsed = False

    def name(self):
        t = self.title
        if self.msg and self.kind in ('WARNING', 'BUG'):
            t = '%s (%s)' % (t, self.msg)
        if self.kind not in t[:40]:
            t = '%s: %s' % (self.kind, t)
        return '%s (%s)' % (t, self.during)

    def absorbs(self, kind, title, at, during):
        """Is this line the same report going on?"""
        if at - self.at > WINDOW or during != self.during:
            return False
        if kind == 'Kernel panic':          # the consequence of the report
            return True
        if kind == 'Oops':                  # "kernel BUG at" then "Oops: ..."
            if self.kind in ('kernel BUG', 'Oops') and not self.oopsed and \
                    title.startswith('Oops'):
                self.oopsed = True
                return True
            return False
        if kind == 'WARNING' and title.startswith('WARNING: CPU:'):
            # WARN(cond, msg): cut here, msg (refcount_t, list_add ...),
            # then the WARNING line.
            if self.cut is not None and not self.warned and \
                    at - self.cut <= CUT_WINDOW:
                self.warned = True
                return True
            return False
        if kind == 'RCU stall' and self.kind == 'RCU stall':
            return 'kthread' in title
        if kind == 'hard lockup' and self.kind == 'hard lockup':
            return 'Hard LOCKUP' in title
        return False


def find_reports(lines):
    """The kernel reports in a console log, each once."""
    reports = []
    cur = None
    cut = None          # [line index, message] of a "cut here" not yet named
    during = 'boot'
    summaries = []
    leaks = set()
    for i, raw in enumerate(lines):
        line = raw.rstrip('\n')
        if line.startswith('KVMPPC-'):
            # The guest's markers; KVMPPC-DMESG lines repeat dmesg lines.
            m = re.match(r'^KVMPPC-SUITE-(BEGIN|END) (\S+)', line)
            if m:
                during = ('during ' if m.group(1) == 'BEGIN' else 'after ') + m.group(2)
            continue
        kind, title = classify(line)
        if kind is None:
            if cut is not None:
                if cut[1] is None and strip(line).strip():
                    cut[1] = strip(line).strip()
                if i - cut[0] > CUT_WINDOW:
                    cur = Report('WARNING', 'cut here', cut[0], during, msg=cut[1])
                    reports.append(cur)
                    cut = None
            continue
        if kind == 'cut here':
            if cut is not None:
                reports.append(Report('WARNING', 'cut here', cut[0], during, msg=cut[1]))
            cut = [i, None]
            continue
        if kind == 'kmemleak':
            # The same object listed twice (the log and the debugfs file).
            obj = title.split(' (')[0]
            if obj in leaks:
                continue
            leaks.add(obj)
        if kind == 'kmemleak summary':
            summaries.append(Report('kmemleak', title, i, during))
            continue
        if cut is not None:
            cur = Report(kind, title, i, during, cut=cut[0],
                         msg=cut[1] if cut[1] != title else None)
            reports.append(cur)
            cut = None
            continue
        if cur is not None and cur.absorbs(kind, title, i, during):
            continue
        cur = Report(kind, title, i, during)
        reports.append(cur)
    if cut is not None:
        reports.append(Report('WARNING', 'cut here', cut[0], during, msg=cut[1]))
    # "kmemleak: N new suspected memory leaks" counts only if the objects
    # themselves were not listed (the guest cats the kmemleak file).
    if not any(r.kind == 'kmemleak' for r in reports):
        reports += summaries[:1]
    return reports


def parse_reports(lines, suites, label):
    s = suites.setdefault('dmesg-clean [%s]' % label, Suite())
    bad = find_reports(lines)
    if bad:
        for r in bad:
            s.add('fail', r.name())
    else:
        s.add('pass', 'no kernel reports')


# ----------------------------------------------------------------- main

def read_log(path):
    with open(path, errors='replace') as f:
        return f.readlines()


def main(argv):
    suites = OrderedDict()
    if len(argv) > 1 and argv[1] == '--reports':
        n = 0
        for log in argv[2:]:
            for r in find_reports(read_log(log)):
                print('%s:%d: %s' % (log, r.at + 1, r.name()))
                n += 1
        return 1 if n else 0
    kp = load_kunit_parser()
    skips = []
    i = 1
    while i < len(argv):
        if argv[i] in ('--label', '--reference') and i + 2 < len(argv):
            label, log = argv[i + 1], argv[i + 2]
            reference = argv[i] == '--reference'
            i += 3
            try:
                lines = read_log(log)
            except OSError as e:
                suites.setdefault('boot [%s]' % label, Suite()).add('fail', str(e))
                continue
            boot = suites.setdefault('boot [%s]' % label, Suite())
            boot.add('pass' if any('KVMPPC-DONE' in l for l in lines) else 'fail',
                     'guest ran to the end (%s)' % log)
            # Without /dev/kvm every selftest would skip: that is a failure.
            boot.add('pass' if any('KVMPPC-DEVKVM yes' in l for l in lines) else 'fail',
                     '/dev/kvm exists (%s)' % log)
            before = set(suites)
            parse_kunit(lines, suites, label, kp)
            parse_selftests(lines, suites, label)
            parse_reports(lines, suites, label)
            if reference:
                for name in set(suites) - before:
                    suites[name].reference = True
        elif argv[i] == '--checks' and i + 1 < len(argv):
            for l in open(argv[i + 1]):
                parts = l.rstrip('\n').split('\t')
                if len(parts) >= 3:
                    suites.setdefault(parts[0], Suite()).add(
                        parts[2], parts[1] + (': ' + parts[3] if len(parts) > 3 else ''))
            i += 2
        elif argv[i] == '--skip' and i + 2 < len(argv):
            suites.setdefault(argv[i + 1], Suite()).add('skip', argv[i + 2])
            skips.append((argv[i + 1], argv[i + 2]))
            i += 3
        else:
            sys.exit('usage: tapsummary.py [--label L LOG]... [--reference L LOG]...\n'
                     '                     [--checks FILE]... [--skip NAME WHY]...\n'
                     '       tapsummary.py --reports LOG...')
    tp = tf = ts = rf = 0
    width = max([len(k) for k in suites] + [5])
    print('%-*s %6s %6s %7s' % (width, 'suite', 'passed', 'failed', 'skipped'))
    for name, s in suites.items():
        print('%-*s %6d %6d %7d' % (width, name, s.passed, s.failed, s.skipped))
        tp, ts = tp + s.passed, ts + s.skipped
        if s.reference:
            rf += s.failed
        else:
            tf += s.failed
    for name, s in suites.items():
        for f in s.failures:
            print('%s: %s: %s' % ('REFERENCE' if s.reference else 'FAILED', name, f))
    for name, why in skips:
        print('SKIPPED: %s: %s' % (name, why))
    if rf:
        print('%d failed in reference runs (not counted below)' % rf)
    print('%d passed, %d failed, %d skipped' % (tp, tf, ts))
    return 1 if tf else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
