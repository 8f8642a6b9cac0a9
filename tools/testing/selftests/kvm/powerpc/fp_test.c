// SPDX-License-Identifier: GPL-2.0-only
/*
 * fp_test - the guest's floating-point/VSX registers are its own: a value
 * the guest leaves in f14 survives its exits to user space (and user space
 * reading and writing the vCPU's other registers in between), and the
 * value user space keeps in its own f14 survives running the guest.
 */
#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define GUEST_F14	0x4010203040506070UL
#define HOST_F14	0x3ff0aabbccddeeffUL

static inline void set_f14(uint64_t v)
{
	asm volatile("mtvsrd 14,%0" : : "r"(v) : "fr14");
}

static inline uint64_t get_f14(void)
{
	uint64_t v;

	asm volatile("mfvsrd %0,14" : "=r"(v));
	return v;
}

static void guest_code(void)
{
	set_f14(GUEST_F14);
	GUEST_SYNC(1);
	GUEST_SYNC(get_f14());
	GUEST_DONE();
}

static uint64_t run_keep_f14(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	uint64_t after;

	set_f14(HOST_F14);
	TEST_ASSERT_EQ(__vcpu_run(vcpu), 0);
	after = get_f14();
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	if (get_ucall(vcpu, uc) == UCALL_ABORT)
		REPORT_GUEST_ASSERT(*uc);
	return after;
}

KVM_ONE_VCPU_TEST_SUITE(fp);

KVM_ONE_VCPU_TEST(fp, registers_are_the_guests, guest_code)
{
	struct kvm_regs regs;
	struct ucall uc;
	double x = 1.5;

	TEST_ASSERT_EQ(run_keep_f14(vcpu, &uc), HOST_F14);
	TEST_ASSERT_EQ(uc.cmd, UCALL_SYNC);
	/* User space uses the FPU in between. */
	for (int i = 0; i < 100; i++)
		x = x * 1.0001 + 0.5;
	TEST_ASSERT(x > 1.5, "host FP arithmetic broke: %f", x);
	/* KVM_SET_REGS touches the core registers only, never f14. */
	vcpu_regs_get(vcpu, &regs);
	vcpu_regs_set(vcpu, &regs);
	TEST_ASSERT_EQ(run_keep_f14(vcpu, &uc), HOST_F14);
	TEST_ASSERT_EQ(uc.cmd, UCALL_SYNC);
	TEST_ASSERT(uc.args[1] == GUEST_F14, "guest f14 is %#lx", uc.args[1]);
	run_keep_f14(vcpu, &uc);
	TEST_ASSERT_EQ(uc.cmd, UCALL_DONE);
}

TEST_HARNESS_MAIN
