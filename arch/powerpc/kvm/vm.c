// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM lifecycle, backend choice, and the VM- and system-wide ioctls.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/debugfs.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

/*
 * Registered backends (each a module of its own, or built in), in order of
 * preference for KVM_CREATE_VM type 0: Book3S HV, Book3S PR, then the one
 * a BookE host has.  A VM holds a reference on its backend's module.
 */
enum { SLOT_HV, SLOT_PR, SLOT_OTHER, NR_SLOTS };

static const struct kvmppc_backend_ops *kvmppc_backends[NR_SLOTS];
static DEFINE_MUTEX(kvmppc_backends_lock);

static unsigned int backend_slot(const struct kvmppc_backend_ops *ops)
{
	switch (ops->vm_type) {
	case KVM_VM_PPC_HV:
		return SLOT_HV;
	case KVM_VM_PPC_PR:
		return SLOT_PR;
	default:
		return SLOT_OTHER;
	}
}

/**
 * kvmppc_register_backend() - make a backend available to KVM_CREATE_VM
 * @ops: the backend; @ops->owner is the module it lives in
 *
 * Return: 0, or -EBUSY if a backend of the same kind is registered.
 */
int kvmppc_register_backend(const struct kvmppc_backend_ops *ops)
{
	unsigned int slot = backend_slot(ops);
	int r = -EBUSY;

	mutex_lock(&kvmppc_backends_lock);
	if (!kvmppc_backends[slot]) {
		kvmppc_backends[slot] = ops;
		r = 0;
	}
	mutex_unlock(&kvmppc_backends_lock);
	return r;
}
EXPORT_SYMBOL_GPL(kvmppc_register_backend);

/**
 * kvmppc_unregister_backend() - undo kvmppc_register_backend()
 * @ops: the backend
 *
 * No VM can be on it: each holds a reference on its module.
 */
void kvmppc_unregister_backend(const struct kvmppc_backend_ops *ops)
{
	mutex_lock(&kvmppc_backends_lock);
	if (kvmppc_backends[backend_slot(ops)] == ops)
		kvmppc_backends[backend_slot(ops)] = NULL;
	mutex_unlock(&kvmppc_backends_lock);
}
EXPORT_SYMBOL_GPL(kvmppc_unregister_backend);

static const char *const vm_type_names[] = {
	[0] = "default",
	[KVM_VM_PPC_HV] = "HV",
	[KVM_VM_PPC_PR] = "PR",
};

/*
 * Pick the backend for a KVM_CREATE_VM type, with kvmppc_backends_lock
 * held.  Returns NULL and sets *@why when there is none.
 */
static const struct kvmppc_backend_ops *
choose_backend(unsigned long type, const char **why)
{
	const struct kvmppc_backend_ops *ops;
	unsigned int i;

	lockdep_assert_held(&kvmppc_backends_lock);
	*why = "no backend loaded can run guests here";
	for (i = 0; i < ARRAY_SIZE(kvmppc_backends); i++) {
		ops = kvmppc_backends[i];
		if (!ops || (type && ops->vm_type != type))
			continue;
		if (ops->available(why))
			return ops;
		if (type)
			return NULL;
	}
	if (type)
		*why = "that backend is not loaded (kvm-hv, kvm-pr) or not built";
	return NULL;
}

/**
 * kvm_arch_init_vm() - KVM_CREATE_VM: choose the backend and set it up
 * @kvm: the new VM
 * @type: 0 (best available), KVM_VM_PPC_HV or KVM_VM_PPC_PR
 *
 * Return: 0 on success; -EINVAL for an unknown type or one whose backend
 * cannot run here (the reason goes to the kernel log); or the backend's
 * error.
 */
int kvm_arch_init_vm(struct kvm *kvm, unsigned long type)
{
	const struct kvmppc_backend_ops *ops;
	const char *why;
	int r;

	if (type >= ARRAY_SIZE(vm_type_names)) {
		pr_info_ratelimited("kvm-ppc: KVM_CREATE_VM: unknown VM type %lu\n",
				    type);
		return -EINVAL;
	}
	mutex_lock(&kvmppc_backends_lock);
	ops = choose_backend(type, &why);
	if (ops && !try_module_get(ops->owner))
		ops = NULL;
	mutex_unlock(&kvmppc_backends_lock);
	if (!ops) {
		pr_info_ratelimited("kvm-ppc: KVM_CREATE_VM type %lu (%s): %s\n",
				    type, vm_type_names[type], why);
		return -EINVAL;
	}
	kvm->arch.ops = ops;
	kvmppc_regs_reset_vm(kvm);
	kvmppc_hcall_init_vm(kvm);
	r = ops->init_vm(kvm);
	if (r) {
		ops->destroy_vm(kvm);
		module_put(ops->owner);
		return r;
	}
	pr_debug("kvm-ppc: VM %d on backend %s, %s\n", task_pid_nr(current),
		 ops->name, ops->describe());
	return 0;
}

/**
 * kvm_arch_destroy_vm() - tear a VM down
 * @kvm: the VM; no ioctl can reach it any more
 */
void kvm_arch_destroy_vm(struct kvm *kvm)
{
	kvm_destroy_vcpus(kvm);
	kvm->arch.ops->destroy_vm(kvm);
	kvmppc_spr_destroy_vm(kvm);
	module_put(kvm->arch.ops->owner);
}

static int backend_show(struct seq_file *m, void *unused)
{
	const struct kvm *kvm = m->private;

	seq_printf(m, "%s %s\n", kvm->arch.ops->name, kvm->arch.ops->describe());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(backend);

/**
 * kvm_arch_create_vm_debugfs() - add powerpc files to the VM's debugfs dir
 * @kvm: the VM
 *
 * "backend" names the backend the VM runs on and how, e.g.
 * "hv nested v2 (H_GUEST_*)".
 */
void kvm_arch_create_vm_debugfs(struct kvm *kvm)
{
	debugfs_create_file("backend", 0444, kvm->debugfs_dentry, kvm,
			    &backend_fops);
}

/**
 * kvm_vm_ioctl_check_extension() - KVM_CHECK_EXTENSION
 * @kvm: the VM, or NULL when asked on /dev/kvm
 * @ext: the capability
 *
 * Only what works today is reported; everything else is 0.
 * KVM_CAP_PPC_BACKEND gives the VM's backend as a KVM_CREATE_VM type (on
 * /dev/kvm: the backend type 0 would choose; 0 if there is none).
 *
 * Return: 0 if the capability is absent, otherwise a positive value whose
 * meaning depends on the capability.
 */
int kvm_vm_ioctl_check_extension(struct kvm *kvm, long ext)
{
	const struct kvmppc_backend_ops *ops;
	unsigned long type = 0;
	const char *why;
	int r = 0;

	if (kvm) {
		r = kvm->arch.ops->check_extension(kvm, ext);
		type = kvm->arch.ops->vm_type;
	} else {
		/* /dev/kvm: what a type 0 VM would get. */
		mutex_lock(&kvmppc_backends_lock);
		ops = choose_backend(0, &why);
		if (ops) {
			r = ops->check_extension(NULL, ext);
			type = ops->vm_type;
		}
		mutex_unlock(&kvmppc_backends_lock);
	}
	if (r)
		return r;
	switch (ext) {
	case KVM_CAP_PPC_BACKEND:
		return type;
	case KVM_CAP_ONE_REG:
	case KVM_CAP_IOEVENTFD:
	case KVM_CAP_SYNC_MMU:
	case KVM_CAP_IMMEDIATE_EXIT:
	case KVM_CAP_PPC_ENABLE_HCALL:
	case KVM_CAP_PPC_IRQ_LEVEL:
	case KVM_CAP_PPC_UNSET_IRQ:
	case KVM_CAP_PPC_SEGSTATE:
	/* The TCE hcalls all go to user space: it may offer the multi-TCE ones. */
	case KVM_CAP_SPAPR_MULTITCE:
		return 1;
	case KVM_CAP_PPC_SPR_EXIT:
		return KVM_PPC_SPR_EXIT_VALID_MASK;
	case KVM_CAP_NR_VCPUS:
		return min_t(int, num_online_cpus(), KVM_MAX_VCPUS);
	case KVM_CAP_MAX_VCPUS:
		return KVM_MAX_VCPUS;
	case KVM_CAP_MAX_VCPU_ID:
		return KVM_MAX_VCPU_IDS;
	default:
		return 0;
	}
}

/**
 * kvm_vm_ioctl_enable_cap() - KVM_ENABLE_CAP on a VM
 * @kvm: the VM
 * @cap: the request
 *
 * KVM_CAP_PPC_ENABLE_HCALL: args[0] is the hcall, args[1] 1 to handle it
 * in the kernel or 0 to hand it to user space.
 * KVM_CAP_PPC_SPR_EXIT: args[0] is the set of KVM_PPC_SPR_EXIT_* reasons
 * for which a trapped mtspr/mfspr leaves KVM_RUN with KVM_EXIT_SPR.
 * KVM_CAP_PPC_DAWR1: args[0] 1 lets the guest set the second watchpoint
 * (H_SET_MODE), 0 forbids it again.
 * KVM_CAP_PPC_SMT: args[0] is the number of threads per virtual core;
 * only 1 is offered (KVM_CAP_PPC_SMT_POSSIBLE), args[1] must be 0.
 *
 * Return: 0; -EINVAL for another capability or one the VM does not have,
 * non-zero flags, an hcall the kernel does not implement, an unknown SPR
 * exit reason, or an argument out of range.
 */
int kvm_vm_ioctl_enable_cap(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	if (cap->flags)
		return -EINVAL;
	switch (cap->cap) {
	case KVM_CAP_PPC_ENABLE_HCALL:
		return kvmppc_hcall_enable(kvm, cap->args[0], cap->args[1]);
	case KVM_CAP_PPC_SPR_EXIT:
		return kvmppc_spr_exit_enable(kvm, cap);
	case KVM_CAP_PPC_DAWR1:
		if (!kvm->arch.ops->check_extension(kvm, cap->cap) || cap->args[0] > 1)
			return -EINVAL;
		WRITE_ONCE(kvm->arch.dawr1_enabled, cap->args[0]);
		return 0;
	case KVM_CAP_PPC_SMT:
		if (!kvm->arch.ops->check_extension(kvm, cap->cap))
			return -EINVAL;
		return cap->args[0] == 1 && !cap->args[1] ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

/**
 * kvm_vm_ioctl_irq_line() - KVM_IRQ_LINE
 * @kvm: the VM
 * @irq: the line and level
 * @line_status: unused
 *
 * Return: -ENXIO: there is no in-kernel interrupt controller.
 */
int kvm_vm_ioctl_irq_line(struct kvm *kvm, struct kvm_irq_level *irq,
			  bool line_status)
{
	return -ENXIO;
}

/**
 * kvm_arch_vm_ioctl() - powerpc VM ioctls
 * @filp: the VM file
 * @ioctl: the request
 * @arg: its argument
 *
 * KVM_PPC_SET_SPR_FILTER is common to the backends; the rest are the
 * backend's.
 *
 * Return: the ioctl's result; -ENOTTY for an ioctl the VM does not have.
 */
int kvm_arch_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
{
	struct kvm *kvm = filp->private_data;

	if (ioctl == KVM_PPC_SET_SPR_FILTER)
		return kvmppc_spr_set_filter(kvm, (const void __user *)arg);
	return kvm->arch.ops->vm_ioctl(kvm, ioctl, arg);
}

/**
 * kvm_arch_dev_ioctl() - powerpc ioctls on /dev/kvm
 * @filp: the /dev/kvm file
 * @ioctl: the request
 * @arg: its argument
 *
 * Return: -EINVAL: there are none.
 */
long kvm_arch_dev_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
{
	return -EINVAL;
}
