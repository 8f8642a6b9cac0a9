// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest mtspr/mfspr that trap to KVM (HEAI on Book3S HV; a backend calls
 * kvmppc_emulate_spr() with the decoded instruction).  In this order:
 *
 *  1. an access the SPR filter selects leaves KVM_RUN with KVM_EXIT_SPR
 *     (while user space has KVM_PPC_SPR_EXIT_FILTER on);
 *  2. a privileged SPR from problem state is a privileged-instruction
 *     program interrupt (also what KVM_SPR_STATUS_FAIL gives after 1.);
 *  3. an access from privileged state the register table allows
 *     (KVMPPC_REG_GUEST_R/W) is done in the kernel on the register's slot;
 *  4. an SPR without a row leaves with KVM_EXIT_SPR while user space has
 *     KVM_PPC_SPR_EXIT_UNKNOWN on;
 *  5. everything else gets the interrupt the architecture gives.
 *
 * State moves through the backend by ONE_REG id (kvmppc_regs_load() and
 * kvmppc_regs_changed()), so the same code serves every backend.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

#define OP_31		31
#define XO_MFSPR	339
#define XO_MTSPR	467

/**
 * struct kvmppc_spr_filter - which trapped SPR accesses go to user space
 * @read: bit n: an mfspr of SPR n
 * @write: bit n: an mtspr of SPR n
 * @rcu: for freeing after a replacement
 */
struct kvmppc_spr_filter {
	DECLARE_BITMAP(read, KVM_PPC_NR_SPRNS);
	DECLARE_BITMAP(write, KVM_PPC_NR_SPRNS);
	struct rcu_head rcu;
};

/**
 * kvmppc_decode_spr_insn() - decode an mfspr or mtspr
 * @insn: the instruction image
 * @a: filled in with the SPR number, the GPR and the direction
 *
 * Return: true if @insn is an mfspr or mtspr, false for anything else.
 */
bool kvmppc_decode_spr_insn(u32 insn, struct kvmppc_spr_access *a)
{
	unsigned int xo = (insn >> 1) & 0x3ff;

	if (insn >> 26 != OP_31 || (xo != XO_MFSPR && xo != XO_MTSPR))
		return false;
	/* The SPR field holds the number's two 5-bit halves swapped. */
	a->sprn = ((insn >> 16) & 0x1f) | ((insn >> 6) & 0x3e0);
	a->reg = (insn >> 21) & 0x1f;
	a->write = xo == XO_MTSPR;
	return true;
}
EXPORT_SYMBOL_GPL(kvmppc_decode_spr_insn);

/* Make register @id (a ONE_REG id with a table row) current in vcpu->arch. */
static int load_reg(struct kvm_vcpu *vcpu, u64 id)
{
	return kvmppc_regs_load(vcpu, &id, 1);
}

static void reg_changed(struct kvm_vcpu *vcpu, u64 id)
{
	kvmppc_regs_changed(vcpu, &id, 1);
}

/* Resume after the instruction; returns 1 (resume the guest). */
static int skip_insn(struct kvm_vcpu *vcpu)
{
	vcpu->arch.regs.nip += 4;
	reg_changed(vcpu, KVM_REG_PPC_NIA);
	return 1;
}

/* The interrupt the architecture gives for the access. */
static int fail(struct kvm_vcpu *vcpu, u64 cause)
{
	int r = kvmppc_program_interrupt(vcpu, cause);

	return r ? r : 1;
}

static bool filter_selects(struct kvm *kvm, const struct kvmppc_spr_access *a)
{
	const struct kvmppc_spr_filter *f;
	bool selected = false;

	if (!(READ_ONCE(kvm->arch.spr_exit) & KVM_PPC_SPR_EXIT_FILTER))
		return false;
	rcu_read_lock();
	f = rcu_dereference(kvm->arch.spr_filter);
	if (f)
		selected = test_bit(a->sprn, a->write ? f->write : f->read);
	rcu_read_unlock();
	return selected;
}

static int emulate(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   const struct kvmppc_spr_access *a)
{
	u64 gpr = KVM_REG_PPC_GPR(a->reg);
	u64 *slot = kvmppc_reg_slot(vcpu, rd);
	int r;

	if (a->write) {
		r = load_reg(vcpu, gpr);
		if (r)
			return r;
		*slot = vcpu->arch.regs.gpr[a->reg] & rd->mask;
		reg_changed(vcpu, rd->id);
	} else {
		r = load_reg(vcpu, rd->id);
		if (r)
			return r;
		vcpu->arch.regs.gpr[a->reg] = *slot;
		reg_changed(vcpu, gpr);
	}
	vcpu->stat.spr_emulated++;
	return skip_insn(vcpu);
}

static int exit_to_user(struct kvm_vcpu *vcpu, const struct kvmppc_spr_access *a,
			u64 fail_cause)
{
	struct kvm_run *run = vcpu->run;
	int r = 0;

	if (a->write)
		r = load_reg(vcpu, KVM_REG_PPC_GPR(a->reg));
	if (r)
		return r;
	run->exit_reason = KVM_EXIT_SPR;
	run->spr.flags = a->write ? KVM_SPR_EXIT_WRITE : 0;
	run->spr.sprn = a->sprn;
	run->spr.value = a->write ? vcpu->arch.regs.gpr[a->reg] : 0;
	run->spr.msr = vcpu->arch.regs.msr;
	run->spr.nia = vcpu->arch.regs.nip;
	run->spr.status = KVM_SPR_STATUS_FAIL;
	memset(run->spr.reserved, 0, sizeof(run->spr.reserved));
	vcpu->arch.spr_pending = (struct kvmppc_spr_pending) {
		.pending = true,
		.write = a->write,
		.reg = a->reg,
		.fail_cause = fail_cause,
	};
	vcpu->stat.spr_exit_user++;
	return 0;
}

/**
 * kvmppc_emulate_spr() - handle a guest mtspr/mfspr that trapped
 * @vcpu: the vCPU, stopped at the instruction
 * @a: the decoded access
 * @fail_cause: SRR1 cause bits of the program interrupt the architecture
 *	gives for it (e.g. SRR1_PROGILL for an SPR the processor lacks)
 *
 * Return: 1 to resume the guest (the access was emulated, or the guest got
 * its program interrupt), 0 to return to user space with KVM_EXIT_SPR, or
 * a negative errno from the backend.
 */
int kvmppc_emulate_spr(struct kvm_vcpu *vcpu, const struct kvmppc_spr_access *a,
		       u64 fail_cause)
{
	static const u64 where[] = { KVM_REG_PPC_NIA, KVM_REG_PPC_MSR };
	const struct kvmppc_reg_desc *rd;
	bool problem;
	int r;

	r = kvmppc_regs_load(vcpu, where, ARRAY_SIZE(where));
	if (r)
		return r;
	/* Numbers with 0x10 set are privileged SPRs, defined or not. */
	problem = vcpu->arch.regs.msr & MSR_PR;
	if (problem && (a->sprn & 0x10))
		fail_cause = SRR1_PROGPRIV;
	if (filter_selects(vcpu->kvm, a))
		return exit_to_user(vcpu, a, fail_cause);
	if (fail_cause == SRR1_PROGPRIV)
		return fail(vcpu, fail_cause);
	rd = kvmppc_find_spr(vcpu, a->sprn);
	if (rd && !problem &&
	    (rd->flags & (a->write ? KVMPPC_REG_GUEST_W : KVMPPC_REG_GUEST_R)))
		return emulate(vcpu, rd, a);
	if (!rd && (READ_ONCE(vcpu->kvm->arch.spr_exit) & KVM_PPC_SPR_EXIT_UNKNOWN))
		return exit_to_user(vcpu, a, fail_cause);
	return fail(vcpu, fail_cause);
}
EXPORT_SYMBOL_GPL(kvmppc_emulate_spr);

/**
 * kvmppc_spr_complete() - finish an access handed to user space, at the
 *	next KVM_RUN
 * @vcpu: the vCPU
 *
 * KVM_SPR_STATUS_OK resumes after the instruction (an mfspr's target gets
 * kvm_run->spr.value); KVM_SPR_STATUS_FAIL gives the guest the program
 * interrupt.
 *
 * Return: 0 (also when nothing was pending); -EINVAL for any other status,
 * leaving the access pending; or a negative errno from the backend.
 */
int kvmppc_spr_complete(struct kvm_vcpu *vcpu)
{
	struct kvmppc_spr_pending *p = &vcpu->arch.spr_pending;
	u64 status, value;
	int r;

	if (!p->pending)
		return 0;
	status = READ_ONCE(vcpu->run->spr.status);
	value = READ_ONCE(vcpu->run->spr.value);
	if (status != KVM_SPR_STATUS_OK && status != KVM_SPR_STATUS_FAIL)
		return -EINVAL;
	p->pending = false;
	if (status == KVM_SPR_STATUS_FAIL) {
		r = fail(vcpu, p->fail_cause);
		return r < 0 ? r : 0;
	}
	if (!p->write) {
		vcpu->arch.regs.gpr[p->reg] = value;
		reg_changed(vcpu, KVM_REG_PPC_GPR(p->reg));
	}
	skip_insn(vcpu);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_spr_complete);

/**
 * kvmppc_spr_exit_enable() - KVM_ENABLE_CAP(KVM_CAP_PPC_SPR_EXIT) on a VM
 * @kvm: the VM
 * @cap: args[0] is the set of KVM_PPC_SPR_EXIT_* reasons (0: none)
 *
 * Return: 0, or -EINVAL for an unknown reason or non-zero args[1..3].
 */
int kvmppc_spr_exit_enable(struct kvm *kvm, const struct kvm_enable_cap *cap)
{
	if ((cap->args[0] & ~KVM_PPC_SPR_EXIT_VALID_MASK) || cap->args[1] ||
	    cap->args[2] || cap->args[3])
		return -EINVAL;
	WRITE_ONCE(kvm->arch.spr_exit, cap->args[0]);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_spr_exit_enable);

/**
 * kvmppc_spr_filter_install() - replace a VM's SPR filter
 * @kvm: the VM
 * @read: KVM_PPC_NR_SPRNS bits, as in struct kvm_ppc_spr_filter
 * @write: the same for mtspr
 *
 * vCPUs see either the old filter or the new one, never a mix.
 *
 * Return: 0, or -ENOMEM.
 */
int kvmppc_spr_filter_install(struct kvm *kvm, const u64 *read, const u64 *write)
{
	struct kvmppc_spr_filter *f, *old;

	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	bitmap_from_arr64(f->read, read, KVM_PPC_NR_SPRNS);
	bitmap_from_arr64(f->write, write, KVM_PPC_NR_SPRNS);
	mutex_lock(&kvm->lock);
	old = rcu_replace_pointer(kvm->arch.spr_filter, f,
				  lockdep_is_held(&kvm->lock));
	mutex_unlock(&kvm->lock);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_spr_filter_install);

/**
 * kvmppc_spr_set_filter() - KVM_PPC_SET_SPR_FILTER
 * @kvm: the VM
 * @argp: user space's struct kvm_ppc_spr_filter
 *
 * Return: 0; -EFAULT if @argp cannot be read; -EINVAL for non-zero flags
 * or reserved fields; -ENOMEM.
 */
int kvmppc_spr_set_filter(struct kvm *kvm, const void __user *argp)
{
	struct kvm_ppc_spr_filter *uf;
	int r = -EINVAL;

	uf = memdup_user(argp, sizeof(*uf));
	if (IS_ERR(uf))
		return PTR_ERR(uf);
	if (!uf->flags && !memchr_inv(uf->reserved, 0, sizeof(uf->reserved)))
		r = kvmppc_spr_filter_install(kvm, uf->read, uf->write);
	kfree(uf);
	return r;
}

/**
 * kvmppc_spr_destroy_vm() - free a VM's SPR filter
 * @kvm: the VM; no vCPU runs any more
 */
void kvmppc_spr_destroy_vm(struct kvm *kvm)
{
	kfree(rcu_dereference_protected(kvm->arch.spr_filter, true));
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_spr_destroy_vm);
