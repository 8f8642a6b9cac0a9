// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAPR hypercalls (sc 1 from the guest's kernel): handled in the kernel,
 * or handed to user space as KVM_EXIT_PAPR_HCALL and completed at the next
 * KVM_RUN.  One table is the single source for dispatch, for "is it
 * implemented" (KVM_CAP_PPC_ENABLE_HCALL refuses the others) and for which
 * are enabled by default.  An hcall that is not in the table, or is
 * disabled for the VM, goes to user space.
 *
 * A handler runs with GPR3-12 current (GPR3 the number, GPR4 on the
 * arguments).  It returns 0 with its decision in struct kvmppc_hcall_ret,
 * or a negative errno that KVM_RUN returns.  It may sleep.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/bsearch.h>
#include <linux/kvm_host.h>
#include <linux/random.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

#define HC_DEFAULT_ON	BIT(0)	/* enabled in a new VM */

/* GPR3 (status) and GPR4-12 (outputs): what an hcall returns. */
#define HC_RET_REGS	10

/**
 * struct kvmppc_hcall_ret - what an hcall handler decided
 * @status: the PAPR status for GPR3 (H_SUCCESS, H_PARAMETER, ...)
 * @out: values for GPR4 onwards
 * @nr_out: how many of @out to write
 * @uexit: leave KVM_RUN: the handler filled kvm_run (exit_reason and its
 *	data); GPR3 and @out are not written
 * @rerun: do not return to the guest after the hcall but run it again at
 *	the next entry (a handler that must wait and cannot sleep here); GPR3
 *	and @out are not written
 */
struct kvmppc_hcall_ret {
	u64 status;
	u64 out[HC_RET_REGS - 1];
	unsigned int nr_out;
	bool uexit;
	bool rerun;
};

/**
 * struct kvmppc_hcall - an hcall the kernel implements
 * @nr: the hcall number
 * @flags: HC_DEFAULT_ON
 * @flavours: backends that implement it (KVMPPC_HV, KVMPPC_PR)
 * @handler: does it: 0 with @ret filled in, or a negative errno
 */
struct kvmppc_hcall {
	u16 nr;
	u8 flags;
	u8 flavours;
	int (*handler)(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret);
};

/* H_RANDOM: r4 = 64 random bits. */
static int h_random(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	ret->status = H_SUCCESS;
	ret->out[0] = get_random_u64();
	ret->nr_out = 1;
	return 0;
}

/* Sorted by number. */
static const struct kvmppc_hcall hcalls[] = {
	{ H_RANDOM, 0, KVMPPC_HV, h_random },
};

static int cmp_hcall(const void *key, const void *elt)
{
	unsigned long nr = *(const unsigned long *)key;
	const struct kvmppc_hcall *h = elt;

	return nr < h->nr ? -1 : nr > h->nr;
}

static const struct kvmppc_hcall *find_hcall(struct kvm *kvm, unsigned long nr)
{
	const struct kvmppc_hcall *h;

	h = bsearch(&nr, hcalls, ARRAY_SIZE(hcalls), sizeof(hcalls[0]), cmp_hcall);
	return h && (h->flavours & kvm->arch.ops->flavour) ? h : NULL;
}

/**
 * kvmppc_hcall_init_vm() - enable the default hcalls of a new VM
 * @kvm: the VM, its backend chosen
 */
void kvmppc_hcall_init_vm(struct kvm *kvm)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hcalls); i++)
		if ((hcalls[i].flags & HC_DEFAULT_ON) &&
		    (hcalls[i].flavours & kvm->arch.ops->flavour))
			set_bit(hcalls[i].nr / 4, kvm->arch.hcall_enabled);
}

/**
 * kvmppc_hcall_enable() - KVM_ENABLE_CAP(KVM_CAP_PPC_ENABLE_HCALL)
 * @kvm: the VM
 * @nr: the hcall number (args[0])
 * @enable: 1 to handle it in the kernel, 0 to send it to user space
 *
 * Return: 0; -EINVAL for an hcall the kernel does not implement for this
 * backend, or @enable other than 0 or 1.
 */
int kvmppc_hcall_enable(struct kvm *kvm, unsigned long nr, unsigned long enable)
{
	if (enable > 1 || nr % 4 || !find_hcall(kvm, nr))
		return -EINVAL;
	if (enable)
		set_bit(nr / 4, kvm->arch.hcall_enabled);
	else
		clear_bit(nr / 4, kvm->arch.hcall_enabled);
	return 0;
}

static const u64 ret_regs[HC_RET_REGS] = {
	KVM_REG_PPC_GPR(3), KVM_REG_PPC_GPR(4), KVM_REG_PPC_GPR(5),
	KVM_REG_PPC_GPR(6), KVM_REG_PPC_GPR(7), KVM_REG_PPC_GPR(8),
	KVM_REG_PPC_GPR(9), KVM_REG_PPC_GPR(10), KVM_REG_PPC_GPR(11),
	KVM_REG_PPC_GPR(12),
};

/*
 * The hcall's return: GPR3 the status, GPR4 on @nr_out outputs.  Only
 * what changes is reported (user space mostly leaves the arguments as
 * they were), so the backend sends no more than it must.
 */
static void set_return(struct kvm_vcpu *vcpu, u64 status, const u64 *out,
		       unsigned int nr_out)
{
	u64 *gpr = vcpu->arch.regs.gpr;
	u64 ids[HC_RET_REGS];
	unsigned int i, n = 0;

	gpr[3] = status;
	ids[n++] = ret_regs[0];
	for (i = 0; i < nr_out; i++) {
		if (gpr[4 + i] == out[i])
			continue;
		gpr[4 + i] = out[i];
		ids[n++] = ret_regs[1 + i];
	}
	kvmppc_regs_changed(vcpu, ids, n);
}

static int to_user(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	unsigned int i;

	run->exit_reason = KVM_EXIT_PAPR_HCALL;
	run->papr_hcall.nr = vcpu->arch.regs.gpr[3];
	for (i = 0; i < ARRAY_SIZE(run->papr_hcall.args); i++)
		run->papr_hcall.args[i] = vcpu->arch.regs.gpr[4 + i];
	run->papr_hcall.ret = H_FUNCTION;
	vcpu->arch.hcall_pending = true;
	vcpu->stat.hcall_exit_user++;
	return 0;
}

/**
 * kvmppc_hcall_load() - make the registers of an hcall current
 * @vcpu: the vCPU, stopped after its sc 1
 *
 * Return: 0, or the backend's negative errno.
 */
int kvmppc_hcall_load(struct kvm_vcpu *vcpu)
{
	return kvmppc_regs_load(vcpu, ret_regs, ARRAY_SIZE(ret_regs));
}
EXPORT_SYMBOL_GPL(kvmppc_hcall_load);

/**
 * kvmppc_hcall() - a guest's sc 1
 * @vcpu: the vCPU, stopped after the sc; GPR3-12 current (see
 *	kvmppc_hcall_load())
 *
 * An hcall the VM has enabled in the kernel is done here; any other leaves
 * KVM_RUN as KVM_EXIT_PAPR_HCALL, and kvmppc_hcall_complete() takes user
 * space's answer.
 *
 * Return: > 0 to resume the guest, 0 to return to user space with
 * kvm_run->exit_reason set, or a negative errno.
 */
int kvmppc_hcall(struct kvm_vcpu *vcpu)
{
	unsigned long nr = vcpu->arch.regs.gpr[3];
	static const u64 nia = KVM_REG_PPC_NIA;
	struct kvmppc_hcall_ret ret = {};
	const struct kvmppc_hcall *h;
	int r;

	if (nr > MAX_HCALL_OPCODE || nr % 4 ||
	    !test_bit(nr / 4, vcpu->kvm->arch.hcall_enabled))
		return to_user(vcpu);
	h = find_hcall(vcpu->kvm, nr);
	if (!h)
		return to_user(vcpu);
	r = h->handler(vcpu, &ret);
	if (r)
		return r;
	vcpu->stat.hcall_exit_kernel++;
	if (ret.uexit)
		return 0;
	if (ret.rerun) {
		r = kvmppc_regs_load(vcpu, &nia, 1);
		if (r)
			return r;
		vcpu->arch.regs.nip -= 4;
		kvmppc_regs_changed(vcpu, &nia, 1);
		return 1;
	}
	if (WARN_ON_ONCE(ret.nr_out > ARRAY_SIZE(ret.out)))
		return -EINVAL;
	set_return(vcpu, ret.status, ret.out, ret.nr_out);
	return 1;
}
EXPORT_SYMBOL_GPL(kvmppc_hcall);

/**
 * kvmppc_hcall_complete() - finish an hcall user space handled
 * @vcpu: the vCPU re-entering KVM_RUN after KVM_EXIT_PAPR_HCALL
 *
 * GPR3 gets kvm_run->papr_hcall.ret and GPR4-12 papr_hcall.args[0-8], as
 * user space left them (QEMU returns outputs there).
 *
 * Return: 0.
 */
int kvmppc_hcall_complete(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;

	if (!vcpu->arch.hcall_pending)
		return 0;
	vcpu->arch.hcall_pending = false;
	set_return(vcpu, READ_ONCE(run->papr_hcall.ret), run->papr_hcall.args,
		   ARRAY_SIZE(run->papr_hcall.args));
	return 0;
}
