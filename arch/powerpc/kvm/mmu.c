// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memslots, dirty logging and the MMU notifier: the hooks the KVM core
 * calls when user space or the host changes guest memory.  The backend's
 * guest mappings change only under kvm->mmu_lock.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

static void unmap_and_flush(struct kvm *kvm, gfn_t gfn, u64 npages)
{
	bool flush;

	spin_lock(&kvm->mmu_lock);
	flush = kvm->arch.ops->unmap_gfn_range(kvm, gfn, npages);
	spin_unlock(&kvm->mmu_lock);
	if (flush)
		kvm_flush_remote_tlbs(kvm);
}

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
		unmap_and_flush(kvm, new->base_gfn, new->npages);
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
	unmap_and_flush(kvm, slot->base_gfn, slot->npages);
}

/**
 * kvm_arch_flush_shadow_all() - drop every guest mapping
 * @kvm: the VM; its memory is going away (the MMU notifier's release)
 */
void kvm_arch_flush_shadow_all(struct kvm *kvm)
{
	unmap_and_flush(kvm, 0, U64_MAX >> PAGE_SHIFT);
}

/**
 * kvm_unmap_gfn_range() - the MMU notifier: the host takes pages back
 * @kvm: the VM; kvm->mmu_lock held
 * @range: the guest frames
 *
 * Return: true if the caller must flush the guest's translations.
 */
bool kvm_unmap_gfn_range(struct kvm *kvm, struct kvm_gfn_range *range)
{
	return kvm->arch.ops->unmap_gfn_range(kvm, range->start,
					      range->end - range->start);
}

/**
 * kvm_age_gfn() - the MMU notifier: clear and report referenced state
 * @kvm: the VM; kvm->mmu_lock held
 * @range: the guest frames
 *
 * Return: true if any frame was referenced (the caller then flushes).
 */
bool kvm_age_gfn(struct kvm *kvm, struct kvm_gfn_range *range)
{
	return kvm->arch.ops->age_gfn_range(kvm, range->start,
					    range->end - range->start, true);
}

/**
 * kvm_test_age_gfn() - the MMU notifier: report referenced state
 * @kvm: the VM; kvm->mmu_lock held
 * @range: the guest frames
 *
 * Return: true if any frame was referenced.
 */
bool kvm_test_age_gfn(struct kvm *kvm, struct kvm_gfn_range *range)
{
	return kvm->arch.ops->age_gfn_range(kvm, range->start,
					    range->end - range->start, false);
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
 * The core holds kvm->mmu_lock and flushes remote TLBs afterwards.
 */
void kvm_arch_mmu_enable_log_dirty_pt_masked(struct kvm *kvm,
					     struct kvm_memory_slot *slot,
					     gfn_t gfn_offset, unsigned long mask)
{
	unsigned int bit;

	lockdep_assert_held(&kvm->mmu_lock);
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
