/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The backend interface: what a flavour of powerpc KVM (Book3S HV, Book3S
 * PR, BookE) provides to the shared code.  One small const struct per
 * backend, chosen per VM at KVM_CREATE_VM.  Every hook is mandatory but
 * those marked optional, which may be NULL: the default is said with each.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _ASM_POWERPC_KVM_PPC_BACKEND_H
#define _ASM_POWERPC_KVM_PPC_BACKEND_H

#include <linux/errno.h>
#include <linux/types.h>
#include <linux/kvm_types.h>

struct kvm;
struct kvm_vcpu;
struct module;
struct kvm_enable_cap;
struct kvm_sregs;

/* Most registers one regs_load or regs_changed call names. */
#define KVMPPC_REGS_MAX_BATCH	64

/**
 * struct kvmppc_backend_ops - a powerpc KVM backend
 * @owner: the module the backend is in (THIS_MODULE); a VM holds a
 *	reference on it
 * @name: short name for messages ("hv", "pr")
 * @flavour: KVMPPC_HV, KVMPPC_PR or KVMPPC_BOOKE; selects register rows
 * @vm_type: the KVM_CREATE_VM type that names this backend
 * @available: returns true if the backend can run guests on this host; when
 *	it cannot, it returns false and sets *@why to a one-line reason
 * @describe: returns a short description of how the backend runs (e.g.
 *	"nested v2 (H_GUEST_*)"), for messages and the demo
 * @init_vm: set up backend VM state; 0 or a negative errno
 * @destroy_vm: free what @init_vm and later calls set up; must cope with a
 *	VM whose @init_vm failed half-way
 * @vcpu_create: set up backend vCPU state; 0 or a negative errno
 * @vcpu_destroy: free what @vcpu_create set up
 * @vcpu_run: enter the guest once and handle the exit.  Returns > 0 to
 *	enter again, 0 with kvm_run->exit_reason set for an exit user space
 *	must see, or a negative errno.  The shared KVM_RUN loop around it
 *	completes exits user space answered, checks signals and
 *	immediate_exit, and holds the vCPU's SRCU read lock.
 * @check_extension: KVM_CHECK_EXTENSION for what the backend decides
 *	(@kvm may be NULL); 0 when it has nothing to say
 * @vm_ioctl: backend VM ioctls; -ENOTTY for an ioctl it does not have
 * @vcpu_enable_cap: KVM_ENABLE_CAP on a vCPU; -EINVAL for an unknown cap
 * @regs_load: make the state behind @n registers, named by ONE_REG id
 *	(at most KVMPPC_REGS_MAX_BATCH), current in vcpu->arch (guest-wide
 *	rows: kvm->arch) before they are read, in as few steps as the
 *	backend can; 0 or a negative errno
 * @regs_changed: note that @n registers, named by ONE_REG id (at most
 *	KVMPPC_REGS_MAX_BATCH), were changed in vcpu->arch or kvm->arch, so
 *	that the guest runs with the new values
 * @vcpu_load: optional: the vCPU's thread is scheduled in on @cpu (a
 *	backend with per-CPU guest state, such as a shadow MMU, loads it
 *	here); NULL: nothing to do
 * @vcpu_put: optional: the vCPU's thread is scheduled out; NULL: nothing
 * @get_sregs: optional: fill what KVM_GET_SREGS carries for the backend
 *	(the shared code has set the PVR and zeroed the rest); NULL: nothing
 *	more (a radix guest has no SLB or SDR1)
 * @set_sregs: optional: take KVM_SET_SREGS (the shared code has checked
 *	the PVR); 0 or a negative errno; NULL: nothing more to take
 * @unmap_gfn_range: drop the guest's mappings of @npages pages from @gfn,
 *	with kvm->mmu_lock held; returns true if there were any (the caller
 *	then flushes remote TLBs before the pages may be reused)
 * @age_gfn_range: whether any of @npages pages from @gfn was referenced
 *	since the last call that cleared it; clear the referenced state too
 *	if @clear.  kvm->mmu_lock held.
 * @write_protect_gfn: make the mapping of @gfn read-only, if there is one,
 *	with kvm->mmu_lock held (the caller then flushes remote TLBs)
 */
struct kvmppc_backend_ops {
	struct module *owner;
	const char *name;
	u8 flavour;
	unsigned long vm_type;
	bool (*available)(const char **why);
	const char *(*describe)(void);
	int (*init_vm)(struct kvm *kvm);
	void (*destroy_vm)(struct kvm *kvm);
	int (*vcpu_create)(struct kvm_vcpu *vcpu);
	void (*vcpu_destroy)(struct kvm_vcpu *vcpu);
	int (*vcpu_run)(struct kvm_vcpu *vcpu);
	int (*check_extension)(struct kvm *kvm, long ext);
	long (*vm_ioctl)(struct kvm *kvm, unsigned int ioctl, unsigned long arg);
	int (*vcpu_enable_cap)(struct kvm_vcpu *vcpu, struct kvm_enable_cap *cap);
	int (*regs_load)(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n);
	void (*regs_changed)(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n);
	void (*vcpu_load)(struct kvm_vcpu *vcpu, int cpu);
	void (*vcpu_put)(struct kvm_vcpu *vcpu);
	void (*get_sregs)(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs);
	int (*set_sregs)(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs);
	bool (*unmap_gfn_range)(struct kvm *kvm, gfn_t gfn, u64 npages);
	bool (*age_gfn_range)(struct kvm *kvm, gfn_t gfn, u64 npages, bool clear);
	void (*write_protect_gfn)(struct kvm *kvm, gfn_t gfn);
};

int kvmppc_register_backend(const struct kvmppc_backend_ops *ops);
void kvmppc_unregister_backend(const struct kvmppc_backend_ops *ops);

#endif /* _ASM_POWERPC_KVM_PPC_BACKEND_H */
