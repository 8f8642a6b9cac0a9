/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Book3S HV: what the HV architecture code (exits, fault-in, the
 * partition-scoped tree) shares with the platforms that run HV guests.
 * A platform is chosen once, at probe: today the two pseries transports
 * (nested v2 and v1, book3s_hv/pseries/); later powernv.  Nothing outside
 * a platform asks which one is in use.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _KVM_PPC_BOOK3S_HV_H
#define _KVM_PPC_BOOK3S_HV_H

#include <linux/kvm_host.h>
#include <linux/mutex.h>

struct kvm;
struct kvm_vcpu;
struct kvm_ppc_cpu_char;

/**
 * struct kvmhv_platform_ops - how HV guests are run on this host
 * @name: for messages and the VM's debugfs "backend" file
 * @nested_api: what KVM_CAP_PPC_NESTED_API reports (2: PAPR nested v2,
 *	1: nested v1, 0: not nested)
 * @probe: 0 if the platform can run guests here, else a negative errno;
 *	logs nothing (the caller logs which platform it took)
 * @remove: undo @probe (module unload)
 * @init_vm: make the guest known where it runs; 0 or a negative errno
 * @destroy_vm: undo @init_vm; must cope with one that failed half-way
 * @vcpu_create: set up the platform's own vCPU state; 0 or a negative
 *	errno, with nothing left allocated on failure
 * @vcpu_destroy: free it
 * @enter: run the guest once (making pending TLB flushes and guest-wide
 *	state changes first): 1 with *trap set to the exit vector, 0 with
 *	kvm_run->exit_reason set when the guest could not be entered
 *	(kvmhv_fail_entry()), or a negative errno
 * @regs_load: make registers current in vcpu->arch (the backend's
 *	regs_load op)
 * @regs_changed: registers changed in vcpu->arch or kvm->arch (the
 *	backend's regs_changed op)
 * @get_cpu_char: the CPU's speculation characteristics and the behaviour
 *	recommended (KVM_PPC_GET_CPU_CHAR); 0 or a negative errno
 */
struct kvmhv_platform_ops {
	const char *name;
	u8 nested_api;
	int (*probe)(void);
	void (*remove)(void);
	int (*init_vm)(struct kvm *kvm);
	void (*destroy_vm)(struct kvm *kvm);
	int (*vcpu_create)(struct kvm_vcpu *vcpu);
	void (*vcpu_destroy)(struct kvm_vcpu *vcpu);
	int (*enter)(struct kvm_vcpu *vcpu, unsigned long *trap);
	int (*regs_load)(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n);
	void (*regs_changed)(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n);
	int (*get_cpu_char)(struct kvm_ppc_cpu_char *cc);
};

/* Tables a map may add below the root: one per level but the last. */
#define KVMHV_PGT_TABLES_PER_MAP	3

/**
 * struct kvmhv_pgtable - the partition-scoped radix tree of a guest:
 *	guest real address -> host real address; changed only under
 *	kvm->mmu_lock
 * @root: the root directory (2^13 entries, big-endian)
 */
struct kvmhv_pgtable {
	__be64 *root;
};

/**
 * struct kvmhv_vm - HV backend state of a VM
 * @platform: how its guest runs (the one chosen at probe)
 * @guest_id: the guest's id where it runs (the L2 id H_GUEST_CREATE gave,
 *	or the LPID)
 * @created: @guest_id is valid and must be given back
 * @pgt: partition-scoped page table
 * @process_table: PATB1 from KVM_PPC_CONFIGURE_V3_MMU (GR | base | PRTS)
 * @wide_dirty: guest-wide state changed since the platform last sent it.
 *	A writer stores the new value, then sets it (kvmhv_wide_changed());
 *	the platform clears it under @lock before it reads the values
 *	(kvmhv_wide_take()), so a write that races a push is pushed again,
 *	never lost
 * @next_l0_id: the id the next vCPU gets at the L0 (nested v2)
 * @lock: serialises sending guest-wide state (and @process_table updates)
 *	and creating vCPUs where the guest runs
 */
struct kvmhv_vm {
	const struct kvmhv_platform_ops *platform;
	u64 guest_id;
	bool created;
	struct kvmhv_pgtable pgt;
	u64 process_table;
	bool wide_dirty;
	u32 next_l0_id;
	struct mutex lock;	/* guest-wide state, vCPU creation */
};

/*
 * HEIR is preset to a value no exit reports (a 64-bit HEIR holds a prefixed
 * instruction's prefix in its high word, and no prefix is all ones), so a
 * platform that does not report HEIR (QEMU under v1) is noticed and the
 * instruction is fetched from the guest instead.
 */
#define KVMHV_NO_HEIR	U64_MAX

/**
 * struct kvmhv_vcpu - HV backend state of a vCPU, whatever runs it
 * @trap: the exit vector of the last run
 * @hdar: HDAR of the last HDSI (the guest effective address)
 * @hdsisr: HDSISR of the last HDSI
 * @asdr: ASDR of the last HDSI/HISI (the faulting guest real address)
 * @heir: HEIR of the last exit, or KVMHV_NO_HEIR if the platform gave none
 * @mmu_cache: page-table pages for the fault path, allocated before
 *	kvm->mmu_lock is taken
 * @last_fault_gpa: page of the last guest page fault
 * @refaults: how many times in a row it faulted with nothing to change
 * @plat: the platform's own vCPU state
 */
struct kvmhv_vcpu {
	unsigned long trap;
	u64 hdar;
	u32 hdsisr;
	u64 asdr;
	u64 heir;
	struct kvm_mmu_memory_cache mmu_cache;
	u64 last_fault_gpa;
	unsigned int refaults;
	void *plat;
};

static inline struct kvmhv_vm *to_hv_vm(struct kvm *kvm)
{
	return kvm->arch.backend;
}

static inline struct kvmhv_vcpu *to_hv_vcpu(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.backend;
}

/* Guest-wide state was stored: have it sent at the next entry. */
static inline void kvmhv_wide_changed(struct kvmhv_vm *hvm)
{
	/* The value is visible before the flag; pairs with kvmhv_wide_take(). */
	smp_wmb();
	WRITE_ONCE(hvm->wide_dirty, true);
}

/*
 * About to read guest-wide state to send it, under hvm->lock.  Returns
 * whether there is anything to send; the caller sets wide_dirty again if
 * sending fails.
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

/* radix_pgt.c */
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

/* Guest real address bits the tree covers, and the root's size in bytes. */
#define KVMHV_PGT_ADDR_BITS	52
#define KVMHV_PGT_ROOT_BITS	13
#define KVMHV_PGT_ROOT_SIZE	(sizeof(__be64) << KVMHV_PGT_ROOT_BITS)

/* fault.c */
int kvmhv_page_fault(struct kvm_vcpu *vcpu, u64 gpa, bool write);

/* exits.c */
int kvmhv_run(struct kvm_vcpu *vcpu);
int kvmhv_fail_entry(struct kvm_vcpu *vcpu, long rc);

/* pseries/: the platforms of an L1 on pseries, best first. */
extern const struct kvmhv_platform_ops kvmhv_v2_platform;
extern const struct kvmhv_platform_ops kvmhv_v1_platform;

#endif /* _KVM_PPC_BOOK3S_HV_H */
