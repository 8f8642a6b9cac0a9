// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest page faults: a guest real address the partition-scoped tree does
 * not map (yet, or any more, or not writable) is mapped from its memslot.
 * KVM's MMU notifier protocol: the page is looked up without
 * kvm->mmu_lock, then mapped under it unless an invalidation ran in
 * between (then the guest simply faults again).  No reference on the page
 * outlives the mapping step.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>

#include "hv.h"

/* Consecutive faults on one page before the guest is declared stuck. */
#define MAX_REFAULTS	64

/*
 * A fault that found its page mapped as needed already changed nothing.
 * After this many of those in a row on one page the guest is declared
 * stuck.  Faults that map something (a first touch, a write after dirty
 * logging write-protected the page, a page the host took back) reset it.
 */
static int count_refault(struct kvm_vcpu *vcpu, u64 gpa, bool changed)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);

	if (changed || gpa != hv->last_fault_gpa) {
		hv->last_fault_gpa = gpa;
		hv->refaults = 0;
		return 1;
	}
	if (++hv->refaults <= MAX_REFAULTS)
		return 1;
	pr_info_ratelimited("kvm-ppc: guest stuck faulting on %#llx\n", gpa);
	vcpu->run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
	vcpu->run->internal.suberror = KVM_INTERNAL_ERROR_EMULATION;
	vcpu->run->internal.ndata = 2;
	vcpu->run->internal.data[0] = hv->trap;
	vcpu->run->internal.data[1] = gpa;
	return 0;
}

/**
 * kvmhv_page_fault() - map the page behind a faulting guest real address
 * @vcpu: the vCPU, in KVM_RUN (SRCU held)
 * @gpa: the page's guest real address
 * @write: the access was a store
 *
 * Return: 1 to resume the guest (mapped, or to fault again), 0 with
 * KVM_EXIT_INTERNAL_ERROR for a guest stuck faulting, -ENOENT when no
 * memslot covers @gpa, or another negative errno.
 */
int kvmhv_page_fault(struct kvm_vcpu *vcpu, u64 gpa, bool write)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	struct kvm *kvm = vcpu->kvm;
	struct kvm_memory_slot *slot;
	gfn_t gfn = gpa >> PAGE_SHIFT;
	unsigned long mmu_seq;
	bool writable = false, changed = false, retry;
	kvm_pfn_t pfn;
	int r;

	slot = gfn_to_memslot(kvm, gfn);
	if (!slot)
		return -ENOENT;
	/* Being deleted or moved: fault again once the change is done. */
	if (slot->flags & KVM_MEMSLOT_INVALID)
		return 1;
	r = kvm_mmu_topup_memory_cache(&hv->mmu_cache, KVMHV_PGT_TABLES_PER_MAP);
	if (r)
		return r;
	mmu_seq = kvm->mmu_invalidate_seq;
	/* Pairs with the barriers of the notifier's invalidate_range_end. */
	smp_rmb();
	pfn = __gfn_to_pfn_memslot(slot, gfn, false, false, NULL, write,
				   &writable, NULL);
	if (is_error_noslot_pfn(pfn))
		return -EFAULT;
	/* While dirty logging, a page becomes writable when first written. */
	if ((slot->flags & KVM_MEM_READONLY) ||
	    (!write && kvm_slot_dirty_track_enabled(slot)))
		writable = false;
	spin_lock(&kvm->mmu_lock);
	retry = mmu_invalidate_retry(kvm, mmu_seq);
	if (!retry)
		changed = kvmhv_pgtable_map(kvm, &to_hv_vm(kvm)->pgt,
					    &hv->mmu_cache, gpa, PFN_PHYS(pfn),
					    writable);
	spin_unlock(&kvm->mmu_lock);
	if (writable && !retry)
		kvm_release_pfn_dirty(pfn);
	else
		kvm_release_pfn_clean(pfn);
	/* Raced with an invalidation: the guest faults again. */
	if (retry)
		return 1;
	if (writable)
		mark_page_dirty_in_slot(kvm, slot, gfn);
	if (changed)
		vcpu->stat.page_faults++;
	return count_refault(vcpu, gpa, changed);
}
