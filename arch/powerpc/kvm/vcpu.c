// SPDX-License-Identifier: GPL-2.0-only
/*
 * vCPU lifecycle, KVM_RUN, and the vCPU ioctls.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/uaccess.h>
#include <asm/reg.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

/**
 * kvm_arch_vcpu_precreate() - checks before a vCPU is allocated
 * @kvm: the VM
 * @id: the vCPU id user space asked for (already below KVM_MAX_VCPU_IDS)
 *
 * Return: 0.
 */
int kvm_arch_vcpu_precreate(struct kvm *kvm, unsigned int id)
{
	return 0;
}

/**
 * kvm_arch_vcpu_create() - set a new vCPU to its reset state
 * @vcpu: the vCPU, not yet visible to user space
 *
 * Return: 0 on success, or the backend's negative errno.
 */
int kvm_arch_vcpu_create(struct kvm_vcpu *vcpu)
{
	kvmppc_regs_reset(vcpu);
	hrtimer_init(&vcpu->arch.wake_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vcpu->arch.wake_timer.function = kvmppc_dec_wakeup;
	return vcpu->kvm->arch.ops->vcpu_create(vcpu);
}

/**
 * kvm_arch_vcpu_postcreate() - hook after the vCPU became visible
 * @vcpu: the vCPU
 */
void kvm_arch_vcpu_postcreate(struct kvm_vcpu *vcpu)
{
}

/**
 * kvm_arch_vcpu_destroy() - free a vCPU's powerpc and backend state
 * @vcpu: the vCPU
 */
void kvm_arch_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->arch.wake_timer);
	vcpu->kvm->arch.ops->vcpu_destroy(vcpu);
}

void kvm_arch_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	if (vcpu->kvm->arch.ops->vcpu_load)
		vcpu->kvm->arch.ops->vcpu_load(vcpu, cpu);
}

void kvm_arch_vcpu_put(struct kvm_vcpu *vcpu)
{
	if (vcpu->kvm->arch.ops->vcpu_put)
		vcpu->kvm->arch.ops->vcpu_put(vcpu);
}

/*
 * Finish what the last exit to user space left open, with what user space
 * put in kvm_run.  Each completion knows whether it has anything pending,
 * so a stale exit_reason does no harm.
 */
static int complete_exit(struct kvm_vcpu *vcpu)
{
	switch (vcpu->run->exit_reason) {
	case KVM_EXIT_MMIO:
		return kvmppc_mmio_complete(vcpu);
	case KVM_EXIT_PAPR_HCALL:
		return kvmppc_hcall_complete(vcpu);
	case KVM_EXIT_SPR:
		return kvmppc_spr_complete(vcpu);
	default:
		return 0;
	}
}

/**
 * kvm_arch_vcpu_ioctl_run() - KVM_RUN
 * @vcpu: the vCPU
 *
 * What the last exit left open is completed first, even when KVM_RUN then
 * returns at once (immediate_exit or a pending signal), so that user space
 * can save a vCPU whose exit it has answered.  Then the backend enters the
 * guest and handles each exit until one needs user space.
 *
 * Return: 0 with kvm_run->exit_reason set, -EINTR for an immediate exit or a
 * pending signal (exit_reason KVM_EXIT_INTR), or a negative errno.
 */
int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	int r;

	vcpu_load(vcpu);
	/* Memslots and the I/O buses are used under SRCU (see kvmppc_guest_enter_irqoff). */
	kvm_vcpu_srcu_read_lock(vcpu);
	r = complete_exit(vcpu);
	if (r)
		goto out;
	r = 1;
	while (r > 0) {
		if (!vcpu->wants_to_run || signal_pending(current)) {
			run->exit_reason = KVM_EXIT_INTR;
			if (signal_pending(current))
				vcpu->stat.signal_exits++;
			r = -EINTR;
			break;
		}
		if (!vcpu->arch.ran) {
			vcpu->arch.ran = true;
			WRITE_ONCE(vcpu->kvm->arch.ran, true);
		}
		cond_resched();
		r = vcpu->kvm->arch.ops->vcpu_run(vcpu);
	}
out:
	kvm_vcpu_srcu_read_unlock(vcpu);
	vcpu_put(vcpu);
	return r;
}

/*
 * What KVM_GET_REGS and KVM_SET_REGS carry, by ONE_REG id; the GPRs and
 * the PID first (KVMPPC_NR_GPR_PID_IDS).
 */
const u64 kvmppc_core_ids[KVMPPC_NR_CORE_IDS] = {
	KVM_REG_PPC_GPR(0), KVM_REG_PPC_GPR(1), KVM_REG_PPC_GPR(2), KVM_REG_PPC_GPR(3),
	KVM_REG_PPC_GPR(4), KVM_REG_PPC_GPR(5), KVM_REG_PPC_GPR(6), KVM_REG_PPC_GPR(7),
	KVM_REG_PPC_GPR(8), KVM_REG_PPC_GPR(9), KVM_REG_PPC_GPR(10), KVM_REG_PPC_GPR(11),
	KVM_REG_PPC_GPR(12), KVM_REG_PPC_GPR(13), KVM_REG_PPC_GPR(14), KVM_REG_PPC_GPR(15),
	KVM_REG_PPC_GPR(16), KVM_REG_PPC_GPR(17), KVM_REG_PPC_GPR(18), KVM_REG_PPC_GPR(19),
	KVM_REG_PPC_GPR(20), KVM_REG_PPC_GPR(21), KVM_REG_PPC_GPR(22), KVM_REG_PPC_GPR(23),
	KVM_REG_PPC_GPR(24), KVM_REG_PPC_GPR(25), KVM_REG_PPC_GPR(26), KVM_REG_PPC_GPR(27),
	KVM_REG_PPC_GPR(28), KVM_REG_PPC_GPR(29), KVM_REG_PPC_GPR(30), KVM_REG_PPC_GPR(31),
	KVM_REG_PPC_PID,
	KVM_REG_PPC_NIA, KVM_REG_PPC_MSR, KVM_REG_PPC_LR, KVM_REG_PPC_XER,
	KVM_REG_PPC_CTR, KVM_REG_PPC_CR, KVM_REG_PPC_SRR0, KVM_REG_PPC_SRR1,
	KVM_REG_PPC_SPRG(0), KVM_REG_PPC_SPRG(1), KVM_REG_PPC_SPRG(2),
	KVM_REG_PPC_SPRG(3),
};
EXPORT_SYMBOL_GPL(kvmppc_core_ids);

/**
 * kvm_arch_vcpu_ioctl_get_regs() - KVM_GET_REGS
 * @vcpu: the vCPU
 * @regs: filled in
 *
 * Return: 0, or the backend's negative errno if it could not fetch the
 * state.
 */
int kvm_arch_vcpu_ioctl_get_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	const struct kvmppc_core_regs *c = &vcpu->arch.regs;
	unsigned int i;
	int r;

	r = kvmppc_regs_load(vcpu, kvmppc_core_ids, KVMPPC_NR_CORE_IDS);
	if (r)
		return r;

	memset(regs, 0, sizeof(*regs));
	regs->pc = c->nip;
	regs->cr = c->cr;
	regs->ctr = c->ctr;
	regs->lr = c->lr;
	regs->xer = c->xer;
	regs->msr = c->msr;
	regs->srr0 = c->srr0;
	regs->srr1 = c->srr1;
	regs->pid = vcpu->arch.spr[KVMPPC_SPR_PID];
	regs->sprg0 = c->sprg[0];
	regs->sprg1 = c->sprg[1];
	regs->sprg2 = c->sprg[2];
	regs->sprg3 = c->sprg[3];
	regs->sprg4 = c->sprg[4];
	regs->sprg5 = c->sprg[5];
	regs->sprg6 = c->sprg[6];
	regs->sprg7 = c->sprg[7];
	for (i = 0; i < ARRAY_SIZE(regs->gpr); i++)
		regs->gpr[i] = c->gpr[i];
	return 0;
}

/**
 * kvm_arch_vcpu_ioctl_set_regs() - KVM_SET_REGS
 * @vcpu: the vCPU
 * @regs: from user space
 *
 * Return: 0.
 */
int kvm_arch_vcpu_ioctl_set_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	struct kvmppc_core_regs *c = &vcpu->arch.regs;
	unsigned int i;

	c->nip = regs->pc;
	c->cr = regs->cr;
	c->ctr = regs->ctr;
	c->lr = regs->lr;
	c->xer = regs->xer;
	c->msr = regs->msr;
	c->srr0 = regs->srr0;
	c->srr1 = regs->srr1;
	vcpu->arch.spr[KVMPPC_SPR_PID] = (u32)regs->pid;
	c->sprg[0] = regs->sprg0;
	c->sprg[1] = regs->sprg1;
	c->sprg[2] = regs->sprg2;
	c->sprg[3] = regs->sprg3;
	c->sprg[4] = regs->sprg4;
	c->sprg[5] = regs->sprg5;
	c->sprg[6] = regs->sprg6;
	c->sprg[7] = regs->sprg7;
	for (i = 0; i < ARRAY_SIZE(regs->gpr); i++)
		c->gpr[i] = regs->gpr[i];
	kvmppc_regs_changed(vcpu, kvmppc_core_ids, KVMPPC_NR_CORE_IDS);
	return 0;
}

/**
 * kvm_arch_vcpu_ioctl_get_sregs() - KVM_GET_SREGS
 * @vcpu: the vCPU
 * @sregs: filled in: the PVR, and what the backend keeps there
 *
 * Return: 0.
 */
int kvm_arch_vcpu_ioctl_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	memset(sregs, 0, sizeof(*sregs));
	sregs->pvr = vcpu->arch.spr[KVMPPC_SPR_PVR];
	if (vcpu->kvm->arch.ops->get_sregs)
		vcpu->kvm->arch.ops->get_sregs(vcpu, sregs);
	return 0;
}

/**
 * kvm_arch_vcpu_ioctl_set_sregs() - KVM_SET_SREGS
 * @vcpu: the vCPU
 * @sregs: from user space
 *
 * The PVR is the host's: a guest that must look older sets the
 * compatibility level (KVM_REG_PPC_ARCH_COMPAT) instead.
 *
 * Return: 0, -EINVAL if the PVR differs from the vCPU's, or the backend's
 * error.
 */
int kvm_arch_vcpu_ioctl_set_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	if (sregs->pvr != vcpu->arch.spr[KVMPPC_SPR_PVR])
		return -EINVAL;
	if (vcpu->kvm->arch.ops->set_sregs)
		return vcpu->kvm->arch.ops->set_sregs(vcpu, sregs);
	return 0;
}

/**
 * kvm_arch_vcpu_ioctl_get_fpu() - KVM_GET_FPU
 * @vcpu: the vCPU
 * @fpu: unused
 *
 * Return: -EOPNOTSUPP: powerpc exposes FP state through ONE_REG.
 */
int kvm_arch_vcpu_ioctl_get_fpu(struct kvm_vcpu *vcpu, struct kvm_fpu *fpu)
{
	return -EOPNOTSUPP;
}

/**
 * kvm_arch_vcpu_ioctl_set_fpu() - KVM_SET_FPU
 * @vcpu: the vCPU
 * @fpu: unused
 *
 * Return: -EOPNOTSUPP: powerpc exposes FP state through ONE_REG.
 */
int kvm_arch_vcpu_ioctl_set_fpu(struct kvm_vcpu *vcpu, struct kvm_fpu *fpu)
{
	return -EOPNOTSUPP;
}

/**
 * kvm_arch_vcpu_ioctl_get_mpstate() - KVM_GET_MP_STATE
 * @vcpu: the vCPU
 * @mp_state: unused
 *
 * Return: -EINVAL: not supported on powerpc.
 */
int kvm_arch_vcpu_ioctl_get_mpstate(struct kvm_vcpu *vcpu,
				    struct kvm_mp_state *mp_state)
{
	return -EINVAL;
}

/**
 * kvm_arch_vcpu_ioctl_set_mpstate() - KVM_SET_MP_STATE
 * @vcpu: the vCPU
 * @mp_state: unused
 *
 * Return: -EINVAL: not supported on powerpc.
 */
int kvm_arch_vcpu_ioctl_set_mpstate(struct kvm_vcpu *vcpu,
				    struct kvm_mp_state *mp_state)
{
	return -EINVAL;
}

/**
 * kvm_arch_vcpu_ioctl_translate() - KVM_TRANSLATE
 * @vcpu: the vCPU
 * @tr: unused
 *
 * Return: -EINVAL: not supported on Book3S.
 */
int kvm_arch_vcpu_ioctl_translate(struct kvm_vcpu *vcpu,
				  struct kvm_translation *tr)
{
	return -EINVAL;
}

/**
 * kvm_arch_vcpu_ioctl_set_guest_debug() - KVM_SET_GUEST_DEBUG
 * @vcpu: the vCPU
 * @dbg: control: KVM_GUESTDBG_ENABLE with KVM_GUESTDBG_USE_SW_BP, or 0
 *
 * Software breakpoints only: the guest stops with KVM_EXIT_DEBUG when it
 * executes the word KVM_REG_PPC_DEBUG_INST gives.  Single-stepping and
 * hardware breakpoints are refused rather than ignored, so a debugger
 * knows it did not get them.
 *
 * Return: 0, or -EINVAL for anything else or a backend without it.
 */
int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg)
{
	u32 ctl = dbg->control;

	if (!vcpu->kvm->arch.ops->check_extension(vcpu->kvm, KVM_CAP_SET_GUEST_DEBUG))
		return -EINVAL;
	if (!(ctl & KVM_GUESTDBG_ENABLE))
		ctl = 0;
	if (ctl & ~(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP))
		return -EINVAL;
	vcpu->guest_debug = ctl;
	return 0;
}

/**
 * kvmppc_sw_breakpoint() - stop at a software breakpoint, if it is one
 * @vcpu: the vCPU, stopped on an illegal instruction
 * @insn: the instruction
 *
 * Return: 0 with KVM_EXIT_DEBUG set up (NIA stays on the breakpoint),
 * -ENOENT if @insn is not a breakpoint user space asked for, or the
 * backend's negative errno.
 */
int kvmppc_sw_breakpoint(struct kvm_vcpu *vcpu, u64 insn)
{
	static const u64 nia = KVM_REG_PPC_NIA;
	int r;

	if (insn != KVMPPC_INST_SW_BREAKPOINT ||
	    !(vcpu->guest_debug & KVM_GUESTDBG_USE_SW_BP))
		return -ENOENT;
	r = kvmppc_regs_load(vcpu, &nia, 1);
	if (r)
		return r;
	vcpu->run->exit_reason = KVM_EXIT_DEBUG;
	vcpu->run->debug.arch.address = vcpu->arch.regs.nip;
	vcpu->run->debug.arch.status = 0;
	return 0;
}
EXPORT_SYMBOL_GPL(kvmppc_sw_breakpoint);

static int one_reg_ioctl(struct kvm_vcpu *vcpu, unsigned int ioctl,
			 void __user *argp)
{
	struct kvm_one_reg reg;

	if (copy_from_user(&reg, argp, sizeof(reg)))
		return -EFAULT;
	if (ioctl == KVM_SET_ONE_REG)
		return kvmppc_set_one_reg(vcpu, &reg);
	return kvmppc_get_one_reg(vcpu, &reg);
}

/**
 * kvm_arch_vcpu_ioctl() - the powerpc vCPU ioctls
 * @filp: the vCPU file
 * @ioctl: the request
 * @arg: its argument
 *
 * Return: the ioctl's result, or -EINVAL for one powerpc does not have.
 */
long kvm_arch_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	void __user *argp = (void __user *)arg;
	long r;

	switch (ioctl) {
	case KVM_GET_ONE_REG:
	case KVM_SET_ONE_REG:
		vcpu_load(vcpu);
		r = one_reg_ioctl(vcpu, ioctl, argp);
		vcpu_put(vcpu);
		return r;
	case KVM_GET_REG_LIST:
		return kvmppc_get_reg_list(vcpu, argp);
	case KVM_ENABLE_CAP: {
		struct kvm_enable_cap cap;

		if (copy_from_user(&cap, argp, sizeof(cap)))
			return -EFAULT;
		if (cap.flags)
			return -EINVAL;
		vcpu_load(vcpu);
		r = vcpu->kvm->arch.ops->vcpu_enable_cap(vcpu, &cap);
		vcpu_put(vcpu);
		return r;
	}
	default:
		return -EINVAL;
	}
}

/**
 * kvm_arch_vcpu_async_ioctl() - vCPU ioctls that do not take the vCPU mutex
 * @filp: the vCPU file
 * @ioctl: the request
 * @arg: its argument
 *
 * KVM_INTERRUPT raises (KVM_INTERRUPT_SET: until delivered;
 * KVM_INTERRUPT_SET_LEVEL: until lowered) or lowers
 * (KVM_INTERRUPT_UNSET) the vCPU's external interrupt line, and kicks the
 * vCPU out of the guest so that it is delivered at once if the guest has
 * interrupts enabled.
 *
 * Return: 0; -EFAULT for a bad pointer; -EINVAL for another irq value;
 * -ENOIOCTLCMD for the other ioctls (the core then takes the mutex).
 */
long kvm_arch_vcpu_async_ioctl(struct file *filp, unsigned int ioctl,
			       unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	struct kvm_interrupt irq;

	if (ioctl != KVM_INTERRUPT)
		return -ENOIOCTLCMD;
	if (copy_from_user(&irq, (void __user *)arg, sizeof(irq)))
		return -EFAULT;
	switch (irq.irq) {
	case KVM_INTERRUPT_UNSET:
		clear_bit(KVMPPC_IRQ_LEVEL, &vcpu->arch.irq);
		clear_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq);
		return 0;
	case KVM_INTERRUPT_SET_LEVEL:
		set_bit(KVMPPC_IRQ_LEVEL, &vcpu->arch.irq);
		fallthrough;
	case KVM_INTERRUPT_SET:
		set_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq);
		kvm_vcpu_kick(vcpu);
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * kvm_arch_vcpu_fault() - page fault on the mmap()ed vCPU file
 * @vcpu: the vCPU
 * @vmf: the fault
 *
 * Return: VM_FAULT_SIGBUS: nothing past kvm_run can be mapped.
 */
vm_fault_t kvm_arch_vcpu_fault(struct kvm_vcpu *vcpu, struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

/**
 * kvm_arch_vcpu_runnable() - whether a halted vCPU should wake
 * @vcpu: the vCPU
 *
 * A ceded vCPU (H_CEDE) wakes for an external interrupt, for H_PROD and
 * when its decrementer expires.
 *
 * Return: 1 if one of them happened, else 0.
 */
int kvm_arch_vcpu_runnable(struct kvm_vcpu *vcpu)
{
	return test_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq) ||
	       READ_ONCE(vcpu->arch.prodded) ||
	       READ_ONCE(vcpu->arch.wake_timer_fired);
}

/**
 * kvm_arch_vcpu_in_kernel() - whether the vCPU was preempted in guest kernel
 * @vcpu: the vCPU
 *
 * Return: false: not tracked.
 */
bool kvm_arch_vcpu_in_kernel(struct kvm_vcpu *vcpu)
{
	return false;
}

/**
 * kvm_arch_vcpu_should_kick() - whether kvm_vcpu_kick() must send an IPI
 * @vcpu: the vCPU
 *
 * Return: 1: always kick a vCPU that is in guest mode.
 */
int kvm_arch_vcpu_should_kick(struct kvm_vcpu *vcpu)
{
	return 1;
}
