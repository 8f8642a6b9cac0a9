// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module init and exit, binary statistics, and the KVM core hooks that
 * have nothing powerpc-specific to do.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

const struct kvm_stats_desc kvm_vm_stats_desc[] = {
	KVM_GENERIC_VM_STATS()
};
static_assert(ARRAY_SIZE(kvm_vm_stats_desc) ==
	      sizeof(struct kvm_vm_stat) / sizeof(u64));

const struct kvm_stats_header kvm_vm_stats_header = {
	.name_size = KVM_STATS_NAME_SIZE,
	.num_desc = ARRAY_SIZE(kvm_vm_stats_desc),
	.id_offset = sizeof(struct kvm_stats_header),
	.desc_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE,
	.data_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE +
		       sizeof(kvm_vm_stats_desc),
};

const struct kvm_stats_desc kvm_vcpu_stats_desc[] = {
	KVM_GENERIC_VCPU_STATS(),
	STATS_DESC_COUNTER(VCPU, signal_exits),
};

const struct kvm_stats_header kvm_vcpu_stats_header = {
	.name_size = KVM_STATS_NAME_SIZE,
	.num_desc = ARRAY_SIZE(kvm_vcpu_stats_desc),
	.id_offset = sizeof(struct kvm_stats_header),
	.desc_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE,
	.data_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE +
		       sizeof(kvm_vcpu_stats_desc),
};

/**
 * kvm_arch_prepare_memory_region() - check a memslot change
 * @kvm: the VM
 * @old: the slot as it is, or NULL
 * @new: the slot as it will be, or NULL
 * @change: what happens
 *
 * Return: 0: any slot the core accepted is fine; guest memory is mapped on
 * demand by the backend when the guest touches it.
 */
int kvm_arch_prepare_memory_region(struct kvm *kvm,
				   const struct kvm_memory_slot *old,
				   struct kvm_memory_slot *new,
				   enum kvm_mr_change change)
{
	return 0;
}

/**
 * kvm_arch_commit_memory_region() - a memslot change took effect
 * @kvm: the VM
 * @old: the slot as it was, or NULL
 * @new: the slot as it is, or NULL
 * @change: what happened
 */
void kvm_arch_commit_memory_region(struct kvm *kvm,
				   struct kvm_memory_slot *old,
				   const struct kvm_memory_slot *new,
				   enum kvm_mr_change change)
{
}

/**
 * kvm_arch_flush_shadow_memslot() - drop translations of a memslot
 * @kvm: the VM
 * @slot: the slot going away or moving
 */
void kvm_arch_flush_shadow_memslot(struct kvm *kvm,
				   struct kvm_memory_slot *slot)
{
}

/**
 * kvm_arch_free_memslot() - free a memslot's powerpc state (there is none)
 * @kvm: the VM
 * @slot: the slot
 */
void kvm_arch_free_memslot(struct kvm *kvm, struct kvm_memory_slot *slot)
{
}

static int __init kvmppc_init(void)
{
	int r;

	r = kvmppc_regs_check(kvmppc_regs, kvmppc_nr_regs);
	if (r)
		return r;
	kvmppc_hv_probe();
	r = kvm_init(sizeof(struct kvm_vcpu), 0, THIS_MODULE);
	if (r)
		kvmppc_hv_remove();
	return r;
}
module_init(kvmppc_init);

static void __exit kvmppc_exit(void)
{
	kvm_exit();
	kvmppc_hv_remove();
}
module_exit(kvmppc_exit);

MODULE_DESCRIPTION("Kernel-based Virtual Machine for powerpc (clean room)");
MODULE_LICENSE("GPL");
