// SPDX-License-Identifier: GPL-2.0-only
/*
 * spr_test - guest mtspr/mfspr that trap to KVM and reach user space.
 *
 * KVM_CAP_PPC_SPR_EXIT reports the reasons it supports and refuses bad
 * KVM_ENABLE_CAP arguments, KVM_PPC_SET_SPR_FILTER refuses bad filters,
 * and a refused call changes nothing.  Without SPR exits a trapped access
 * gives the guest a program interrupt (illegal instruction) at the
 * instruction.  With KVM_PPC_SPR_EXIT_UNKNOWN an access of an SPR KVM has
 * no register-table row for leaves KVM_RUN as KVM_EXIT_SPR with the
 * direction, SPR number, value, MSR and address filled in and the status
 * preset to KVM_SPR_STATUS_FAIL: KVM_SPR_STATUS_OK resumes the guest after
 * the instruction (an mfspr's target register gets the value user space
 * gave), KVM_SPR_STATUS_FAIL gives the program interrupt, and any other
 * status makes KVM_RUN fail with EINVAL and leaves the access pending.
 * With KVM_PPC_SPR_EXIT_FILTER only the accesses the filter selects, per
 * SPR and direction, exit; KVM_ENABLE_CAP with 0 turns exits off again.
 *
 * Under QEMU as the L0 only a privileged mfspr of SPR 0, 4, 5 or 6 and an
 * mtspr of SPR 0 reach the L1 (other undefined SPRs are no-ops, defined
 * ones never trap), so those are the accesses used; KVM has no table row
 * for any of them.
 *
 * The library's stub at 0x700 reports a program interrupt with
 * PPC_HCALL_UNHANDLED (r4 = vector, r5 = SRR0, r6 = SRR1) and then only
 * re-issues that hcall, so a program interrupt is always the last thing a
 * vCPU does here; each case that needs one has a VM of its own.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

/* SRR1 cause bits of a program interrupt. */
#define SRR1_PROGFPE	0x100000
#define SRR1_PROGILL	0x80000
#define SRR1_PROGPRIV	0x40000
#define SRR1_PROGTRAP	0x20000

#define WRITE_VAL	0x1234abcd5678ef01ULL	/* the guest's mtspr value */
#define READ_VAL	0xfeedface12345678ULL	/* user space's mfspr value */
#define READ_VAL2	0x0badc0de87654321ULL
#define REG_POISON	0x5a5a5a5a5a5a5a5aULL	/* an mfspr target before */

/*
 * mtspr @sprn from register @reg (holding @val), at global label @label.
 * One asm statement with a fixed register: the compiler can neither move
 * the instruction away from its label nor merge two accesses.
 */
#define GUEST_MTSPR(label, sprn, reg, val)				\
do {									\
	register uint64_t __val asm(reg) = (val);			\
									\
	asm volatile(".global " #label "\n"				\
		     #label ":\n\t"					\
		     "mtspr " __stringify(sprn) ", %0"			\
		     : : "r"(__val) : "memory");			\
} while (0)

/*
 * mfspr @sprn into register @reg, at global label @label; evaluates to
 * the register.  It holds REG_POISON before, so a register KVM did not
 * write shows as such.
 */
#define GUEST_MFSPR(label, sprn, reg)					\
({									\
	register uint64_t __val asm(reg) = REG_POISON;			\
									\
	asm volatile(".global " #label "\n"				\
		     #label ":\n\t"					\
		     "mfspr %0, " __stringify(sprn)			\
		     : "+r"(__val) : : "memory");			\
	__val;								\
})

extern char mfspr4_insn[], mfspr5_insn[], mtspr0_insn[];
extern char unk_mtspr0[], unk_mfspr5[], unk_mfspr6[];
extern char flt_mfspr4[], flt_mtspr0[], flt_mfspr4_off[];

static void guest_mfspr4(void)
{
	uint64_t v = GUEST_MFSPR(mfspr4_insn, 4, "r10");

	GUEST_SYNC(v);
	GUEST_DONE();
}

static void guest_mfspr5(void)
{
	uint64_t v = GUEST_MFSPR(mfspr5_insn, 5, "r10");

	GUEST_SYNC(v);
	GUEST_DONE();
}

static void guest_mtspr0(void)
{
	GUEST_MTSPR(mtspr0_insn, 0, "r9", WRITE_VAL);
	GUEST_DONE();
}

static void guest_unknown(void)
{
	uint64_t v;

	GUEST_MTSPR(unk_mtspr0, 0, "r9", WRITE_VAL);
	v = GUEST_MFSPR(unk_mfspr5, 5, "r29");
	GUEST_SYNC(v);
	/* User space leaves this one failed: the program interrupt. */
	v = GUEST_MFSPR(unk_mfspr6, 6, "r10");
	GUEST_SYNC(v);
	GUEST_DONE();
}

static void guest_filter(void)
{
	uint64_t v;

	v = GUEST_MFSPR(flt_mfspr4, 4, "r10");
	GUEST_SYNC(v);
	GUEST_MTSPR(flt_mtspr0, 0, "r30", WRITE_VAL);
	GUEST_SYNC(0);
	/* SPR exits are off by now: the program interrupt. */
	v = GUEST_MFSPR(flt_mfspr4_off, 4, "r10");
	GUEST_SYNC(v);
	GUEST_DONE();
}

/* KVM_ENABLE_CAP(KVM_CAP_PPC_SPR_EXIT); 0 or -1 with errno. */
static int spr_exit_cap(struct kvm_vm *vm, uint32_t flags, const uint64_t *args)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_PPC_SPR_EXIT,
		.flags = flags,
		.args = { args[0], args[1], args[2], args[3] },
	};

	return __vm_ioctl(vm, KVM_ENABLE_CAP, &cap);
}

static void enable_spr_exit(struct kvm_vm *vm, uint64_t reasons)
{
	const uint64_t args[4] = { reasons };

	TEST_ASSERT(!spr_exit_cap(vm, 0, args),
		    "KVM_ENABLE_CAP(KVM_CAP_PPC_SPR_EXIT, %#lx): errno %d",
		    reasons, errno);
}

static void set_filter(struct kvm_vm *vm, const struct kvm_ppc_spr_filter *f)
{
	vm_ioctl(vm, KVM_PPC_SET_SPR_FILTER, f);
}

static void filter_bit(__u64 *map, unsigned int sprn, bool on)
{
	if (on)
		map[sprn / 64] |= 1ULL << (sprn % 64);
	else
		map[sprn / 64] &= ~(1ULL << (sprn % 64));
}

/* Every SPR in both directions, flags and reserved clear. */
static void filter_all(struct kvm_ppc_spr_filter *f)
{
	memset(f, 0, sizeof(*f));
	memset(f->read, 0xff, sizeof(f->read));
	memset(f->write, 0xff, sizeof(f->write));
}

/*
 * KVM_ENABLE_CAP arguments KVM must refuse with EINVAL.  args[0] asks for
 * every exit, so a refused call that took effect anyway turns exits on.
 */
static const struct {
	const char *what;
	uint32_t flags;
	uint64_t args[4];
} bad_caps[] = {
	{ "flags 1", 1, { KVM_PPC_SPR_EXIT_VALID_MASK } },
	{ "flags bit 31", 1U << 31, { KVM_PPC_SPR_EXIT_VALID_MASK } },
	{ "args[0] bit 2", 0, { KVM_PPC_SPR_EXIT_VALID_MASK | 4 } },
	{ "args[0] bit 63", 0, { KVM_PPC_SPR_EXIT_VALID_MASK | 1ULL << 63 } },
	{ "args[1] 1", 0, { KVM_PPC_SPR_EXIT_VALID_MASK, 1 } },
	{ "args[2] 1", 0, { KVM_PPC_SPR_EXIT_VALID_MASK, 0, 1 } },
	{ "args[3] bit 63", 0, { KVM_PPC_SPR_EXIT_VALID_MASK, 0, 0, 1ULL << 63 } },
};

static void check_bad_caps(struct kvm_vm *vm)
{
	unsigned int i;
	int r;

	for (i = 0; i < ARRAY_SIZE(bad_caps); i++) {
		r = spr_exit_cap(vm, bad_caps[i].flags, bad_caps[i].args);
		TEST_ASSERT(r == -1 && errno == EINVAL,
			    "KVM_ENABLE_CAP with %s: returned %d, errno %d",
			    bad_caps[i].what, r, errno);
	}
}

/*
 * Filters KVM must refuse with EINVAL (a non-zero flags or reserved
 * word); they select every access, so one installed anyway shows.
 */
static void check_bad_filters(struct kvm_vm *vm)
{
	struct kvm_ppc_spr_filter f;
	unsigned int i;
	int r;

	filter_all(&f);
	f.flags = 1;
	r = __vm_ioctl(vm, KVM_PPC_SET_SPR_FILTER, &f);
	TEST_ASSERT(r == -1 && errno == EINVAL,
		    "filter with flags 1: returned %d, errno %d", r, errno);
	f.flags = 1ULL << 63;
	r = __vm_ioctl(vm, KVM_PPC_SET_SPR_FILTER, &f);
	TEST_ASSERT(r == -1 && errno == EINVAL,
		    "filter with flags bit 63: returned %d, errno %d", r, errno);

	for (i = 0; i < ARRAY_SIZE(f.reserved); i++) {
		filter_all(&f);
		f.reserved[i] = i & 1 ? 1ULL << 63 : 1;
		r = __vm_ioctl(vm, KVM_PPC_SET_SPR_FILTER, &f);
		TEST_ASSERT(r == -1 && errno == EINVAL,
			    "filter with reserved[%u] %#llx: returned %d, errno %d",
			    i, f.reserved[i], r, errno);
	}
}

/*
 * Check the exit KVM_RUN just returned: an SPR exit for an access of
 * @sprn in the given direction by the instruction at @insn, from the
 * guest's privileged 64-bit little-endian state with translation on, the
 * status preset to FAIL and the reserved words cleared.
 */
static void check_spr_exit(struct kvm_vcpu *vcpu, uint64_t sprn, bool write,
			   const char *insn)
{
	const uint64_t msr_mask = MSR_SF | MSR_PR | MSR_IR | MSR_DR | MSR_LE;
	const uint64_t msr_want = MSR_SF | MSR_IR | MSR_DR | MSR_LE;
	struct kvm_run *run = vcpu->run;
	struct kvm_regs regs;
	unsigned int i;

	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_SPR);
	TEST_ASSERT(run->spr.flags == (write ? KVM_SPR_EXIT_WRITE : 0),
		    "SPR %lu: flags %#llx for an %s", sprn, run->spr.flags,
		    write ? "mtspr" : "mfspr");
	TEST_ASSERT(run->spr.sprn == sprn, "sprn %llu, expected %lu",
		    run->spr.sprn, sprn);
	TEST_ASSERT(run->spr.nia == (uintptr_t)insn,
		    "SPR %lu: nia %#llx, the instruction is at %p", sprn,
		    run->spr.nia, insn);
	TEST_ASSERT((run->spr.msr & msr_mask) == msr_want,
		    "SPR %lu: msr %#llx, expected SF, IR, DR, LE set and PR clear",
		    sprn, run->spr.msr);
	vcpu_regs_get(vcpu, &regs);
	TEST_ASSERT(run->spr.msr == regs.msr,
		    "SPR %lu: exit msr %#llx, the vCPU's MSR is %#llx", sprn,
		    run->spr.msr, regs.msr);
	TEST_ASSERT(run->spr.status == KVM_SPR_STATUS_FAIL,
		    "SPR %lu: status %#llx, not preset to KVM_SPR_STATUS_FAIL",
		    sprn, run->spr.status);
	for (i = 0; i < ARRAY_SIZE(run->spr.reserved); i++)
		TEST_ASSERT(!run->spr.reserved[i], "SPR %lu: reserved[%u] %#llx",
			    sprn, i, run->spr.reserved[i]);
}

/*
 * Run @vcpu, which has no SPR access pending, to an SPR exit.  The fields
 * KVM must preset are poisoned first so that stale values cannot pass.
 * vcpu_run() fails the test if the guest takes an interrupt instead.
 */
static void run_to_spr_exit(struct kvm_vcpu *vcpu, uint64_t sprn, bool write,
			    const char *insn)
{
	struct kvm_run *run = vcpu->run;

	run->spr.status = 0xa5a5a5a5a5a5a5a5ULL;
	memset(run->spr.reserved, 0xa5, sizeof(run->spr.reserved));
	vcpu_run(vcpu);
	check_spr_exit(vcpu, sprn, write, insn);
}

/* Answer the pending access; the next KVM_RUN completes it. */
static void answer_spr_exit(struct kvm_vcpu *vcpu, uint64_t status,
			    uint64_t value)
{
	vcpu->run->spr.value = value;
	vcpu->run->spr.status = status;
}

/* Run to the next ucall, which must be GUEST_SYNC(@val). */
static void expect_sync(struct kvm_vcpu *vcpu, uint64_t val)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT(uc.args[1] == val, "guest reports %#lx, expected %#lx",
		    uc.args[1], val);
}

static void expect_done(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
}

/*
 * Run to the 0x700 stub's report of a program interrupt (illegal
 * instruction, no other cause) at @insn.
 */
static void expect_program_interrupt(struct kvm_vcpu *vcpu, const char *insn)
{
	struct kvm_run *run = vcpu->run;
	uint64_t srr1;

	/* Not vcpu_run(): the library fails the test on any guest interrupt. */
	TEST_ASSERT_EQ(__vcpu_run(vcpu), 0);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT(run->papr_hcall.nr == PPC_HCALL_UNHANDLED,
		    "hcall %#llx, not the interrupt stub's report",
		    run->papr_hcall.nr);
	TEST_ASSERT(run->papr_hcall.args[0] == 0x700, "vector %#llx",
		    run->papr_hcall.args[0]);
	TEST_ASSERT(run->papr_hcall.args[1] == (uintptr_t)insn,
		    "SRR0 %#llx, the instruction is at %p",
		    run->papr_hcall.args[1], insn);
	srr1 = run->papr_hcall.args[2];
	TEST_ASSERT((srr1 & SRR1_PROGILL) &&
		    !(srr1 & (SRR1_PROGFPE | SRR1_PROGPRIV | SRR1_PROGTRAP)),
		    "SRR1 %#lx: not an illegal-instruction interrupt", srr1);
}

KVM_ONE_VCPU_TEST_SUITE(spr);

/* The capability's value; refused and accepted arguments. */
KVM_ONE_VCPU_TEST(spr, cap_and_args, NULL)
{
	struct kvm_vm *vm = vcpu->vm;
	struct kvm_ppc_spr_filter f;
	long page = getpagesize();
	uint64_t reasons;
	char *map;
	int r;

	TEST_ASSERT_EQ(vm_check_cap(vm, KVM_CAP_PPC_SPR_EXIT),
		       KVM_PPC_SPR_EXIT_VALID_MASK);

	check_bad_caps(vm);
	for (reasons = 0; reasons <= KVM_PPC_SPR_EXIT_VALID_MASK; reasons++)
		enable_spr_exit(vm, reasons);

	r = __vm_ioctl(vm, KVM_PPC_SET_SPR_FILTER,
		       (struct kvm_ppc_spr_filter *)NULL);
	TEST_ASSERT(r == -1 && errno == EFAULT,
		    "filter at NULL: returned %d, errno %d", r, errno);

	/* The structure's last bytes lie on a page that cannot be read. */
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(map != MAP_FAILED, "mmap: errno %d", errno);
	TEST_ASSERT(!mprotect(map + page, page, PROT_NONE),
		    "mprotect: errno %d", errno);
	r = __vm_ioctl(vm, KVM_PPC_SET_SPR_FILTER,
		       (struct kvm_ppc_spr_filter *)(map + page - sizeof(f) + 8));
	TEST_ASSERT(r == -1 && errno == EFAULT,
		    "filter crossing into a PROT_NONE page: returned %d, errno %d",
		    r, errno);
	munmap(map, 2 * page);

	check_bad_filters(vm);

	memset(&f, 0, sizeof(f));
	set_filter(vm, &f);
	filter_all(&f);
	set_filter(vm, &f);
	filter_bit(f.read, 4, false);
	set_filter(vm, &f);
}

/*
 * Refused KVM_ENABLE_CAP and KVM_PPC_SET_SPR_FILTER calls that would
 * have selected the access leave it failing.
 */
KVM_ONE_VCPU_TEST(spr, refused_calls_change_nothing, guest_mfspr4)
{
	/* A VM starts with an empty filter. */
	enable_spr_exit(vcpu->vm, KVM_PPC_SPR_EXIT_FILTER);
	check_bad_caps(vcpu->vm);
	check_bad_filters(vcpu->vm);
	expect_program_interrupt(vcpu, mfspr4_insn);
}

/* A VM starts without SPR exits. */
KVM_ONE_VCPU_TEST(spr, cap_off, guest_mfspr4)
{
	expect_program_interrupt(vcpu, mfspr4_insn);
}

/* A filter has no effect until KVM_PPC_SPR_EXIT_FILTER is enabled. */
KVM_ONE_VCPU_TEST(spr, filter_without_enable, guest_mfspr4)
{
	struct kvm_ppc_spr_filter f;

	filter_all(&f);
	set_filter(vcpu->vm, &f);
	expect_program_interrupt(vcpu, mfspr4_insn);
}

/*
 * KVM_PPC_SPR_EXIT_UNKNOWN: an mtspr with its value, an mfspr answered
 * with a value, an mfspr left failed.
 */
KVM_ONE_VCPU_TEST(spr, unknown_exit, guest_unknown)
{
	enable_spr_exit(vcpu->vm, KVM_PPC_SPR_EXIT_UNKNOWN);

	run_to_spr_exit(vcpu, 0, true, unk_mtspr0);
	TEST_ASSERT(vcpu->run->spr.value == WRITE_VAL,
		    "mtspr value %#llx, the guest wrote %#llx",
		    vcpu->run->spr.value, WRITE_VAL);

	/* Resumed after the mtspr: the next exit is the mfspr's. */
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, 0);
	vcpu_run(vcpu);
	check_spr_exit(vcpu, 5, false, unk_mfspr5);

	/* Resumed after the mfspr, with its target holding the value. */
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, READ_VAL);
	expect_sync(vcpu, READ_VAL);

	/* Status left at KVM_SPR_STATUS_FAIL, as KVM preset it. */
	run_to_spr_exit(vcpu, 6, false, unk_mfspr6);
	expect_program_interrupt(vcpu, unk_mfspr6);
}

/*
 * A status other than OK or FAIL: KVM_RUN fails with EINVAL and the
 * access stays pending, unanswered; the corrected answer then completes
 * it once, with the value given with it.
 */
KVM_ONE_VCPU_TEST(spr, bad_status, guest_mfspr4)
{
	static const uint64_t bad[] = { 2, 7, ~0ULL };
	unsigned int i;
	int r;

	enable_spr_exit(vcpu->vm, KVM_PPC_SPR_EXIT_UNKNOWN);
	run_to_spr_exit(vcpu, 4, false, mfspr4_insn);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		answer_spr_exit(vcpu, bad[i], READ_VAL2);
		r = __vcpu_run(vcpu);
		TEST_ASSERT(r == -1 && errno == EINVAL,
			    "KVM_RUN with status %#lx: returned %d, errno %d",
			    bad[i], r, errno);
	}

	/* Not a new trap of the mfspr (that would be another SPR exit). */
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, READ_VAL);
	expect_sync(vcpu, READ_VAL);
	expect_done(vcpu);
}

/*
 * An answered exit is completed by the next KVM_RUN even when that returns
 * at once (immediate_exit): user space then sees the guest after the
 * instruction, and the guest goes on without a second completion.
 */
KVM_ONE_VCPU_TEST(spr, completed_by_immediate_exit, guest_mfspr4)
{
	struct kvm_regs regs;
	int r;

	enable_spr_exit(vcpu->vm, KVM_PPC_SPR_EXIT_UNKNOWN);
	run_to_spr_exit(vcpu, 4, false, mfspr4_insn);
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, READ_VAL);
	vcpu->run->immediate_exit = 1;
	r = __vcpu_run(vcpu);
	TEST_ASSERT(r == -1 && errno == EINTR,
		    "KVM_RUN with immediate_exit: returned %d, errno %d", r, errno);
	vcpu->run->immediate_exit = 0;
	vcpu_regs_get(vcpu, &regs);
	TEST_ASSERT(regs.pc == (uintptr_t)mfspr4_insn + 4,
		    "pc %#llx, the mfspr is at %p", regs.pc, mfspr4_insn);
	TEST_ASSERT(regs.gpr[10] == READ_VAL, "r10 %#llx", regs.gpr[10]);
	/* A stale answer must not be applied again. */
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, READ_VAL2);
	expect_sync(vcpu, READ_VAL);
	expect_done(vcpu);
}

/*
 * KVM_PPC_SPR_EXIT_FILTER alone, with a filter selecting only the mfspr
 * of SPR 4: that access exits.  A new filter that adds the mtspr of SPR 0
 * makes it exit too.  KVM_ENABLE_CAP with 0 then turns exits off.
 */
KVM_ONE_VCPU_TEST(spr, filter_selected, guest_filter)
{
	struct kvm_ppc_spr_filter f = { 0 };

	/* The filter may come first. */
	filter_bit(f.read, 4, true);
	set_filter(vcpu->vm, &f);
	enable_spr_exit(vcpu->vm, KVM_PPC_SPR_EXIT_FILTER);

	run_to_spr_exit(vcpu, 4, false, flt_mfspr4);
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, READ_VAL);
	expect_sync(vcpu, READ_VAL);

	/* Replaced while exits are on. */
	filter_bit(f.write, 0, true);
	set_filter(vcpu->vm, &f);
	run_to_spr_exit(vcpu, 0, true, flt_mtspr0);
	TEST_ASSERT(vcpu->run->spr.value == WRITE_VAL,
		    "mtspr value %#llx, the guest wrote %#llx",
		    vcpu->run->spr.value, WRITE_VAL);
	answer_spr_exit(vcpu, KVM_SPR_STATUS_OK, 0);
	expect_sync(vcpu, 0);

	/* The filter still selects SPR 4, but exits are off. */
	enable_spr_exit(vcpu->vm, 0);
	expect_program_interrupt(vcpu, flt_mfspr4_off);
}

/*
 * KVM_PPC_SPR_EXIT_FILTER alone, with a filter selecting every access but
 * one (of SPR @sprn, the mtspr if @write): that access, at @insn, fails.
 * The bit is the only one of its word clear, so an access matched
 * against the wrong bit, word or direction would exit.
 */
static void expect_unselected(struct kvm_vcpu *vcpu, unsigned int sprn,
			      bool write, const char *insn)
{
	struct kvm_ppc_spr_filter f;

	enable_spr_exit(vcpu->vm, KVM_PPC_SPR_EXIT_FILTER);
	filter_all(&f);
	filter_bit(write ? f.write : f.read, sprn, false);
	set_filter(vcpu->vm, &f);
	expect_program_interrupt(vcpu, insn);
}

/* The mfspr of SPR 5 (the mfspr of SPR 4 is selected). */
KVM_ONE_VCPU_TEST(spr, filter_unselected_read, guest_mfspr5)
{
	expect_unselected(vcpu, 5, false, mfspr5_insn);
}

/* The mtspr of SPR 0 (its mfspr is selected). */
KVM_ONE_VCPU_TEST(spr, filter_unselected_write, guest_mtspr0)
{
	expect_unselected(vcpu, 0, true, mtspr0_insn);
}

TEST_HARNESS_MAIN
