// SPDX-License-Identifier: GPL-2.0-only
/*
 * heai_test - an instruction the guest may not execute reaches the L1 as a
 * hypervisor emulation assistance exit (0xe40); KVM gives the guest the
 * architected program interrupt (0x700, illegal instruction) at the
 * instruction, and the guest goes on from its handler; unless it is the
 * software breakpoint user space asked for (KVM_SET_GUEST_DEBUG), which
 * stops the guest with KVM_EXIT_DEBUG.
 *
 * The library's stub at 0x700 reports it with PPC_HCALL_UNHANDLED
 * (r4 = vector, r5 = SRR0, r6 = SRR1).
 */
#include <errno.h>

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

static void guest_breakpoint(void)
{
	asm volatile(".global bp_insn\n"
		     "bp_insn: .long 0x00dddd00");	/* KVM_REG_PPC_DEBUG_INST */
	GUEST_DONE();
}

extern char bp_insn[];

/*
 * A software breakpoint, as a debugger plants one: the guest stops with
 * KVM_EXIT_DEBUG at the breakpoint and goes on once the debugger has put
 * the instruction back.
 */
KVM_ONE_VCPU_TEST(heai, sw_breakpoint, guest_breakpoint)
{
	struct kvm_guest_debug dbg = {
		.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP,
	};
	uint32_t *insn = addr_gva2hva(vcpu->vm, (vm_vaddr_t)bp_insn);
	struct kvm_run *run = vcpu->run;
	uint32_t debug_inst;
	uint64_t nia;
	struct ucall uc;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_SET_GUEST_DEBUG));
	vcpu_get_reg(vcpu, KVM_REG_PPC_DEBUG_INST, &debug_inst);
	TEST_ASSERT(debug_inst == *insn, "DEBUG_INST %#x, the guest has %#x",
		    debug_inst, *insn);
	vcpu_guest_debug_set(vcpu, &dbg);

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_DEBUG);
	TEST_ASSERT(run->debug.arch.address == (uintptr_t)bp_insn,
		    "stopped at %#llx, the breakpoint is at %p",
		    run->debug.arch.address, bp_insn);
	vcpu_get_reg(vcpu, KVM_REG_PPC_NIA, &nia);
	TEST_ASSERT_EQ(nia, (uintptr_t)bp_insn);

	*insn = 0x60000000;	/* nop */
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
}

/* What the backend cannot do is refused, not ignored; DEBUG_INST is read-only. */
KVM_ONE_VCPU_TEST(heai, guest_debug_refused, guest_breakpoint)
{
	struct kvm_guest_debug dbg = {
		.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP,
	};
	uint32_t other = 0x7fe00008;	/* trap */

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_SET_GUEST_DEBUG));
	TEST_ASSERT(__vcpu_ioctl(vcpu, KVM_SET_GUEST_DEBUG, &dbg) == -1 &&
		    errno == EINVAL, "single-step accepted");
	dbg.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP;
	TEST_ASSERT(__vcpu_ioctl(vcpu, KVM_SET_GUEST_DEBUG, &dbg) == -1 &&
		    errno == EINVAL, "hardware breakpoints accepted");
	TEST_ASSERT(__vcpu_set_reg(vcpu, KVM_REG_PPC_DEBUG_INST, other) == -1 &&
		    errno == EINVAL, "DEBUG_INST changed");
}

TEST_HARNESS_MAIN
