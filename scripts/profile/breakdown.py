#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""breakdown.py: scripts/profile/breakdown.sh's tables.

Reads <dir>/<kernel>-<mode>-<kind>.txt (insn-profile.c's "pc insns count"
lines), puts each block's instructions on the function holding its start
address (build/out-<kernel>/System.map for the kernel, nm of exit_bench
for user space: the L1's program and the L2's guest code alike), and sums
them by phase.  Prints, per mode and kind, the phases side by side for
the kernels, per round trip, then each kernel's dearest functions."""
import argparse
import bisect
import collections
import re
import subprocess

# First match wins.  Names of our kernel and of upstream's (the base).
PHASES = [
    ('L2 guest', r'^U:(guest_|ucall$|ucall_arch_do_ucall|ucall_assert|ppc_hcall)'),
    ('L1 user space', r'^U:'),
    ('syscall entry/exit', r'^K:(system_call|syscall_|sys_ioctl|__se_sys_ioctl|'
     r'do_vfs_ioctl|fdget|__fget|fput|.*_flush_fallback$|interrupt_exit_user|'
     r'check_return_regs_valid|restore_math|__rcu_read_|exit_to_user|'
     r'interrupt_return_srr_user|syscall_exit)'),
    ('guest entry/exit accounting', r'^K:(vtime_|account_|guest_timing|'
     r'kvmppc_guest_|ct_|context_tracking|__ct_|arch_local_irq_restore|'
     r'masked_interrupt|__hard_irq|get_tb|timer_get_next_tb|kvm_guest_)'),
    ('run input build', r'^K:(kvmhv_state_fill_run_input|kvmppc_gsb_put|'
     r'kvmppc_gsb_init|kvmhv_slice_end|kvmppc_reg_run_value|kvmhv_tb_to_l1|'
     r'kvmhv_nestedv2_flush_vcpu|kvmppc_gsm_fill|kvmppc_gse_put|'
     r'gs_msg_ops_vcpu_fill|kvmppc_gsbm_|kvmppc_gsb_reset|kvmppc_gsm_include|'
     r'kvmhv_nestedv2_mark_dirty|kvmppc_gsm_reset)'),
    ('L0 calls', r'^K:(plpar_|kvmhv_l0_|plpar_hcall|h_guest_|kvmhv_enter_nested)'),
    ('run output parse', r'^K:(kvmhv_state_take_run_output|kvmppc_gsb_parse|walk$|'
     r'take_elem|unflip_dec|kvmppc_gse_|kvmppc_gsid_|bsearch|cmp_gsid|'
     r'kvmppc_gsm_refresh|gs_msg_ops_vcpu_refresh|kvmppc_gsb_recv|'
     r'kvmppc_gse_parse|kvmppc_gsb_receive|kvmhv_nestedv2_parse|'
     r'kvmhv_nestedv2_cached_reload|kvmppc_gse_unpack|gs_msg_ops_kvmhv)'),
    ('state cache loads', r'^K:(kvmhv_state_|v2_regs_|to_gsids|kvmppc_find_reg|'
     r'kvmppc_regs_load|kvmppc_reg_gsid|_find_|__bitmap_|kvmhv_nestedv2_reload|'
     r'kvmhv_nestedv2_mark|kvmhv_nestedv2_get|kvmppc_gsbm_test|kvmhv_nestedv2_cached)'),
    ('exit handling', r'^K:(kvmppc_hcall|exit_|kvmppc_mmio|kvmppc_radix|'
     r'kvmhv_page_fault|kvmppc_spr|kvmppc_emulate|kvmppc_handle|kvmppc_pseries|'
     r'kvmppc_get_last_inst|kvmppc_ld|kvmppc_st|kvmhv_nested_page_fault|'
     r'kvmppc_book3s_|kvm_io_bus|__kvm_io_bus|kvmppc_fetch|fetch_at_nia|'
     r'emulate_mmio|kvmppc_load_last_inst|kvmppc_get_bytes|kvmppc_put_bytes|'
     r'kvm_read_guest|kvm_vcpu_read_guest|__kvm_read_guest|kvmppc_sw_|'
     r'kvmhv_run_single|kvmhv_handle|kvmppc_read_|kvmppc_h_|kvm_arch_vcpu_ioctl_run|'
     r'kvmppc_vcpu_run|kvmppc_run_vcpu|kvmhv_p9_|kvmppc_xive|kvmppc_core_)'),
    ('KVM_RUN bookkeeping', r'^K:(kvm_|vcpu_load|vcpu_put|__srcu_|srcu_|'
     r'kvmhv_run|v2_enter|v1_enter|kvmppc_|kvmhv_|preempt_notifier|'
     r'fire_|rcu_|xfer_to_guest|__schedule|schedule|_cond_resched|'
     r'prepare_to_rcuwait|finish_rcuwait|mutex_|__mutex)'),
    ('L1 interrupts', r'^K:(timer_interrupt|decrementer_|exc_|irq_|'
     r'interrupt_return_srr_kernel|interrupt_exit_kernel|pseries_calculate|'
     r'hrtimer|__hrtimer|tick_|__do_irq|do_IRQ|__irq|handle_|xive_|icp_|'
     r'__softirq|run_timer|ktime_|clockevents|update_|sched_|scheduler_|'
     r'task_tick|account_process_tick|raise_softirq|trigger_load_balance|'
     r'rcu_sched_clock_irq|calc_global|timekeeping|do_timer|'
     r'interrupt_enter|interrupt_async|arch_irq_work|irq_work|'
     r'replay_soft_interrupts|__replay_soft)'),
    ('other kernel', r'^K:'),
]


def symbols(lines):
    out = []
    for line in lines:
        p = line.split()
        if len(p) >= 3 and p[1] in 'tTwW':
            out.append((int(p[0], 16), p[2]))
    out.sort()
    return [a for a, _ in out], [n for _, n in out]


def functions(path, ksyms, usyms):
    """({function: instructions}, windows) of one profile."""
    f = collections.Counter()
    windows = 0
    with open(path) as fh:
        for line in fh:
            p = line.split()
            if p[0] == 'windows':
                windows = int(p[1])
                continue
            pc, n = int(p[0], 16), int(p[1]) * int(p[2])
            addrs, names = ksyms if pc >> 60 == 0xc else usyms
            i = bisect.bisect_right(addrs, pc) - 1
            prefix = 'K:' if pc >> 60 == 0xc else 'U:'
            f[prefix + (names[i] if i >= 0 else '?')] += n
    return f, windows


def phase_of(name):
    for ph, rx in PHASES:
        if re.match(rx, name):
            return ph
    return 'other kernel'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bench', required=True)
    ap.add_argument('--build', required=True)
    ap.add_argument('--dir', required=True)
    ap.add_argument('--iters', type=int, required=True)
    ap.add_argument('--kernels', required=True)
    ap.add_argument('--modes', required=True)
    ap.add_argument('--kinds', required=True)
    ap.add_argument('--top', type=int, default=12)
    a = ap.parse_args()
    nm = subprocess.run(['nm', '-n', a.bench], capture_output=True,
                        text=True, check=True).stdout.splitlines()
    usyms = symbols(nm)
    kernels = a.kernels.split()
    ksyms = {}
    for k in kernels:
        with open('%s/out-%s/System.map' % (a.build, k)) as fh:
            ksyms[k] = symbols(fh)
    phases = [p for p, _ in PHASES]
    for mode in a.modes.split():
        for kind in a.kinds.split():
            prof = {}
            for k in kernels:
                try:
                    f, w = functions('%s/%s-%s-%s.txt' % (a.dir, k, mode, kind),
                                     ksyms[k], usyms)
                except OSError:
                    continue
                if w != 1:
                    print('# %s %s %s: %d timed windows, not 1: skipped'
                          % (k, mode, kind, w))
                    continue
                prof[k] = f
            if not prof:
                continue
            print()
            print('%s %s: instructions per round trip, by phase' % (mode, kind))
            print('%-30s' % 'phase' + ''.join('%12s' % k for k in prof))
            for ph in phases + ['total']:
                row = '%-30s' % ph
                for k, f in prof.items():
                    n = sum(v for name, v in f.items()
                            if ph == 'total' or phase_of(name) == ph)
                    row += '%12.0f' % (n / a.iters)
                print(row)
            for k, f in prof.items():
                print('  %s, dearest functions:' % k)
                for name, v in f.most_common(a.top):
                    print('  %10.0f  %-40s %s' % (v / a.iters, name[2:],
                                                   phase_of(name)))


if __name__ == '__main__':
    main()
