// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAPR hypercalls the kernel handles itself.  One table is the single
 * source for dispatch, for "is it implemented" (KVM_CAP_PPC_ENABLE_HCALL
 * refuses the others) and for which are enabled by default.  An hcall that
 * is not in the table, or is disabled for the VM, goes to user space as
 * KVM_EXIT_PAPR_HCALL.
 *
 * Handlers run with GPR3-12 current, put the return code in GPR3 and
 * outputs in GPR4 onwards, and return a mask of the GPRs they wrote.
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

/**
 * struct kvmppc_hcall - an hcall the kernel implements
 * @nr: the hcall number
 * @flags: HC_DEFAULT_ON
 * @flavours: backends that implement it (KVMPPC_HV, KVMPPC_PR)
 * @handler: does it; returns the mask of GPRs written
 */
struct kvmppc_hcall {
	u16 nr;
	u8 flags;
	u8 flavours;
	u32 (*handler)(struct kvm_vcpu *vcpu);
};

/* H_RANDOM: r4 = 64 random bits. */
static u32 h_random(struct kvm_vcpu *vcpu)
{
	vcpu->arch.regs.gpr[4] = get_random_u64();
	vcpu->arch.regs.gpr[3] = H_SUCCESS;
	return BIT(3) | BIT(4);
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

/**
 * kvmppc_hcall_in_kernel() - handle an hcall in the kernel if it may be
 * @vcpu: the vCPU; GPR3-12 current, GPR3 the hcall number
 * @written: set to the GPRs the handler wrote
 *
 * Return: true if handled, false if it goes to user space.
 */
bool kvmppc_hcall_in_kernel(struct kvm_vcpu *vcpu, u32 *written)
{
	unsigned long nr = vcpu->arch.regs.gpr[3];
	const struct kvmppc_hcall *h;

	if (nr > MAX_HCALL_OPCODE || nr % 4 ||
	    !test_bit(nr / 4, vcpu->kvm->arch.hcall_enabled))
		return false;
	h = find_hcall(vcpu->kvm, nr);
	if (!h)
		return false;
	*written = h->handler(vcpu);
	vcpu->stat.hcall_exit_kernel++;
	return true;
}
