// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_spr_test - SPRs the guest reads and writes directly, without
 * trapping, travel between the guest and ONE_REG both ways, and do not
 * leak into the host: values set with KVM_SET_ONE_REG are what the guest
 * reads, what the guest writes is what KVM_GET_ONE_REG returns after the
 * exit, and the host task's own TAR is untouched by the guest's.
 *
 * Under nested v2 this is the state cache (run input, H_GUEST_GET_STATE);
 * under v1 it is the L1 switching the SPRs H_ENTER_NESTED does not carry.
 */
#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define SPRN_AMR	29
#define SPRN_DSCR	17
#define SPRN_PMC1	787
#define SPRN_TAR	815

#define TAR_IN		0x0000000012340000ULL
#define DSCR_IN		0x0000000000000015ULL
#define PMC1_IN		0x00000000000abcdeULL
#define TAR_OUT		0x00000000567800f0ULL
#define DSCR_OUT	0x000000000000000bULL
#define PMC1_OUT	0x0000000000012345ULL
#define AMR_IN		0x0c00000000000000ULL
#define AMR_OUT		0x3000000000000000ULL
#define TAR_HOST	0x000000000bad0000ULL

#define mtspr(sprn, v)	asm volatile("mtspr " __stringify(sprn) ", %0" :: "r"(v))

static void guest_code(void)
{
	GUEST_SYNC(mfspr(SPRN_TAR));
	GUEST_SYNC(mfspr(SPRN_DSCR));
	GUEST_SYNC(mfspr(SPRN_PMC1));
	GUEST_SYNC(mfspr(SPRN_AMR));
	mtspr(SPRN_AMR, AMR_OUT);
	mtspr(SPRN_TAR, TAR_OUT);
	mtspr(SPRN_DSCR, DSCR_OUT);
	mtspr(SPRN_PMC1, PMC1_OUT);
	GUEST_DONE();
}

static uint64_t host_tar(void)
{
	uint64_t v;

	asm volatile("mfspr %0, 815" : "=r"(v));
	return v;
}

static uint64_t get_reg(struct kvm_vcpu *vcpu, uint64_t id)
{
	uint64_t v = 0;	/* a 32-bit register fills the low word */

	vcpu_get_reg(vcpu, id, &v);
	return v;
}

static uint64_t sync_value(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_SYNC);
	return uc.args[1];
}

KVM_ONE_VCPU_TEST_SUITE(guest_spr);

KVM_ONE_VCPU_TEST(guest_spr, both_ways, guest_code)
{
	struct ucall uc;

	vcpu_set_reg(vcpu, KVM_REG_PPC_TAR, TAR_IN);
	vcpu_set_reg(vcpu, KVM_REG_PPC_DSCR, DSCR_IN);
	vcpu_set_reg(vcpu, KVM_REG_PPC_PMC1, PMC1_IN);
	vcpu_set_reg(vcpu, KVM_REG_PPC_AMR, AMR_IN);
	/* The task's own TAR (the kernel enables the facility on first use). */
	mtspr(SPRN_TAR, TAR_HOST);

	TEST_ASSERT_EQ(sync_value(vcpu), TAR_IN);
	TEST_ASSERT_EQ(sync_value(vcpu), DSCR_IN);
	TEST_ASSERT_EQ(sync_value(vcpu), PMC1_IN);
	TEST_ASSERT_EQ(sync_value(vcpu), AMR_IN);
	TEST_ASSERT_EQ(host_tar(), TAR_HOST);

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
	TEST_ASSERT_EQ(host_tar(), TAR_HOST);
	TEST_ASSERT_EQ(get_reg(vcpu, KVM_REG_PPC_TAR), TAR_OUT);
	TEST_ASSERT_EQ(get_reg(vcpu, KVM_REG_PPC_DSCR), DSCR_OUT);
	TEST_ASSERT_EQ(get_reg(vcpu, KVM_REG_PPC_PMC1), PMC1_OUT);
	TEST_ASSERT_EQ(get_reg(vcpu, KVM_REG_PPC_AMR), AMR_OUT);
}

TEST_HARNESS_MAIN
