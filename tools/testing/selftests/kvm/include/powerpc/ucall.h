/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc selftests: ucall transport.
 *
 * The guest makes the private hypercall PPC_HCALL_UCALL with the
 * address of its struct ucall in r4; the host sees KVM_EXIT_PAPR_HCALL.
 */
#ifndef SELFTEST_KVM_UCALL_H
#define SELFTEST_KVM_UCALL_H

#include "kvm_util.h"
#include "hcall.h"

#define UCALL_EXIT_REASON	KVM_EXIT_PAPR_HCALL

static inline void ucall_arch_init(struct kvm_vm *vm, vm_paddr_t mmio_gpa)
{
}

static inline void ucall_arch_do_ucall(vm_vaddr_t uc)
{
	ppc_hcall1(PPC_HCALL_UCALL, uc);
}

struct ucall;
struct kvm_vcpu;
uint64_t ppc_run_ucall(struct kvm_vcpu *vcpu, struct ucall *uc);

#endif /* SELFTEST_KVM_UCALL_H */
