// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for trapped guest mtspr/mfspr (arch/powerpc/kvm/spr.c): the
 * decoder, the in-kernel emulation the register table allows, the
 * architected program interrupt, KVM_EXIT_SPR and its completion, and the
 * filter.  A vCPU of a fake backend stands in for a guest, so the paths
 * that QEMU as the L0 never lets trap are covered too; the fake records
 * which registers (ONE_REG ids) were reported changed, as a backend would
 * be told.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/kvm_host.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/kvm_ppc_gsb.h>
#include <asm/reg.h>

#include "kvm_ppc_internal.h"

#define NIA	0x4000ULL
#define MAX_CHANGED	64

struct fake {
	struct kvm kvm;
	struct kvm_vcpu vcpu;
	struct kvm_run run;
	u64 changed[MAX_CHANGED];
	unsigned int nr_changed;
};

static int fake_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	return 0;
}

static void fake_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	struct fake *f = container_of(vcpu, struct fake, vcpu);
	unsigned int i;

	for (i = 0; i < n && f->nr_changed < MAX_CHANGED; i++)
		f->changed[f->nr_changed++] = ids[i];
}

static const struct kvmppc_backend_ops fake_ops = {
	.name = "fake",
	.flavour = KVMPPC_HV,
	.regs_load = fake_regs_load,
	.regs_changed = fake_regs_changed,
};

static struct fake *fake_vcpu(struct kunit *test)
{
	struct fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	mutex_init(&f->kvm.lock);
	f->kvm.arch.ops = &fake_ops;
	f->vcpu.kvm = &f->kvm;
	f->vcpu.run = &f->run;
	f->vcpu.arch.regs.nip = NIA;
	f->vcpu.arch.regs.msr = MSR_SF | MSR_LE | MSR_IR | MSR_DR;
	return f;
}

static void fake_free(struct fake *f)
{
	kvmppc_spr_destroy_vm(&f->kvm);
}

static bool was_changed(const struct fake *f, u64 id)
{
	unsigned int i;

	for (i = 0; i < f->nr_changed; i++)
		if (f->changed[i] == id)
			return true;
	return false;
}

static u32 insn_mfspr(unsigned int rt, unsigned int sprn)
{
	return 31U << 26 | rt << 21 | (sprn & 0x1f) << 16 | (sprn >> 5) << 11 |
	       339U << 1;
}

static u32 insn_mtspr(unsigned int sprn, unsigned int rs)
{
	return 31U << 26 | rs << 21 | (sprn & 0x1f) << 16 | (sprn >> 5) << 11 |
	       467U << 1;
}

/* Decode and run one trapped instruction; returns kvmppc_emulate_spr(). */
static int trap(struct kunit *test, struct fake *f, u32 insn)
{
	struct kvmppc_spr_access a;

	KUNIT_ASSERT_TRUE(test, kvmppc_decode_spr_insn(insn, &a));
	return kvmppc_emulate_spr(&f->vcpu, &a, SRR1_PROGILL);
}

/* A program interrupt with @cause (and no other cause) at NIA. */
static void expect_program(struct kunit *test, struct fake *f, u64 cause)
{
	const u64 causes = SRR1_PROGILL | SRR1_PROGPRIV | SRR1_PROGTRAP |
			   SRR1_PROGFPE;
	struct kvmppc_core_regs *r = &f->vcpu.arch.regs;

	KUNIT_EXPECT_EQ(test, r->nip, 0x700ULL);
	KUNIT_EXPECT_EQ(test, r->srr0, NIA);
	KUNIT_EXPECT_EQ(test, r->srr1 & causes, cause);
	KUNIT_EXPECT_TRUE(test, r->srr1 & MSR_SF);
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_NIA));
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_SRR0));
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_SRR1));
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_MSR));
}

static void expect_program_interrupt(struct kunit *test, struct fake *f)
{
	expect_program(test, f, SRR1_PROGILL);
}

static void spr_decode(struct kunit *test)
{
	static const unsigned int sprns[] = { 0, 1, 17, 31, 32, 896, 1023 };
	struct kvmppc_spr_access a;
	unsigned int i;

	/* mflr r3 and mtlr r0, as an assembler writes them. */
	KUNIT_ASSERT_TRUE(test, kvmppc_decode_spr_insn(0x7c6802a6, &a));
	KUNIT_EXPECT_EQ(test, a.sprn, 8);
	KUNIT_EXPECT_EQ(test, a.reg, 3);
	KUNIT_EXPECT_FALSE(test, a.write);
	KUNIT_ASSERT_TRUE(test, kvmppc_decode_spr_insn(0x7c0803a6, &a));
	KUNIT_EXPECT_EQ(test, a.sprn, 8);
	KUNIT_EXPECT_EQ(test, a.reg, 0);
	KUNIT_EXPECT_TRUE(test, a.write);

	for (i = 0; i < ARRAY_SIZE(sprns); i++) {
		KUNIT_ASSERT_TRUE(test, kvmppc_decode_spr_insn(insn_mtspr(sprns[i], 31), &a));
		KUNIT_EXPECT_EQ(test, a.sprn, sprns[i]);
		KUNIT_EXPECT_EQ(test, a.reg, 31);
		KUNIT_EXPECT_TRUE(test, a.write);
		KUNIT_ASSERT_TRUE(test, kvmppc_decode_spr_insn(insn_mfspr(7, sprns[i]), &a));
		KUNIT_EXPECT_EQ(test, a.sprn, sprns[i]);
		KUNIT_EXPECT_FALSE(test, a.write);
	}
	/* sync, mfmsr, an illegal word, a load: not SPR accesses. */
	KUNIT_EXPECT_FALSE(test, kvmppc_decode_spr_insn(0x7c0004ac, &a));
	KUNIT_EXPECT_FALSE(test, kvmppc_decode_spr_insn(0x7c6000a6, &a));
	KUNIT_EXPECT_FALSE(test, kvmppc_decode_spr_insn(0, &a));
	KUNIT_EXPECT_FALSE(test, kvmppc_decode_spr_insn(0xe8630000, &a));
}

/* A guest-readable SPR of the table is read from its slot. */
static void spr_emulated_read(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);

	f->vcpu.arch.spr[KVMPPC_SPR_DSCR] = 0x55;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(5, 17)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.gpr[5], 0x55ULL);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, NIA + 4);
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_GPR(5)));
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_NIA));
	KUNIT_EXPECT_EQ(test, f->vcpu.stat.spr_emulated, 1ULL);
	fake_free(f);
}

/* A write lands in the slot, inside the row's mask, and reaches the L0. */
static void spr_emulated_write(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);

	f->vcpu.arch.regs.gpr[6] = 0xabcd00000007ULL;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mtspr(18, 6)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.spr[KVMPPC_SPR_DSISR], 7ULL);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, NIA + 4);
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_DSISR));
	fake_free(f);
}

/* The guest may read PURR but not write it; LPCR is the hypervisor's. */
static void spr_not_allowed(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);

	f->vcpu.arch.spr[KVMPPC_SPR_PURR] = 9;
	f->vcpu.arch.regs.gpr[3] = 1;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mtspr(309, 3)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.spr[KVMPPC_SPR_PURR], 9ULL);
	expect_program_interrupt(test, f);
	fake_free(f);

	f = fake_vcpu(test);
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 318)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.gpr[3], 0ULL);
	expect_program_interrupt(test, f);
	/* Known, so "unknown" exits do not take it either. */
	f->vcpu.arch.regs.nip = NIA;
	f->kvm.arch.spr_exit = KVM_PPC_SPR_EXIT_UNKNOWN;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 318)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, 0x700ULL);
	fake_free(f);
}

/* Problem state may not touch a privileged SPR, known or not. */
static void spr_problem_state(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);

	f->vcpu.arch.regs.msr |= MSR_PR;
	f->kvm.arch.spr_exit = KVM_PPC_SPR_EXIT_UNKNOWN;
	f->vcpu.arch.spr[KVMPPC_SPR_DSCR] = 0x55;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(5, 17)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.gpr[5], 0ULL);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, 0x700ULL);
	KUNIT_EXPECT_TRUE(test, f->vcpu.arch.regs.srr1 & SRR1_PROGPRIV);
	KUNIT_EXPECT_TRUE(test, f->vcpu.arch.regs.srr1 & MSR_PR);
	KUNIT_EXPECT_FALSE(test, f->vcpu.arch.regs.msr & MSR_PR);

	/* An unknown unprivileged number still goes to user space. */
	f->vcpu.arch.regs.msr |= MSR_PR;
	f->vcpu.arch.regs.nip = NIA;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(5, 2)), 0);
	KUNIT_EXPECT_TRUE(test, f->run.spr.msr & MSR_PR);
	f->run.spr.status = KVM_SPR_STATUS_OK;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), 0);

	/* A known one the guest may use (TAR) is not done for problem state. */
	f->vcpu.arch.regs.nip = NIA;
	f->vcpu.arch.spr[KVMPPC_SPR_TAR] = 0x1000;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(5, 815)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.stat.spr_emulated, 0ULL);
	expect_program_interrupt(test, f);
	fake_free(f);
}

/* Selected by the filter, then failed: the cause is still privileged. */
static void spr_filter_then_fail_privileged(struct kunit *test)
{
	u64 read[KVM_PPC_NR_SPRNS / 64] = {}, write[KVM_PPC_NR_SPRNS / 64] = {};
	struct fake *f = fake_vcpu(test);

	read[0] = BIT_ULL(17);		/* DSCR, privileged */
	KUNIT_ASSERT_EQ(test, kvmppc_spr_filter_install(&f->kvm, read, write), 0);
	f->kvm.arch.spr_exit = KVM_PPC_SPR_EXIT_FILTER;
	f->vcpu.arch.regs.msr |= MSR_PR;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 17)), 0);
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), 0);
	expect_program(test, f, SRR1_PROGPRIV);
	fake_free(f);
}

/* An ISA 3.1 SPR is done in the kernel only on a processor that has it. */
static void spr_isa31_gated(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);

	f->vcpu.arch.spr[KVMPPC_SPR_DEXCR] = 0x77;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(4, 828)), 1);
	if (cpu_has_feature(CPU_FTR_ARCH_31)) {
		KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.gpr[4], 0x77ULL);
		KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, NIA + 4);
	} else {
		expect_program_interrupt(test, f);
	}
	fake_free(f);
}

/* Without the capability an SPR the kernel lacks is the architected fault. */
static void spr_unknown_no_cap(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);

	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 4)), 1);
	expect_program_interrupt(test, f);
	KUNIT_EXPECT_EQ(test, f->vcpu.stat.spr_exit_user, 0ULL);
	fake_free(f);
}

static void spr_unknown_exit_read(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);
	struct kvm_run *run = &f->run;

	f->kvm.arch.spr_exit = KVM_PPC_SPR_EXIT_UNKNOWN;
	KUNIT_ASSERT_EQ(test, trap(test, f, insn_mfspr(9, 4)), 0);
	KUNIT_EXPECT_EQ(test, run->exit_reason, KVM_EXIT_SPR);
	KUNIT_EXPECT_EQ(test, run->spr.flags, 0ULL);
	KUNIT_EXPECT_EQ(test, run->spr.sprn, 4ULL);
	KUNIT_EXPECT_EQ(test, run->spr.msr, f->vcpu.arch.regs.msr);
	KUNIT_EXPECT_EQ(test, run->spr.nia, NIA);
	KUNIT_EXPECT_EQ(test, run->spr.status, (u64)KVM_SPR_STATUS_FAIL);
	KUNIT_EXPECT_EQ(test, f->vcpu.stat.spr_exit_user, 1ULL);

	run->spr.value = 0x1122334455667788ULL;
	run->spr.status = KVM_SPR_STATUS_OK;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), 0);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.gpr[9], 0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, NIA + 4);
	KUNIT_EXPECT_TRUE(test, was_changed(f, KVM_REG_PPC_GPR(9)));
	/* Completed once: a second KVM_RUN changes nothing. */
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), 0);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, NIA + 4);
	fake_free(f);
}

static void spr_unknown_exit_write_fail(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);
	struct kvm_run *run = &f->run;

	f->kvm.arch.spr_exit = KVM_PPC_SPR_EXIT_UNKNOWN;
	f->vcpu.arch.regs.gpr[12] = 0xfeedULL;
	KUNIT_ASSERT_EQ(test, trap(test, f, insn_mtspr(0, 12)), 0);
	KUNIT_EXPECT_EQ(test, run->spr.flags, KVM_SPR_EXIT_WRITE);
	KUNIT_EXPECT_EQ(test, run->spr.sprn, 0ULL);
	KUNIT_EXPECT_EQ(test, run->spr.value, 0xfeedULL);

	/* Neither OK nor FAIL: refused, and still pending. */
	run->spr.status = 7;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.nip, NIA);
	KUNIT_EXPECT_TRUE(test, f->vcpu.arch.spr_pending.pending);

	run->spr.status = KVM_SPR_STATUS_FAIL;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), 0);
	expect_program_interrupt(test, f);
	KUNIT_EXPECT_EQ(test, f->vcpu.arch.regs.gpr[12], 0xfeedULL);
	fake_free(f);
}

/* The filter sends even a known SPR to user space, one direction only. */
static void spr_filter(struct kunit *test)
{
	u64 read[KVM_PPC_NR_SPRNS / 64] = {}, write[KVM_PPC_NR_SPRNS / 64] = {};
	struct fake *f = fake_vcpu(test);

	read[0] = BIT_ULL(17);		/* DSCR */
	KUNIT_ASSERT_EQ(test, kvmppc_spr_filter_install(&f->kvm, read, write), 0);

	/* Installed but not enabled: the kernel emulates. */
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 17)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.stat.spr_emulated, 1ULL);

	f->kvm.arch.spr_exit = KVM_PPC_SPR_EXIT_FILTER;
	f->vcpu.arch.regs.nip = NIA;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 17)), 0);
	KUNIT_EXPECT_EQ(test, f->run.spr.sprn, 17ULL);
	f->run.spr.status = KVM_SPR_STATUS_OK;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_complete(&f->vcpu), 0);

	/* The write is not selected: emulated. */
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mtspr(17, 3)), 1);
	KUNIT_EXPECT_EQ(test, f->vcpu.stat.spr_emulated, 2ULL);

	/* Unknown SPR, not selected, FILTER alone: the architected fault. */
	f->vcpu.arch.regs.nip = NIA;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 5)), 1);
	expect_program_interrupt(test, f);

	/* A new filter replaces the old one as a whole. */
	read[0] = 0;
	write[15] = BIT_ULL(1023 % 64);
	KUNIT_ASSERT_EQ(test, kvmppc_spr_filter_install(&f->kvm, read, write), 0);
	f->vcpu.arch.regs.nip = NIA;
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mfspr(3, 17)), 1);
	KUNIT_EXPECT_EQ(test, trap(test, f, insn_mtspr(1023, 3)), 0);
	KUNIT_EXPECT_EQ(test, f->run.spr.sprn, 1023ULL);
	fake_free(f);
}

static void spr_cap_args(struct kunit *test)
{
	struct fake *f = fake_vcpu(test);
	struct kvm_enable_cap cap = { .cap = KVM_CAP_PPC_SPR_EXIT };

	cap.args[0] = KVM_PPC_SPR_EXIT_VALID_MASK;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_exit_enable(&f->kvm, &cap), 0);
	KUNIT_EXPECT_EQ(test, f->kvm.arch.spr_exit, KVM_PPC_SPR_EXIT_VALID_MASK);
	cap.args[0] = 4;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_exit_enable(&f->kvm, &cap), -EINVAL);
	cap.args[0] = 1;
	cap.args[3] = 1;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_exit_enable(&f->kvm, &cap), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->kvm.arch.spr_exit, KVM_PPC_SPR_EXIT_VALID_MASK);
	cap.args[3] = 0;
	cap.args[0] = 0;
	KUNIT_EXPECT_EQ(test, kvmppc_spr_exit_enable(&f->kvm, &cap), 0);
	KUNIT_EXPECT_EQ(test, f->kvm.arch.spr_exit, 0ULL);
	fake_free(f);
}

static struct kunit_case kvm_ppc_spr_cases[] = {
	KUNIT_CASE(spr_decode),
	KUNIT_CASE(spr_emulated_read),
	KUNIT_CASE(spr_emulated_write),
	KUNIT_CASE(spr_not_allowed),
	KUNIT_CASE(spr_problem_state),
	KUNIT_CASE(spr_filter_then_fail_privileged),
	KUNIT_CASE(spr_isa31_gated),
	KUNIT_CASE(spr_unknown_no_cap),
	KUNIT_CASE(spr_unknown_exit_read),
	KUNIT_CASE(spr_unknown_exit_write_fail),
	KUNIT_CASE(spr_filter),
	KUNIT_CASE(spr_cap_args),
	{}
};

static struct kunit_suite kvm_ppc_spr_suite = {
	.name = "kvm_ppc_spr",
	.test_cases = kvm_ppc_spr_cases,
};

kunit_test_suites(&kvm_ppc_spr_suite);

MODULE_DESCRIPTION("KUnit tests for trapped guest SPR accesses on powerpc KVM");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
