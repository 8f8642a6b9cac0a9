// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memslots and dirty logging: the hooks the KVM core calls when user space
 * changes guest memory.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>

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

/**
 * kvm_arch_sync_dirty_log() - fold hardware dirty state into the bitmap
 * @kvm: the VM
 * @memslot: the slot
 *
 * Pages are marked dirty when they are faulted in writable, so there is
 * nothing to fold.
 */
void kvm_arch_sync_dirty_log(struct kvm *kvm, struct kvm_memory_slot *memslot)
{
}

/**
 * kvm_vm_ioctl_get_dirty_log() - KVM_GET_DIRTY_LOG
 * @kvm: the VM
 * @log: slot and user bitmap
 *
 * Return: 0 with the slot's dirty bitmap copied out and cleared, or the
 * core's -EINVAL / -ENOENT / -EFAULT.
 */
int kvm_vm_ioctl_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log)
{
	struct kvm_memory_slot *memslot;
	int is_dirty, r;

	mutex_lock(&kvm->slots_lock);
	r = kvm_get_dirty_log(kvm, log, &is_dirty, &memslot);
	mutex_unlock(&kvm->slots_lock);
	return r;
}
