// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_run_test - smoke test of the powerpc guest library.
 *
 * Runs a guest through the radix page tables built by the library,
 * passes arguments in registers, exchanges ucalls over the private
 * hypercall and checks that guest writes to memory reach the host.
 */
#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define ARG0	0x0123456789abcdefULL
#define ARG1	0x00000000fedcba98ULL

static uint64_t guest_counter;

static void guest_code(uint64_t a0, uint64_t a1)
{
	GUEST_SYNC2(1, a0);
	GUEST_ASSERT_EQ(a1, ARG1);
	GUEST_ASSERT_EQ(guest_get_vcpuid(), 0);
	/* Data through translation, and the hcall's return value. */
	guest_counter = 41;
	guest_counter++;
	GUEST_ASSERT_EQ(ppc_hcall1(PPC_HCALL_UCALL, 0), H_SUCCESS);
	GUEST_DONE();
}

static uint64_t run_to_ucall(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	return ppc_run_ucall(vcpu, uc);
}

KVM_ONE_VCPU_TEST_SUITE(guest_run);

static void guest_two_syncs(void)
{
	GUEST_SYNC(1);
	GUEST_SYNC(2);
	GUEST_DONE();
}

/*
 * Every listed register can be read and written back between two runs:
 * under nested v2 that fetches each register's guest state element from
 * the L0 and sends it back in the next run input, so an element the L0
 * refuses fails here.
 */
KVM_ONE_VCPU_TEST(guest_run, reg_list_between_runs, guest_two_syncs)
{
	struct kvm_reg_list *list;
	uint64_t i, buf[2];
	struct ucall uc;

	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT_EQ(uc.args[1], 1);
	list = vcpu_get_reg_list(vcpu);
	for (i = 0; i < list->n; i++) {
		struct kvm_one_reg reg = { .id = list->reg[i], .addr = (uintptr_t)buf };

		TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &reg),
			    "get %#llx: %s", reg.id, strerror(errno));
		TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg),
			    "set %#llx: %s", reg.id, strerror(errno));
	}
	free(list);
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT_EQ(uc.args[1], 2);
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_DONE);
}

KVM_ONE_VCPU_TEST(guest_run, ucall_roundtrip, guest_code)
{
	struct ucall uc;

	vcpu_args_set(vcpu, 2, ARG0, ARG1);

	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT_EQ(uc.args[0], 1);
	TEST_ASSERT_EQ(uc.args[1], ARG0);

	/* The bare hcall carries no ucall struct: it reads as UCALL_NONE. */
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_NONE);
	sync_global_from_guest(vcpu->vm, guest_counter);
	TEST_ASSERT_EQ(guest_counter, 42);

	switch (run_to_ucall(vcpu, &uc)) {
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	case UCALL_DONE:
		break;
	default:
		TEST_FAIL("Unexpected ucall %lu", uc.cmd);
	}
}

static void guest_done(void)
{
	GUEST_DONE();
}

/*
 * A compatibility level (logical PVR) reaches the L0 and the guest runs
 * under it; one the host cannot provide is refused.  It can change after
 * the guest ran: QEMU sets it when the guest negotiates its architecture
 * (ibm,client-architecture-support), long after the first run.
 */
KVM_ONE_VCPU_TEST(guest_run, compat_level, guest_done)
{
	uint32_t level = 0x0f000005;	/* ISA 3.0, POWER9 */
	uint32_t bogus = 0x0f0000ff;
	struct kvm_one_reg reg = {
		.id = KVM_REG_PPC_ARCH_COMPAT, .addr = (uintptr_t)&bogus,
	};
	struct ucall uc;

	TEST_ASSERT(__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg) == -1 && errno == EINVAL,
		    "compatibility level %#x accepted", bogus);
	reg.addr = (uintptr_t)&level;
	TEST_ASSERT_EQ(__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg), 0);
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_DONE);
	reg.addr = (uintptr_t)&bogus;
	TEST_ASSERT(__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg) == -1 && errno == EINVAL,
		    "compatibility level %#x accepted after the first run", bogus);
	reg.addr = (uintptr_t)&level;
	level = 0;
	TEST_ASSERT_EQ(__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg), 0);
	vcpu_arch_set_entry_point(vcpu, guest_done);
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_DONE);
}

/*
 * The compatibility level is guest-wide: set through a vCPU that never
 * ran, while another has run, it is what every vCPU reads, and both run
 * under it.
 */
KVM_ONE_VCPU_TEST(guest_run, compat_level_vm_wide, guest_done)
{
	struct kvm_vcpu *other = vm_vcpu_add(vcpu->vm, 1, guest_done);
	uint32_t level = 0x0f000005, cur = 0;
	struct kvm_one_reg reg = {
		.id = KVM_REG_PPC_ARCH_COMPAT, .addr = (uintptr_t)&level,
	};
	struct ucall uc;

	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_DONE);
	TEST_ASSERT_EQ(__vcpu_ioctl(other, KVM_SET_ONE_REG, &reg), 0);
	reg.addr = (uintptr_t)&cur;
	TEST_ASSERT_EQ(__vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &reg), 0);
	TEST_ASSERT_EQ(cur, level);
	TEST_ASSERT_EQ(run_to_ucall(other, &uc), UCALL_DONE);
	vcpu_arch_set_entry_point(vcpu, guest_done);
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_DONE);
}

/*
 * KVM_PPC_CONFIGURE_V3_MMU: bad arguments are refused, and an odd process
 * table size still runs the guest (QEMU as the L0 would stop on it).
 */
KVM_ONE_VCPU_TEST(guest_run, configure_mmu, guest_done)
{
	struct kvm_ppc_mmuv3_cfg cfg = {
		.flags = KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE,
		.process_table = (1ULL << 63) | vcpu->vm->arch.prtb,
	};
	struct ucall uc;

	cfg.flags |= 4;
	TEST_ASSERT(__vm_ioctl(vcpu->vm, KVM_PPC_CONFIGURE_V3_MMU, &cfg) == -1 &&
		    errno == EINVAL, "unknown flag accepted");
	cfg.flags &= ~4;
	cfg.process_table &= ~(1ULL << 63);
	TEST_ASSERT(__vm_ioctl(vcpu->vm, KVM_PPC_CONFIGURE_V3_MMU, &cfg) == -1 &&
		    errno == EINVAL, "radix without PATB_GR accepted");
	cfg.process_table |= (1ULL << 63) | 25;
	TEST_ASSERT(__vm_ioctl(vcpu->vm, KVM_PPC_CONFIGURE_V3_MMU, &cfg) == -1 &&
		    errno == EINVAL, "a process table of 2^37 bytes accepted");
	cfg.process_table = (1ULL << 63) | vcpu->vm->arch.prtb | 4;
	TEST_ASSERT_EQ(__vm_ioctl(vcpu->vm, KVM_PPC_CONFIGURE_V3_MMU, &cfg), 0);
	TEST_ASSERT_EQ(run_to_ucall(vcpu, &uc), UCALL_DONE);
}

TEST_HARNESS_MAIN
