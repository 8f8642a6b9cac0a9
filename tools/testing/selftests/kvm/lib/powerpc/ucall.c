// SPDX-License-Identifier: GPL-2.0-only
/*
 * powerpc selftests: host side of the ucall hypercall.
 */
#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

/*
 * A KVM_EXIT_PAPR_HCALL is completed by the next KVM_RUN, which loads
 * run->papr_hcall.ret into the guest's r3, so set H_SUCCESS here before
 * handing the ucall to the test.
 */
void *ucall_arch_get_ucall(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;

	if (run->exit_reason != KVM_EXIT_PAPR_HCALL)
		return NULL;

	switch (run->papr_hcall.nr) {
	case PPC_HCALL_UCALL:
		run->papr_hcall.ret = H_SUCCESS;
		return (void *)run->papr_hcall.args[0];
	case PPC_HCALL_UNHANDLED:
		assert_on_unhandled_exception(vcpu);
		break;
	}
	return NULL;
}

/**
 * ppc_run_ucall() - run a vCPU to its next ucall
 * @vcpu: the vCPU
 * @uc: filled with the ucall
 *
 * Fails the test on any other exit, and reports a failed guest assertion.
 *
 * Return: the ucall's command.
 */
uint64_t ppc_run_ucall(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	if (get_ucall(vcpu, uc) == UCALL_ABORT)
		REPORT_GUEST_ASSERT(*uc);
	return uc->cmd;
}
