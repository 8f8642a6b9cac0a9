// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memslots and dirty logging: the hooks the KVM core calls when user space
 * changes guest memory.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

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
	/*
	 * Dirty logging starts: drop the slot's mappings, so that every page
	 * is faulted in again, read-only until the guest writes it.
	 */
	if (change == KVM_MR_FLAGS_ONLY && (new->flags & KVM_MEM_LOG_DIRTY_PAGES) &&
	    !(old->flags & KVM_MEM_LOG_DIRTY_PAGES)) {
		kvm->arch.ops->unmap_gfn_range(kvm, new->base_gfn, new->npages);
		kvm_flush_remote_tlbs(kvm);
	}
}

/**
 * kvm_arch_flush_shadow_memslot() - drop translations of a memslot
 * @kvm: the VM
 * @slot: the slot going away or moving
 *
 * The pages behind the slot are released, and no vCPU re-enters the guest
 * before the L0 has forgotten them.
 */
void kvm_arch_flush_shadow_memslot(struct kvm *kvm,
				   struct kvm_memory_slot *slot)
{
	kvm->arch.ops->unmap_gfn_range(kvm, slot->base_gfn, slot->npages);
	kvm_flush_remote_tlbs(kvm);
}

/**
 * kvm_arch_free_memslot() - free a memslot's powerpc state (there is none)
 * @kvm: the VM
 * @slot: the slot
 */
void kvm_arch_free_memslot(struct kvm *kvm, struct kvm_memory_slot *slot)
{
}

/**
 * kvm_arch_mmu_enable_log_dirty_pt_masked() - write-protect pages whose
 *	dirty bits user space just collected
 * @kvm: the VM
 * @slot: the memslot
 * @gfn_offset: first page, relative to the slot
 * @mask: which of the 64 pages from there
 *
 * The next guest write to each faults, and marks the page dirty again.
 */
void kvm_arch_mmu_enable_log_dirty_pt_masked(struct kvm *kvm,
					     struct kvm_memory_slot *slot,
					     gfn_t gfn_offset, unsigned long mask)
{
	unsigned int bit;

	for_each_set_bit(bit, &mask, BITS_PER_LONG)
		kvm->arch.ops->write_protect_gfn(kvm, slot->base_gfn + gfn_offset + bit);
}

/**
 * kvm_arch_sync_dirty_log() - fold hardware dirty state into the bitmap
 * @kvm: the VM
 * @memslot: the slot
 *
 * Pages are marked dirty when the guest's first write faults them in
 * writable, so there is nothing to fold.
 */
void kvm_arch_sync_dirty_log(struct kvm *kvm, struct kvm_memory_slot *memslot)
{
}
