// SPDX-License-Identifier: GPL-2.0-only
/*
 * The run loop: one H_GUEST_RUN_VCPU (nested v2) or H_ENTER_NESTED (v1,
 * v1.c) per guest exit, with dirty state in the run input buffer under
 * v2, and an exit table indexed by the interrupt vector the L0 reports.
 *
 * Exit handlers return > 0 to resume the guest, 0 to return to user space
 * with kvm_run->exit_reason set, < 0 for an error.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/reg.h>

#include "kvm_ppc_internal.h"
#include "nested.h"

#define VEC_SLOTS	(0x1000 >> 5)
#define VEC(v)		((v) >> 5)

/* Consecutive faults on one page before the guest is declared stuck. */
#define MAX_REFAULTS	64

typedef int (*exit_fn)(struct kvm_vcpu *vcpu);

static int exit_unknown(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);

	pr_info_ratelimited("kvm-ppc: unhandled guest exit %#lx\n", hv->trap);
	vcpu->run->exit_reason = KVM_EXIT_UNKNOWN;
	vcpu->run->hw.hardware_exit_reason = hv->trap;
	return 0;
}

/* The L0 stopped the vCPU for its own reasons (an L1 interrupt, say). */
static int exit_resume(struct kvm_vcpu *vcpu)
{
	vcpu->stat.other_exits++;
	return 1;
}

static int exit_hdec(struct kvm_vcpu *vcpu)
{
	vcpu->stat.hdec_exits++;
	return 1;
}

/* sc 1: the hcall code decides (in the kernel, or KVM_EXIT_PAPR_HCALL). */
static int exit_hcall(struct kvm_vcpu *vcpu)
{
	int r = kvmppc_hcall_load(vcpu);

	return r ? r : kvmppc_hcall(vcpu);
}

/* What MMIO emulation may read: the GPRs, and the PID to fetch the instruction. */
static const u64 mmio_state[] = {
	KVM_REG_PPC_GPR(0), KVM_REG_PPC_GPR(1), KVM_REG_PPC_GPR(2), KVM_REG_PPC_GPR(3),
	KVM_REG_PPC_GPR(4), KVM_REG_PPC_GPR(5), KVM_REG_PPC_GPR(6), KVM_REG_PPC_GPR(7),
	KVM_REG_PPC_GPR(8), KVM_REG_PPC_GPR(9), KVM_REG_PPC_GPR(10), KVM_REG_PPC_GPR(11),
	KVM_REG_PPC_GPR(12), KVM_REG_PPC_GPR(13), KVM_REG_PPC_GPR(14), KVM_REG_PPC_GPR(15),
	KVM_REG_PPC_GPR(16), KVM_REG_PPC_GPR(17), KVM_REG_PPC_GPR(18), KVM_REG_PPC_GPR(19),
	KVM_REG_PPC_GPR(20), KVM_REG_PPC_GPR(21), KVM_REG_PPC_GPR(22), KVM_REG_PPC_GPR(23),
	KVM_REG_PPC_GPR(24), KVM_REG_PPC_GPR(25), KVM_REG_PPC_GPR(26), KVM_REG_PPC_GPR(27),
	KVM_REG_PPC_GPR(28), KVM_REG_PPC_GPR(29), KVM_REG_PPC_GPR(30), KVM_REG_PPC_GPR(31),
	KVM_REG_PPC_PID,
};

/*
 * Read the instruction at NIA.  The exits that need it report NIA and MSR
 * (so that load costs no call).  Fetching from a user (quadrant 0) address
 * needs PIDR: get it with the GPRs, which emulating the instruction will
 * want, in one call; a kernel or real-mode address needs nothing.
 * Returns 0 with *@fetched set to whether the instruction could be read,
 * or the L0's negative errno.
 */
static int fetch_at_nia(struct kvm_vcpu *vcpu, ppc_inst_t *insn, bool *fetched)
{
	static const u64 where[] = { KVM_REG_PPC_NIA, KVM_REG_PPC_MSR };
	int r = kvmppc_regs_load(vcpu, where, ARRAY_SIZE(where));

	if (!r && (vcpu->arch.regs.msr & MSR_IR) && !(vcpu->arch.regs.nip >> 62))
		r = kvmppc_regs_load(vcpu, mmio_state, ARRAY_SIZE(mmio_state));
	if (r)
		return r;
	*fetched = !kvmhv_fetch_insn(vcpu, vcpu->arch.regs.nip, insn);
	return 0;
}

static int emulate_mmio(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	bool fp, fetched;
	ppc_inst_t insn;
	int r, src;

	r = fetch_at_nia(vcpu, &insn, &fetched);
	if (r)
		return r;
	r = fetched ? 0 : -EFAULT;
	if (!r) {
		src = kvmppc_mmio_source(vcpu, insn, &fp);
		if (src >= 0) {
			u64 id = fp ? KVM_REG_PPC_FPR(src) : KVM_REG_PPC_GPR(src);

			r = kvmppc_regs_load(vcpu, &id, 1);
		}
	}
	if (!r)
		r = kvmppc_mmio_start(vcpu, hv->asdr, hv->hdar, insn);
	if (r >= 0)
		return r;
	/* Not something we emulate: the guest sees a data storage interrupt. */
	r = kvmppc_dsi_interrupt(vcpu, hv->hdar, DSISR_NOHPTE);
	return r ? r : 1;
}

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

/*
 * A guest real address the partition-scoped table does not map (yet, or
 * any more, or not writable).  KVM's MMU notifier protocol: the page is
 * looked up without kvm->mmu_lock, then mapped under it unless an
 * invalidation ran in between (then the guest simply faults again).  No
 * reference on the page outlives the mapping step.
 */
static int exit_page_fault(struct kvm_vcpu *vcpu, bool write)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	struct kvm *kvm = vcpu->kvm;
	struct kvm_memory_slot *slot;
	u64 gpa = hv->asdr & PAGE_MASK;
	gfn_t gfn = gpa >> PAGE_SHIFT;
	unsigned long mmu_seq;
	bool writable = false, changed = false, retry;
	kvm_pfn_t pfn;
	int r;

	slot = gfn_to_memslot(kvm, gfn);
	if (!slot) {
		if (hv->trap == 0xe00)
			return emulate_mmio(vcpu);
		/* Executing from no memory: nothing to emulate. */
		vcpu->run->exit_reason = KVM_EXIT_UNKNOWN;
		vcpu->run->hw.hardware_exit_reason = hv->trap;
		return 0;
	}
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
	kvm_release_pfn(pfn, writable && !retry);
	/* Raced with an invalidation: the guest faults again. */
	if (retry)
		return 1;
	if (writable)
		mark_page_dirty_in_slot(kvm, slot, gfn);
	if (changed)
		vcpu->stat.page_faults++;
	return count_refault(vcpu, gpa, changed);
}

static int exit_hdsi(struct kvm_vcpu *vcpu)
{
	return exit_page_fault(vcpu, to_hv_vcpu(vcpu)->hdsisr & DSISR_ISSTORE);
}

static int exit_hisi(struct kvm_vcpu *vcpu)
{
	return exit_page_fault(vcpu, false);
}

/*
 * Hypervisor emulation assistance: an instruction the guest may not run,
 * or an mtspr/mfspr of an SPR the processor does not have (or keeps for
 * the hypervisor).  SPR accesses go to the common SPR code; anything else
 * gets the architected program interrupt (illegal instruction).
 */
static int exit_heai(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	struct kvmppc_spr_access a;
	u64 insn = hv->heir;
	ppc_inst_t fetched;
	bool readable;
	int r;

	if (insn == KVMHV_NO_HEIR) {
		r = fetch_at_nia(vcpu, &fetched, &readable);
		if (r)
			return r;
		/* Unreadable now (the guest changed its tables): run it again. */
		if (!readable)
			return 1;
		insn = ppc_inst_val(fetched);
		if (ppc_inst_prefixed(fetched))
			insn = insn << 32 | ppc_inst_suffix(fetched);
	}
	/* A prefixed instruction (prefix in the high word) is never an SPR one. */
	if (insn <= U32_MAX && kvmppc_decode_spr_insn(insn, &a))
		return kvmppc_emulate_spr(vcpu, &a, SRR1_PROGILL);
	r = kvmppc_program_interrupt(vcpu, SRR1_PROGILL);
	return r ? r : 1;
}

/*
 * Hypervisor facility unavailable: the guest used a facility its HFSCR
 * does not grant.  The backend grants every facility it supports, so the
 * guest sees what a processor without it gives: an illegal instruction.
 */
static int exit_hfac(struct kvm_vcpu *vcpu)
{
	int r = kvmppc_program_interrupt(vcpu, SRR1_PROGILL);

	return r ? r : 1;
}

static const exit_fn exit_table[VEC_SLOTS] = {
	[0 ... VEC_SLOTS - 1] = exit_unknown,
	[VEC(0x000)] = exit_resume,
	[VEC(0x500)] = exit_resume,
	[VEC(0x980)] = exit_hdec,
	[VEC(0xa00)] = exit_resume,
	[VEC(0xc00)] = exit_hcall,
	[VEC(0xe00)] = exit_hdsi,
	[VEC(0xe20)] = exit_hisi,
	[VEC(0xe40)] = exit_heai,
	[VEC(0xe80)] = exit_resume,
	[VEC(0xea0)] = exit_resume,
	[VEC(0xf80)] = exit_hfac,
};

static int enter_guest(struct kvm_vcpu *vcpu, unsigned long *trap)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	long rc;
	int r;

	r = kvmhv_state_fill_run_input(vcpu);
	if (r)
		return r;
	do {
		if (kvm_check_request(KVM_REQ_TLB_FLUSH, vcpu))
			vcpu->kvm->arch.ops->flush_tlb(vcpu);
		local_irq_disable();
		/*
		 * Pairs with kvm_vcpu_kick(): either it sees IN_GUEST_MODE and
		 * sends the IPI that makes the L0 hand the vCPU back, or we see
		 * its request after the store.
		 */
		smp_store_mb(vcpu->mode, IN_GUEST_MODE);
		if (kvm_request_pending(vcpu)) {
			vcpu->mode = OUTSIDE_GUEST_MODE;
			local_irq_enable();
			rc = H_BUSY;
			continue;
		}
		kvmppc_guest_enter_irqoff(vcpu);
		rc = plpar_hcall(H_GUEST_RUN_VCPU, ret, 0,
				 to_hv_vm(vcpu->kvm)->guest_id, hv->l0_id);
		guest_state_exit_irqoff();
		vcpu->mode = OUTSIDE_GUEST_MODE;
		kvmppc_guest_exit(vcpu);
		kvmhv_l0_count(vcpu, H_GUEST_RUN_VCPU);
	} while (rc == H_BUSY);
	if (rc != H_SUCCESS) {
		pr_err_ratelimited("kvm-ppc: H_GUEST_RUN_VCPU failed: rc=%ld element %lu\n",
				   rc, ret[0]);
		vcpu->run->exit_reason = KVM_EXIT_FAIL_ENTRY;
		vcpu->run->fail_entry.hardware_entry_failure_reason = rc;
		vcpu->run->fail_entry.cpu = raw_smp_processor_id();
		return 0;
	}
	*trap = ret[0];
	r = kvmhv_state_take_run_output(vcpu);
	return r ? r : 1;
}

/* Deliver a pending external interrupt if the guest can take it now. */
static int deliver_irq(struct kvm_vcpu *vcpu)
{
	if (!test_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq))
		return 0;
	return kvmppc_external_interrupt(vcpu);
}

/**
 * kvmhv_run() - run a vCPU through the L0 once and handle the exit
 * @vcpu: the vCPU, loaded, in KVM_RUN
 *
 * Return: > 0 to run it again, 0 with kvm_run->exit_reason set, or a
 * negative errno.
 */
int kvmhv_run(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	unsigned long trap;
	int r;

	r = deliver_irq(vcpu);
	if (r)
		return r;
	hv->heir = KVMHV_NO_HEIR;
	if (kvmhv_nested_api() == KVMHV_API_V1)
		r = kvmhv_v1_enter(vcpu, &trap);
	else
		r = enter_guest(vcpu, &trap);
	if (r <= 0)
		return r;
	vcpu->stat.exits++;
	hv->trap = trap;
	return trap < 0x1000 ? exit_table[VEC(trap)](vcpu) : exit_unknown(vcpu);
}
