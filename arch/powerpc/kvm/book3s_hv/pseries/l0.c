// SPDX-License-Identifier: GPL-2.0-only
/*
 * The calls the L1 makes to the L0, in one place: every H_GUEST_* call goes
 * through here, is counted, has H_BUSY / long-busy continuation handled,
 * and has its H_* return code turned into an errno (the only place that
 * conversion happens).
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/delay.h>
#include <linux/kvm_host.h>
#include <linux/of.h>
#include <linux/sched.h>
#include <asm/hvcall.h>
#include <asm/time.h>

#include "pseries.h"

/**
 * kvmhv_errno() - the errno for an H_* return code
 * @rc: what the L0 returned
 *
 * Return: 0 for H_SUCCESS, otherwise a negative errno: -ENOMEM when the L0
 * is out of memory, -EINVAL for a parameter or guest state element it
 * refused, -EOPNOTSUPP for a call it does not implement, -EBUSY for a state
 * conflict, -EIO for anything else.
 */
int kvmhv_errno(long rc)
{
	switch (rc) {
	case H_SUCCESS:
		return 0;
	case H_NO_MEM:
	case H_NOT_ENOUGH_RESOURCES:
		return -ENOMEM;
	case H_PARAMETER:
	case H_P2:
	case H_P3:
	case H_P4:
	case H_P5:
	case H_P6:
	case H_P7:
	case H_P8:
	case H_P9:
	case H_INVALID_ELEMENT_ID:
	case H_INVALID_ELEMENT_SIZE:
	case H_INVALID_ELEMENT_VALUE:
		return -EINVAL;
	case H_FUNCTION:
	case H_UNSUPPORTED:
		return -EOPNOTSUPP;
	case H_STATE:
	case H_BUSY:
		return -EBUSY;
	default:
		return -EIO;
	}
}

/* Wait as the L0 asked; returns false if the caller should stop retrying. */
static bool busy_wait(long rc)
{
	if (H_IS_LONG_BUSY(rc)) {
		msleep(get_longbusy_msecs(rc));
		return true;
	}
	if (rc == H_BUSY) {
		cond_resched();
		return true;
	}
	return false;
}

/**
 * kvmhv_l0_call() - make an hcall to the L0, retrying while it is busy
 * @vcpu: the vCPU to count the call against, or NULL for VM-wide calls
 * @nr: the hcall
 * @ret: PLPAR_HCALL_BUFSIZE return words (R4 onwards)
 * @a0: first argument
 * @a1: second argument
 * @a2: third argument
 * @a3: fourth argument
 * @a4: fifth argument
 *
 * For H_GUEST_CREATE the continuation token the L0 returns with H_BUSY
 * replaces @a1 on the retry, as PAPR asks.
 *
 * Return: the final H_* code.
 */
long kvmhv_l0_call(struct kvm_vcpu *vcpu, unsigned long nr,
		   unsigned long *ret, unsigned long a0, unsigned long a1,
		   unsigned long a2, unsigned long a3, unsigned long a4)
{
	long rc;

	for (;;) {
		rc = plpar_hcall(nr, ret, a0, a1, a2, a3, a4);
		if (vcpu)
			kvmhv_l0_count(vcpu, nr);
		if (!busy_wait(rc))
			return rc;
		if (nr == H_GUEST_CREATE)
			a1 = ret[0];
	}
}

/**
 * kvmhv_l0_count() - count one hcall to the L0 in the vCPU's statistics
 * @vcpu: the vCPU
 * @nr: the hcall
 */
void kvmhv_l0_count(struct kvm_vcpu *vcpu, unsigned long nr)
{
	switch (nr) {
	case H_GUEST_RUN_VCPU:
	case H_ENTER_NESTED:
		vcpu->stat.l0_run_vcpu++;
		break;
	case H_GUEST_GET_STATE:
		vcpu->stat.l0_get_state++;
		break;
	case H_GUEST_SET_STATE:
		vcpu->stat.l0_set_state++;
		break;
	default:
		vcpu->stat.l0_other++;
		break;
	}
}

/**
 * kvmhv_tb_to_l1() - a time in the guest's timebase, for the L0
 * @vcpu: the vCPU
 * @t: the time (a decrementer expiry: rows flagged KVMPPC_REG_GUEST_TB)
 *
 * The L0 counts in its (the L1's) timebase, and loads DEC with expiry - now
 * as a 32-bit value: a time further than 2^31 - 1 ticks away is sent as
 * that, which a time slice always ends before.
 *
 * Return: @t in the L1's timebase.
 */
u64 kvmhv_tb_to_l1(struct kvm_vcpu *vcpu, u64 t)
{
	u64 exp = t - READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	u64 max = mftb() + S32_MAX;

	return (s64)(exp - max) > 0 ? max : exp;
}

/*
 * How far ahead a time slice ends at least.  QEMU as the L0 (through 10.0
 * at least) loses an expiry already past when it loads it: its HDEC is
 * edge-triggered, an interrupt only when the value goes from non-negative
 * to negative, and a negative value stored while the last one had
 * expired too arms its timer 2^56 ticks ahead.  The guest then runs until
 * it exits of its own accord, which a spinning guest never does, and the
 * L1 CPU with it, its timers and the tasks queued on it.  Whatever the
 * margin, a host that stalls the L1 CPU for longer between here and the
 * L0 loading the value loses it: under QEMU every slice is a full 10 ms
 * (the L1's timers wait for the end of the slice, or for an exit, as
 * they did before slices were cut at them); elsewhere 100 us, for the
 * way to the L0.
 */
static u64 slice_min_us __read_mostly = 100;

/* The L0 is QEMU (its pseries machine): see its quirks above and in v2_state.c. */
bool kvmhv_l0_is_qemu __read_mostly;

/**
 * kvmhv_l0_probe() - note what the L0 is, once, before any guest runs
 */
void kvmhv_l0_probe(void)
{
	kvmhv_l0_is_qemu = of_machine_is_compatible("qemu,pseries");
	if (kvmhv_l0_is_qemu)
		slice_min_us = 10000;
}

/**
 * kvmhv_slice_end() - when the L0 hands a running vCPU back at the latest
 *
 * At the end of a 10 ms time slice, or at the L1's own next timer event if
 * that comes first: an L0 need not hand the vCPU back for the L1's
 * interrupts (QEMU does not), and the L1's timers, its tick and with it
 * the guest's time accounting would wait for the slice to end.  Never
 * sooner than slice_min_us ahead (a timer already due is taken before
 * the entry, kvmhv_timer_due()).  (Read off the CPU the caller is on now;
 * a vCPU thread moved before the entry gets a slice that ends a little
 * early or late.)
 *
 * Return: that time, in the L1's timebase.
 */
u64 kvmhv_slice_end(void)
{
	u64 next = this_cpu_read(decrementers_next_tb);
	u64 now = mftb();
	u64 end = now + tb_ticks_per_usec * 10000;

	/* Separate statements: min() over this_cpu_read() overflows sparse. */
	end = min(end, next);
	return max(end, now + tb_ticks_per_usec * slice_min_us);
}

/**
 * kvmhv_timer_due() - whether the L1's next timer event is due already
 *
 * Then the entry waits for it: taken by the L1 first, it is not late by
 * a time slice, and the slice after it starts with the next one ahead.
 * A due event whose decrementer interrupt the L1 has not seen yet (the
 * L0's timer lags behind its timebase) is raised now: DEC is set
 * negative, so that enabling interrupts takes it.
 *
 * Context: interrupts hard-disabled.
 * Return: true if the caller must enable interrupts before entering.
 */
bool kvmhv_timer_due(void)
{
	if (get_tb() < timer_get_next_tb())
		return false;
	if (!(local_paca->irq_happened & PACA_IRQ_DEC))
		mtspr(SPRN_DEC, -1);
	return true;
}

/* The bits of H_GET_CPU_CHARACTERISTICS that KVM_PPC_GET_CPU_CHAR defines. */
#define CPU_CHAR_KNOWN	(KVM_PPC_CPU_CHAR_SPEC_BAR_ORI31 | \
			 KVM_PPC_CPU_CHAR_BCCTRL_SERIALISED | \
			 KVM_PPC_CPU_CHAR_L1D_FLUSH_ORI30 | \
			 KVM_PPC_CPU_CHAR_L1D_FLUSH_TRIG2 | \
			 KVM_PPC_CPU_CHAR_L1D_THREAD_PRIV | \
			 KVM_PPC_CPU_CHAR_BR_HINT_HONOURED | \
			 KVM_PPC_CPU_CHAR_MTTRIG_THR_RECONF | \
			 KVM_PPC_CPU_CHAR_COUNT_CACHE_DIS | \
			 KVM_PPC_CPU_CHAR_BCCTR_FLUSH_ASSIST)
#define CPU_BEHAV_KNOWN	(KVM_PPC_CPU_BEHAV_FAVOUR_SECURITY | \
			 KVM_PPC_CPU_BEHAV_L1D_FLUSH_PR | \
			 KVM_PPC_CPU_BEHAV_BNDS_CHK_SPEC_BAR | \
			 KVM_PPC_CPU_BEHAV_FLUSH_COUNT_CACHE)

/**
 * kvmhv_pseries_cpu_char() - KVM_PPC_GET_CPU_CHAR from the L0
 * @cc: filled in
 *
 * The L2 runs on the same processors as the L1, so what the L0 tells the
 * L1 (H_GET_CPU_CHARACTERISTICS) holds for it; an L0 without the call
 * tells nothing (both masks 0).
 *
 * Return: 0.
 */
int kvmhv_pseries_cpu_char(struct kvm_ppc_cpu_char *cc)
{
	unsigned long ret[PLPAR_HCALL_BUFSIZE];

	if (plpar_hcall(H_GET_CPU_CHARACTERISTICS, ret) != H_SUCCESS)
		return 0;
	cc->character = ret[0] & CPU_CHAR_KNOWN;
	cc->behaviour = ret[1] & CPU_BEHAV_KNOWN;
	cc->character_mask = CPU_CHAR_KNOWN;
	cc->behaviour_mask = CPU_BEHAV_KNOWN;
	return 0;
}
