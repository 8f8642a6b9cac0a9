/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the rest of the powerpc kernel sees of KVM.
 *
 * Base-kernel code (IPI paths, XICS/XIVE drivers, powernv SMP) calls these
 * hooks.  They serve the bare-metal HV backend, which runs guests on host
 * threads; this tree does not have that backend yet, so they are no-ops
 * and kvm_hv_mode_active() is false.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _ASM_POWERPC_KVM_PPC_H
#define _ASM_POWERPC_KVM_PPC_H

#include <linux/types.h>
#include <linux/init.h>

static inline void __init kvm_cma_reserve(void) {}
static inline void kvmppc_set_xics_phys(int cpu, unsigned long addr) {}
static inline void kvmppc_set_xive_tima(int cpu, unsigned long phys,
					void __iomem *virt) {}
static inline u32 kvmppc_get_xics_latch(void) { return 0; }
static inline void kvmppc_set_host_ipi(int cpu) {}
static inline void kvmppc_clear_host_ipi(int cpu) {}
static inline bool kvm_hv_mode_active(void) { return false; }

/* Defined by the XICS driver (icp-native.c), declared here for it. */
void xics_wake_cpu(int cpu);

#endif /* _ASM_POWERPC_KVM_PPC_H */
