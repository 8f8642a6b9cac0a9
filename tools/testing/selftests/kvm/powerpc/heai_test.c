// SPDX-License-Identifier: GPL-2.0-only
/*
 * heai_test - an instruction the guest may not execute reaches the L1 as a
 * hypervisor emulation assistance exit (0xe40); KVM gives the guest the
 * architected program interrupt (0x700, illegal instruction) at the
 * instruction, and the guest goes on from its handler.
 *
 * The library's stub at 0x700 reports it with PPC_HCALL_UNHANDLED
 * (r4 = vector, r5 = SRR0, r6 = SRR1).
 */
#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define SRR1_PROGILL	0x80000

static void guest_code(void)
{
	asm volatile(".global illegal_insn\n"
		     "illegal_insn: .long 0");	/* primary opcode 0: illegal */
	GUEST_DONE();
}

extern char illegal_insn[];

KVM_ONE_VCPU_TEST_SUITE(heai);

KVM_ONE_VCPU_TEST(heai, illegal_instruction, guest_code)
{
	struct kvm_run *run = vcpu->run;

	/* Not vcpu_run(): the library fails the test on any guest interrupt. */
	TEST_ASSERT_EQ(__vcpu_run(vcpu), 0);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT_EQ(run->papr_hcall.nr, PPC_HCALL_UNHANDLED);
	TEST_ASSERT(run->papr_hcall.args[0] == 0x700, "vector %#llx",
		    run->papr_hcall.args[0]);
	TEST_ASSERT(run->papr_hcall.args[1] == (uintptr_t)illegal_insn,
		    "SRR0 %#llx, the instruction is at %p",
		    run->papr_hcall.args[1], illegal_insn);
	TEST_ASSERT(run->papr_hcall.args[2] & SRR1_PROGILL,
		    "SRR1 %#llx: not an illegal-instruction interrupt",
		    run->papr_hcall.args[2]);
}

/*
 * Facilities the backend grants the guest in HFSCR (here BHRB and
 * event-based branches, which QEMU checks) work without the hypervisor.
 */
static void guest_facilities(void)
{
	uint64_t v;

	asm volatile("clrbhrb" ::: "memory");
	asm volatile("mfbhrbe %0, 0" : "=r"(v));
	asm volatile("mfspr %0, 804" : "=r"(v));	/* EBBHR */
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST(heai, granted_facilities, guest_facilities)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
}

TEST_HARNESS_MAIN
