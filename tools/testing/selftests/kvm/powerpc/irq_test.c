// SPDX-License-Identifier: GPL-2.0-only
/*
 * irq_test - KVM_INTERRUPT: an external interrupt raised by user space is
 * delivered at vector 0x500 with SRR1 holding the interrupted MSR, only
 * once the guest has MSR[EE] set; a lowered line is not delivered; bad
 * arguments are refused.  The guest's own decrementer interrupts it (0x900).
 *
 * The library's stub at each vector reports the interrupt with
 * PPC_HCALL_UNHANDLED (r4 = vector, r5 = SRR0, r6 = SRR1).
 */
#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

static void ee_on(void)
{
	asm volatile("mtmsrd %0,1" : : "r"(MSR_EE | MSR_RI) : "memory");
}

/* Interrupts enabled, then wait. */
static void guest_enabled(void)
{
	ee_on();
	GUEST_SYNC(1);
	for (;;)
		;
}

/* Interrupts disabled: the line must wait until they are enabled. */
static void guest_disabled(void)
{
	GUEST_SYNC(1);
	GUEST_SYNC(2);		/* still here: nothing was delivered */
	ee_on();
	for (;;)
		;
}

static void guest_lowered(void)
{
	GUEST_SYNC(1);
	ee_on();
	GUEST_SYNC(2);
	GUEST_DONE();
}

/* The guest's own decrementer fires while it runs with interrupts on. */
static void guest_dec(void)
{
	ee_on();
	asm volatile("mtspr 22,%0" : : "r"(100000UL));	/* SPRN_DEC */
	for (;;)
		;
}

static void run_ucall(struct kvm_vcpu *vcpu, uint64_t cmd, uint64_t arg)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), cmd);
	if (cmd == UCALL_SYNC)
		TEST_ASSERT_EQ(uc.args[1], arg);
}

static void irq(struct kvm_vcpu *vcpu, unsigned int what)
{
	struct kvm_interrupt i = { .irq = what };

	vcpu_ioctl(vcpu, KVM_INTERRUPT, &i);
}

static void expect_interrupt(struct kvm_vcpu *vcpu, uint64_t vector)
{
	struct kvm_run *run = vcpu->run;

	/* Not vcpu_run(): the library fails the test on any guest interrupt. */
	TEST_ASSERT_EQ(__vcpu_run(vcpu), 0);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT_EQ(run->papr_hcall.nr, PPC_HCALL_UNHANDLED);
	TEST_ASSERT(run->papr_hcall.args[0] == vector, "vector %#llx, expected %#lx",
		    run->papr_hcall.args[0], vector);
	TEST_ASSERT(run->papr_hcall.args[2] & MSR_EE,
		    "SRR1 %#llx: interrupted with EE off", run->papr_hcall.args[2]);
}

KVM_ONE_VCPU_TEST_SUITE(irq);

KVM_ONE_VCPU_TEST(irq, delivered_when_enabled, guest_enabled)
{
	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_IRQ_LEVEL));
	run_ucall(vcpu, UCALL_SYNC, 1);
	irq(vcpu, KVM_INTERRUPT_SET);
	expect_interrupt(vcpu, 0x500);
}

KVM_ONE_VCPU_TEST(irq, waits_for_ee, guest_disabled)
{
	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_IRQ_LEVEL));
	run_ucall(vcpu, UCALL_SYNC, 1);
	irq(vcpu, KVM_INTERRUPT_SET_LEVEL);
	run_ucall(vcpu, UCALL_SYNC, 2);
	expect_interrupt(vcpu, 0x500);
}

KVM_ONE_VCPU_TEST(irq, lowered_not_delivered, guest_lowered)
{
	struct kvm_interrupt bad = { .irq = 7 };

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_IRQ_LEVEL));
	run_ucall(vcpu, UCALL_SYNC, 1);
	irq(vcpu, KVM_INTERRUPT_SET_LEVEL);
	irq(vcpu, KVM_INTERRUPT_UNSET);
	run_ucall(vcpu, UCALL_SYNC, 2);
	run_ucall(vcpu, UCALL_DONE, 0);
	TEST_ASSERT(__vcpu_ioctl(vcpu, KVM_INTERRUPT, &bad) == -1 && errno == EINVAL,
		    "KVM_INTERRUPT with irq 7: errno %d", errno);
}

KVM_ONE_VCPU_TEST(irq, decrementer, guest_dec)
{
	expect_interrupt(vcpu, 0x900);
}

TEST_HARNESS_MAIN
