/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Book3S HV on pseries: declarations shared inside book3s_hv/.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _KVM_PPC_BOOK3S_HV_NESTED_H
#define _KVM_PPC_BOOK3S_HV_NESTED_H

#include <linux/bitmap.h>
#include <linux/kvm_host.h>
#include <linux/mutex.h>
#include <asm/hvcall.h>
#include <asm/inst.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

/**
 * enum kvmhv_api - how the L1 asks the L0 to run its guests
 * @KVMHV_API_NONE: it cannot
 * @KVMHV_API_V1: H_SET_PARTITION_TABLE / H_ENTER_NESTED / H_TLB_INVALIDATE
 * @KVMHV_API_V2: the PAPR H_GUEST_* calls
 */
enum kvmhv_api {
	KVMHV_API_NONE,
	KVMHV_API_V1,
	KVMHV_API_V2,
};

enum kvmhv_api kvmhv_nested_api(void);

/* The v1 partition table: 2^12 entries of 16 bytes (LPIDs 1..4095). */
#define KVMHV_V1_PTB_ORDER	12

/**
 * struct kvmhv_v1_state - what H_ENTER_NESTED reads and writes back
 * @hs: hypervisor state of the vCPU
 * @regs: its registers
 * @fp: the guest's FP and VSX state (the L0 runs the guest on the L1's)
 * @vr: the guest's VMX state
 * @host_spr: the L1's own values of the SPRs switched around the call
 * @host_pmu_inuse: the L1's lppaca pmcregs_in_use, likewise
 */
struct kvmhv_v1_state {
	struct hv_guest_state hs;
	struct pt_regs regs;
	struct thread_fp_state fp;
	struct thread_vr_state vr;
	u64 host_spr[KVMPPC_NR_SPRS];
	u8 host_pmu_inuse;
};

/* Most vCPU state elements the v2 state cache tracks. */
#define KVMHV_MAX_ELEMS		192

/* Tables a map may add below the root: one per level but the last. */
#define KVMHV_PGT_TABLES_PER_MAP	3

/**
 * struct kvmhv_pgtable - the partition-scoped radix tree the L1 builds for
 *	an L2: guest real address -> L1 real address; changed only under
 *	kvm->mmu_lock
 * @root: the root directory (2^13 entries, big-endian)
 */
struct kvmhv_pgtable {
	__be64 *root;
};

/**
 * struct kvmhv_vm - HV backend state of a VM
 * @guest_id: the L2 id the L0 gave (H_GUEST_CREATE), or under v1 the LPID
 * @created: @guest_id is valid and must be given back
 * @pgt: partition-scoped page table
 * @process_table: PATB1 from KVM_PPC_CONFIGURE_V3_MMU (GR | base | PRTS)
 * @wide_dirty: guest-wide state changed since the L0 last saw it.  A
 *	writer stores the new value, then sets it (kvmhv_wide_changed()); the
 *	pusher clears it under @lock before it reads the values, so a write
 *	that races a push is pushed again, never lost
 * @next_l0_id: the id the next vCPU gets at the L0
 * @lock: serialises pushing guest-wide state to the L0 (and
 *	@process_table updates) and creating vCPUs at the L0
 */
struct kvmhv_vm {
	u64 guest_id;
	bool created;
	struct kvmhv_pgtable pgt;
	u64 process_table;
	bool wide_dirty;
	u32 next_l0_id;
	struct mutex lock;	/* guest-wide state, L0 vCPU creation */
};

/*
 * HEIR is preset to a value no exit reports (a 64-bit HEIR holds a prefixed
 * instruction's prefix in its high word, and no prefix is all ones), so an
 * L0 that does not report HEIR (QEMU under v1) is noticed and the
 * instruction is fetched from the guest instead.
 */
#define KVMHV_NO_HEIR	U64_MAX

/**
 * struct kvmhv_vcpu - HV backend state of a vCPU
 * @l0_id: the vCPU's id at the L0 (creation order: the L0 wants 0, 1, ...)
 * @created: the L0 knows the vCPU
 * @run_in: run input buffer (registered with the L0)
 * @run_out: run output buffer (registered with the L0)
 * @run_in_size: its size
 * @run_out_size: its size
 * @valid: state elements whose value in vcpu->arch is current
 * @dirty: state elements changed in vcpu->arch that the L0 has not seen
 * @trap: the exit vector of the last run
 * @hdar: HDAR of the last HDSI (the guest effective address)
 * @hdsisr: HDSISR of the last HDSI
 * @asdr: ASDR of the last HDSI/HISI (the faulting guest real address)
 * @heir: HEIR of the last exit, or KVMHV_NO_HEIR if the L0 gave none
 * @v1: entry and exit state under the v1 API
 * @mmu_cache: page-table pages for the fault path, allocated before
 *	kvm->mmu_lock is taken
 * @last_fault_gpa: page of the last guest page fault
 * @refaults: how many times in a row it faulted with nothing to change
 */
struct kvmhv_vcpu {
	u32 l0_id;
	bool created;
	void *run_in;
	void *run_out;
	size_t run_in_size;
	size_t run_out_size;
	DECLARE_BITMAP(valid, KVMHV_MAX_ELEMS);
	DECLARE_BITMAP(dirty, KVMHV_MAX_ELEMS);
	unsigned long trap;
	u64 hdar;
	u32 hdsisr;
	u64 asdr;
	u64 heir;
	struct kvmhv_v1_state *v1;
	struct kvm_mmu_memory_cache mmu_cache;
	u64 last_fault_gpa;
	unsigned int refaults;
};

static inline struct kvmhv_vm *to_hv_vm(struct kvm *kvm)
{
	return kvm->arch.backend;
}

/* Guest-wide state was stored: have it pushed at the next entry. */
static inline void kvmhv_wide_changed(struct kvmhv_vm *hvm)
{
	/* The value is visible before the flag; pairs with kvmhv_wide_take(). */
	smp_wmb();
	WRITE_ONCE(hvm->wide_dirty, true);
}

/*
 * About to read guest-wide state for the L0, under hvm->lock.  Returns
 * whether there is anything to push; the caller sets wide_dirty again if
 * the push fails.
 */
static inline bool kvmhv_wide_take(struct kvmhv_vm *hvm)
{
	lockdep_assert_held(&hvm->lock);
	if (!READ_ONCE(hvm->wide_dirty))
		return false;
	WRITE_ONCE(hvm->wide_dirty, false);
	/* The values are read after the flag is cleared. */
	smp_mb();
	return true;
}

static inline struct kvmhv_vcpu *to_hv_vcpu(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.backend;
}

/* l0.c */
int kvmhv_errno(long rc);
long kvmhv_l0_call(struct kvm_vcpu *vcpu, unsigned long nr,
		   unsigned long *ret, unsigned long a0, unsigned long a1,
		   unsigned long a2, unsigned long a3, unsigned long a4);
void kvmhv_l0_count(struct kvm_vcpu *vcpu, unsigned long nr);

/* state.c */
int kvmhv_state_init(void);
void kvmhv_state_exit(void);
void kvmhv_state_all_dirty(struct kvm_vcpu *vcpu);
void kvmhv_state_dirty(struct kvm_vcpu *vcpu, const u16 *gsids, unsigned int n);
int kvmhv_state_load(struct kvm_vcpu *vcpu, const u16 *gsids, unsigned int n);
int kvmhv_state_fill_run_input(struct kvm_vcpu *vcpu);
u64 kvmhv_dec_expiry_l1(struct kvm_vcpu *vcpu);
int kvmhv_state_take_run_output(struct kvm_vcpu *vcpu);
int kvmhv_push_wide_state(struct kvm *kvm);

/* pgtable.c */
int kvmhv_pgtable_init(struct kvmhv_pgtable *pgt);
void kvmhv_pgtable_free(struct kvmhv_pgtable *pgt);
bool kvmhv_pgtable_map(struct kvm *kvm, struct kvmhv_pgtable *pgt,
		       struct kvm_mmu_memory_cache *mc, u64 gpa, u64 hpa,
		       bool writable);
bool kvmhv_pgtable_unmap_range(struct kvm *kvm, struct kvmhv_pgtable *pgt,
			       u64 gpa, u64 size);
bool kvmhv_pgtable_age_range(struct kvm *kvm, struct kvmhv_pgtable *pgt,
			     u64 gpa, u64 size, bool clear);
void kvmhv_pgtable_write_protect(struct kvm *kvm, struct kvmhv_pgtable *pgt,
				 u64 gpa);
u64 kvmhv_pgtable_root_pa(const struct kvmhv_pgtable *pgt);
u64 kvmhv_pgtable_root_size(void);
u64 kvmhv_pgtable_bits(void);

/* walk.c */
int kvmhv_xlate_ea(struct kvm_vcpu *vcpu, u64 ea, u64 *gpa);
int kvmhv_fetch_insn(struct kvm_vcpu *vcpu, u64 ea, ppc_inst_t *insn);

/* v1.c */
int kvmhv_v1_init_vm(struct kvm *kvm);
void kvmhv_v1_destroy_vm(struct kvm *kvm);
void kvmhv_v1_flush_tlb(struct kvm *kvm);
int kvmhv_v1_enter(struct kvm_vcpu *vcpu, unsigned long *trap);

/* v1_spr.c */
void kvmhv_v1_spr_init(void);
void kvmhv_v1_load_sprs(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st);
void kvmhv_v1_put_sprs(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st);

/* nested.c */
__be64 *kvmhv_v1_pate(u64 lpid);

/* run.c */
int kvmhv_run(struct kvm_vcpu *vcpu);

#endif /* _KVM_PPC_BOOK3S_HV_NESTED_H */
