/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Types the generic KVM headers size from the architecture.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _ASM_POWERPC_KVM_TYPES_H
#define _ASM_POWERPC_KVM_TYPES_H

/*
 * Page-table pages a vCPU keeps ready for its fault path: a fault adds at
 * most one table per level below the root (three), allocated before
 * kvm->mmu_lock is taken.
 */
#define KVM_ARCH_NR_OBJS_PER_MEMORY_CACHE	4

#endif /* _ASM_POWERPC_KVM_TYPES_H */
