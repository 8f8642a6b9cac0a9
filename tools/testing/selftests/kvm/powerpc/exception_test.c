// SPDX-License-Identifier: GPL-2.0-only
/*
 * exception_test - the library's guest interrupt handlers
 * (vm_install_exception_handler()), with 64K and with 4K guest pages:
 *
 *  - a program interrupt (illegal instruction) reaches its C handler
 *    with the vector, the address of the instruction (SRR0) and the
 *    interrupted MSR; the handler skips the instruction, and the
 *    interrupted code finds its registers (GPRs, CTR, a vector register)
 *    as it left them, although the handler clobbered them;
 *  - a load from an unmapped address takes a data storage interrupt
 *    whose handler sees the address in DAR;
 *  - the decrementer interrupts the guest once it enables external
 *    interrupts, and the handler runs with translation on and external
 *    interrupts off;
 *  - a vector without a handler still reports to the host, as before
 *    any handler was installed.
 */
#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"

#define UNMAPPED_GVA	0x400000000000UL
#define SRR1_PROGILL	0x80000
#define NR_REGS		10

/* Written by the guest's handlers, read by the host after the run. */
static uint64_t seen_vector, seen_nip, seen_msr, seen_dar;
static uint64_t handler_msr, dec_count;
static uint64_t before[NR_REGS + 2] __aligned(16);
static uint64_t after[NR_REGS + 2] __aligned(16);

static inline uint64_t read_msr(void)
{
	uint64_t msr;

	asm volatile("mfmsr %0" : "=r"(msr));
	return msr;
}

/* Record the interrupt, clobber what it must not leak, skip the insn. */
static void skip_handler(struct ex_regs *regs)
{
	seen_vector = regs->vector;
	seen_nip = regs->nip;
	seen_msr = regs->msr;
	seen_dar = regs->dar;
	handler_msr = read_msr();
	asm volatile("li 5, -1\n\tli 12, -1\n\tmtctr 5\n\tvspltisw 0, -1"
		     : : : "r5", "r12", "ctr", "v0");
	regs->nip += 4;
}

static void dec_handler(struct ex_regs *regs)
{
	WRITE_ONCE(dec_count, dec_count + 1);
	handler_msr = read_msr();
	asm volatile("mtspr 22, %0" : : "r"(0x7fffffffUL));	/* DEC */
}

static void guest_program(void)
{
	int i;

	for (i = 0; i < NR_REGS + 2; i++)
		before[i] = 0x0101010101010101UL * (i + 1);
	asm volatile("ld 5, 0(%0)\n\t"
		     "ld 6, 8(%0)\n\t"
		     "ld 7, 16(%0)\n\t"
		     "ld 8, 24(%0)\n\t"
		     "ld 9, 32(%0)\n\t"
		     "ld 10, 40(%0)\n\t"
		     "ld 11, 48(%0)\n\t"
		     "ld 12, 56(%0)\n\t"
		     "mtctr 5\n\t"
		     "lxvd2x 32, %0, %2\n\t"
		     ".global ex_illegal\n"
		     "ex_illegal: .long 0\n\t"
		     "std 5, 0(%1)\n\t"
		     "std 6, 8(%1)\n\t"
		     "std 7, 16(%1)\n\t"
		     "std 8, 24(%1)\n\t"
		     "std 9, 32(%1)\n\t"
		     "std 10, 40(%1)\n\t"
		     "std 11, 48(%1)\n\t"
		     "std 12, 56(%1)\n\t"
		     "mfctr 5\n\t"
		     "std 5, 64(%1)\n\t"
		     "stxvd2x 32, %1, %2"
		     : : "b"(before), "b"(after), "r"(8 * NR_REGS)
		     : "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12",
		       "ctr", "v0", "memory");
	GUEST_DONE();
}

extern char ex_illegal[];

static void guest_dsi(void)
{
	uint64_t v = READ_ONCE(*(uint64_t *)UNMAPPED_GVA);

	GUEST_SYNC(v);
	GUEST_DONE();
}

static void guest_dec(void)
{
	uint64_t spins, dec;

	asm volatile("mtspr 22, %0" : : "r"(1000UL));
	asm volatile("mtmsrd %0, 1" : : "r"(MSR_EE | MSR_RI) : "memory");
	for (spins = 0; !READ_ONCE(dec_count) && spins < 100000000UL; spins++)
		;
	asm volatile("mtmsrd %0, 1" : : "r"(MSR_RI) : "memory");
	asm volatile("mfspr %0, 22" : "=r"(dec));
	/* What the decrementer holds, should it not have interrupted. */
	GUEST_SYNC(dec);
	GUEST_DONE();
}

static void guest_syscall(void)
{
	asm volatile("sc" : : : "memory");
	GUEST_DONE();
}

static struct kvm_vm *setup(enum vm_guest_mode mode, struct kvm_vcpu **vcpu,
			    void *guest_code, int vector, handler_fn handler)
{
	struct kvm_vm *vm = __vm_create_shape_with_one_vcpu(VM_SHAPE(mode),
							     vcpu, 0,
							     guest_code);

	vm_init_descriptor_tables(vm);
	vcpu_init_descriptor_tables(*vcpu);
	vm_install_exception_handler(vm, vector, handler);
	return vm;
}

static void run_to_done(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
}

static void test_program(enum vm_guest_mode mode)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = setup(mode, &vcpu, guest_program, 0x700,
				  skip_handler);
	int i;

	run_to_done(vcpu);
	sync_global_from_guest(vm, seen_vector);
	sync_global_from_guest(vm, seen_nip);
	sync_global_from_guest(vm, seen_msr);
	sync_global_from_guest(vm, handler_msr);
	sync_global_from_guest(vm, before);
	sync_global_from_guest(vm, after);
	TEST_ASSERT_EQ(seen_vector, 0x700);
	TEST_ASSERT(seen_nip == (uintptr_t)ex_illegal,
		    "SRR0 %#lx, the instruction is at %p", seen_nip, ex_illegal);
	TEST_ASSERT(seen_msr & SRR1_PROGILL,
		    "SRR1 %#lx: not an illegal-instruction interrupt", seen_msr);
	TEST_ASSERT((seen_msr & (MSR_IR | MSR_DR | MSR_SF | MSR_LE)) ==
		    (MSR_IR | MSR_DR | MSR_SF | MSR_LE),
		    "SRR1 %#lx: not the interrupted code's MSR", seen_msr);
	TEST_ASSERT((handler_msr & (MSR_IR | MSR_DR | MSR_EE)) ==
		    (MSR_IR | MSR_DR), "handler MSR %#lx", handler_msr);
	for (i = 0; i < NR_REGS - 2; i++)
		TEST_ASSERT(after[i] == before[i], "r%d: %#lx, was %#lx",
			    i + 5, after[i], before[i]);
	TEST_ASSERT(after[8] == before[0], "CTR: %#lx, was %#lx",
		    after[8], before[0]);
	TEST_ASSERT(after[10] == before[10] && after[11] == before[11],
		    "v0: %#lx:%#lx, was %#lx:%#lx",
		    after[10], after[11], before[10], before[11]);
	kvm_vm_free(vm);
}

static void test_dsi(enum vm_guest_mode mode)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = setup(mode, &vcpu, guest_dsi, 0x300, skip_handler);
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_SYNC);
	run_to_done(vcpu);
	sync_global_from_guest(vm, seen_vector);
	sync_global_from_guest(vm, seen_dar);
	TEST_ASSERT_EQ(seen_vector, 0x300);
	TEST_ASSERT(seen_dar == UNMAPPED_GVA, "DAR %#lx, expected %#lx",
		    seen_dar, UNMAPPED_GVA);
	kvm_vm_free(vm);
}

static void test_dec(enum vm_guest_mode mode)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = setup(mode, &vcpu, guest_dec, 0x900, dec_handler);
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_SYNC);
	run_to_done(vcpu);
	sync_global_from_guest(vm, dec_count);
	sync_global_from_guest(vm, handler_msr);
	TEST_ASSERT(dec_count == 1,
		    "%lu decrementer interrupts; DEC is %#lx after the wait",
		    dec_count, uc.args[1]);
	TEST_ASSERT((handler_msr & (MSR_IR | MSR_DR | MSR_EE)) ==
		    (MSR_IR | MSR_DR), "handler MSR %#lx", handler_msr);
	kvm_vm_free(vm);
}

static void test_default(enum vm_guest_mode mode)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = setup(mode, &vcpu, guest_syscall, 0x700,
				  skip_handler);
	struct kvm_run *run = vcpu->run;

	/* Not vcpu_run(): the library fails the test on the report. */
	TEST_ASSERT_EQ(__vcpu_run(vcpu), 0);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT_EQ(run->papr_hcall.nr, PPC_HCALL_UNHANDLED);
	TEST_ASSERT(run->papr_hcall.args[0] == 0xc00, "vector %#llx",
		    run->papr_hcall.args[0]);
	kvm_vm_free(vm);
}

static const struct {
	const char *name;
	void (*fn)(enum vm_guest_mode mode);
} cases[] = {
	{ "program interrupt", test_program },
	{ "data storage interrupt", test_dsi },
	{ "decrementer", test_dec },
	{ "no handler", test_default },
};

static const enum vm_guest_mode modes[] = {
	VM_MODE_P52V48_64K,
	VM_MODE_P52V48_4K,
};

int main(void)
{
	size_t i, m;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_MMU_RADIX));
	ksft_print_header();
	ksft_set_plan(ARRAY_SIZE(cases) * ARRAY_SIZE(modes));
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			cases[i].fn(modes[m]);
			ksft_test_result_pass("%s, %s\n", cases[i].name,
					      vm_guest_mode_string(modes[m]));
		}
	}
	ksft_finished();
}
