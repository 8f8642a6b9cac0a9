// SPDX-License-Identifier: GPL-2.0-only
/*
 * hcall_test - a guest's "sc 1" reaches user space with its number and all
 * nine arguments, user space's return code reaches r3 and the values it
 * leaves in papr_hcall.args[] reach r4..r12 (QEMU returns outputs there,
 * e.g. H_GET_TERM_CHAR's count and characters); an hcall the kernel
 * implements (H_RANDOM) is handled in the kernel once enabled with
 * KVM_CAP_PPC_ENABLE_HCALL, and goes to user space while it is not; bad
 * KVM_CAP_PPC_ENABLE_HCALL arguments are refused.
 */
#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define H_RANDOM	0x300
#define TEST_HCALL	0xee10
#define TEST_RET	0x1234abcdUL

/*
 * sc 1 with r3 = nr and r4..r12 = 1..9 times a pattern; returns r3, and
 * r4..r12 after the call in @out (if not NULL).
 */
static uint64_t hcall9(uint64_t nr, uint64_t *out)
{
	register uint64_t r3 asm("r3") = nr;
	register uint64_t r4 asm("r4") = 0x1111111111111111UL;
	register uint64_t r5 asm("r5") = 0x2222222222222222UL;
	register uint64_t r6 asm("r6") = 0x3333333333333333UL;
	register uint64_t r7 asm("r7") = 0x4444444444444444UL;
	register uint64_t r8 asm("r8") = 0x5555555555555555UL;
	register uint64_t r9 asm("r9") = 0x6666666666666666UL;
	register uint64_t r10 asm("r10") = 0x7777777777777777UL;
	register uint64_t r11 asm("r11") = 0x8888888888888888UL;
	register uint64_t r12 asm("r12") = 0x9999999999999999UL;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
		       "+r"(r8), "+r"(r9), "+r"(r10), "+r"(r11), "+r"(r12)
		     :
		     : "r0", "ctr", "xer", "cr0", "cr1", "cr5", "cr6", "cr7",
		       "memory");
	if (out) {
		out[0] = r4;
		out[1] = r5;
		out[2] = r6;
		out[3] = r7;
		out[4] = r8;
		out[5] = r9;
		out[6] = r10;
		out[7] = r11;
		out[8] = r12;
	}
	return r3;
}

static void guest_user_hcall(void)
{
	GUEST_ASSERT_EQ(hcall9(TEST_HCALL, NULL), TEST_RET);
	GUEST_DONE();
}

#define RET_PATTERN	0x0102030405060708UL

static void guest_user_hcall_outputs(void)
{
	uint64_t out[9];
	unsigned int i;

	GUEST_ASSERT_EQ(hcall9(TEST_HCALL, out), TEST_RET);
	for (i = 0; i < 9; i++)
		GUEST_ASSERT_EQ(out[i], RET_PATTERN * (i + 1));
	GUEST_DONE();
}

static void guest_h_random(void)
{
	uint64_t a[9], b[9];

	/* Disabled: goes to user space, which answers H_FUNCTION (-2). */
	GUEST_ASSERT_EQ(hcall9(H_RANDOM, NULL), (uint64_t)-2);
	GUEST_SYNC(1);
	/* Enabled: handled in the kernel. */
	GUEST_ASSERT_EQ(hcall9(H_RANDOM, a), H_SUCCESS);
	GUEST_ASSERT_EQ(hcall9(H_RANDOM, b), H_SUCCESS);
	GUEST_ASSERT(a[0] != b[0]);
	/* The registers H_RANDOM does not return keep their values. */
	GUEST_ASSERT_EQ(a[1], 0x2222222222222222UL);
	GUEST_ASSERT_EQ(b[8], 0x9999999999999999UL);
	GUEST_DONE();
}

static void run_ucall(struct kvm_vcpu *vcpu, uint64_t want)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), want);
}

static int enable_hcall(struct kvm_vm *vm, uint64_t nr, uint64_t on)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = { nr, on },
	};

	return __vm_ioctl(vm, KVM_ENABLE_CAP, &cap);
}

KVM_ONE_VCPU_TEST_SUITE(hcall);

KVM_ONE_VCPU_TEST(hcall, to_user_space, guest_user_hcall)
{
	struct kvm_run *run = vcpu->run;
	unsigned int i;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT_EQ(run->papr_hcall.nr, TEST_HCALL);
	for (i = 0; i < 9; i++)
		TEST_ASSERT(run->papr_hcall.args[i] == 0x1111111111111111UL * (i + 1),
			    "args[%u] = %#llx", i, run->papr_hcall.args[i]);
	run->papr_hcall.ret = TEST_RET;
	run_ucall(vcpu, UCALL_DONE);
}

KVM_ONE_VCPU_TEST(hcall, return_values, guest_user_hcall_outputs)
{
	struct kvm_run *run = vcpu->run;
	unsigned int i;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	run->papr_hcall.ret = TEST_RET;
	for (i = 0; i < 9; i++)
		run->papr_hcall.args[i] = RET_PATTERN * (i + 1);
	run_ucall(vcpu, UCALL_DONE);
}

KVM_ONE_VCPU_TEST(hcall, in_kernel_h_random, guest_h_random)
{
	struct kvm_run *run = vcpu->run;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_ENABLE_HCALL));
	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT_EQ(run->papr_hcall.nr, H_RANDOM);
	run->papr_hcall.ret = -2;
	run_ucall(vcpu, UCALL_SYNC);

	TEST_ASSERT_EQ(enable_hcall(vcpu->vm, H_RANDOM, 1), 0);
	run_ucall(vcpu, UCALL_DONE);
}

KVM_ONE_VCPU_TEST(hcall, enable_hcall_bad_args, NULL)
{
	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_ENABLE_HCALL));
	/* Not implemented in the kernel, not a multiple of 4, bad switch. */
	TEST_ASSERT(enable_hcall(vcpu->vm, TEST_HCALL, 1) == -1 && errno == EINVAL,
		    "enabling an unknown hcall: errno %d", errno);
	TEST_ASSERT(enable_hcall(vcpu->vm, H_RANDOM + 1, 1) == -1 && errno == EINVAL,
		    "enabling hcall %#x: errno %d", H_RANDOM + 1, errno);
	TEST_ASSERT(enable_hcall(vcpu->vm, H_RANDOM, 2) == -1 && errno == EINVAL,
		    "enable value 2: errno %d", errno);
	TEST_ASSERT_EQ(enable_hcall(vcpu->vm, H_RANDOM, 0), 0);
}

TEST_HARNESS_MAIN
