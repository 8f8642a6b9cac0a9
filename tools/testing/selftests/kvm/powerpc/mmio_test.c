// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmio_test - guest loads and stores to an address no memslot backs leave
 * KVM_RUN as KVM_EXIT_MMIO with the right address, length and bytes, and
 * a load's data reaches the right register (zero- or sign-extended,
 * byte-reversed forms, update forms) on the next KVM_RUN; an access KVM
 * does not emulate gives the guest a data storage interrupt.
 */
#include <sys/auxv.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define MMIO_GPA	0x40000000UL
#define MMIO_GVA	MMIO_GPA

/* One guest access and what the host sees and answers. */
struct step {
	const char *name;
	unsigned int off;	/* from MMIO_GPA */
	unsigned int len;
	bool write;
	uint8_t data[8];	/* bytes as in memory: expected (store) or given (load) */
	uint64_t result;	/* the loaded register value the guest reports */
};

static const struct step steps[] = {
	{ "stb", 0x1, 1, true, { 0x5a } },
	{ "sth", 0x2, 2, true, { 0x34, 0x12 } },
	{ "stw", 0x4, 4, true, { 0x44, 0x33, 0x22, 0x11 } },
	{ "std", 0x8, 8, true, { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 } },
	{ "stwbrx", 0x10, 4, true, { 0x11, 0x22, 0x33, 0x44 } },
	{ "stdu", 0x18, 8, true, { 1, 2, 3, 4, 5, 6, 7, 8 } },
	{ "lbz", 0x21, 1, false, { 0x80 }, 0x80 },
	{ "lhz", 0x22, 2, false, { 0x01, 0x80 }, 0x8001 },
	{ "lha", 0x22, 2, false, { 0x01, 0x80 }, 0xffffffffffff8001ULL },
	{ "lwz", 0x24, 4, false, { 0x04, 0x03, 0x02, 0x81 }, 0x81020304 },
	{ "lwa", 0x24, 4, false, { 0x04, 0x03, 0x02, 0x81 }, 0xffffffff81020304ULL },
	{ "ld", 0x28, 8, false, { 8, 7, 6, 5, 4, 3, 2, 1 }, 0x0102030405060708ULL },
	{ "lwbrx", 0x30, 4, false, { 0x11, 0x22, 0x33, 0x44 }, 0x11223344 },
	{ "ldx", 0x38, 8, false, { 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01 },
	  0x0123456789abcdefULL },
	{ "lwzu", 0x40, 4, false, { 0xaa, 0xbb, 0xcc, 0xdd }, 0xddccbbaa },
};

#define P(off)	((void *)(MMIO_GVA + (off)))

static void guest_code(void)
{
	uint64_t v, base;

	asm volatile("stb %0,0(%1)" : : "r"(0x5aUL), "b"(P(0x1)) : "memory");
	asm volatile("sth %0,0(%1)" : : "r"(0x1234UL), "b"(P(0x2)) : "memory");
	asm volatile("stw %0,0(%1)" : : "r"(0x11223344UL), "b"(P(0x4)) : "memory");
	asm volatile("std %0,0(%1)" : : "r"(0x1122334455667788UL), "b"(P(0x8))
		     : "memory");
	asm volatile("stwbrx %0,0,%1" : : "r"(0x11223344UL), "r"(P(0x10)) : "memory");
	base = MMIO_GVA + 0x10;
	asm volatile("stdu %1,8(%0)" : "+b"(base) : "r"(0x0807060504030201UL)
		     : "memory");
	GUEST_ASSERT_EQ(base, MMIO_GVA + 0x18);

	asm volatile("lbz %0,0(%1)" : "=r"(v) : "b"(P(0x21)) : "memory");
	GUEST_SYNC(v);
	asm volatile("lhz %0,0(%1)" : "=r"(v) : "b"(P(0x22)) : "memory");
	GUEST_SYNC(v);
	asm volatile("lha %0,0(%1)" : "=r"(v) : "b"(P(0x22)) : "memory");
	GUEST_SYNC(v);
	asm volatile("lwz %0,0(%1)" : "=r"(v) : "b"(P(0x24)) : "memory");
	GUEST_SYNC(v);
	asm volatile("lwa %0,0(%1)" : "=r"(v) : "b"(P(0x24)) : "memory");
	GUEST_SYNC(v);
	asm volatile("ld %0,0(%1)" : "=r"(v) : "b"(P(0x28)) : "memory");
	GUEST_SYNC(v);
	asm volatile("lwbrx %0,0,%1" : "=r"(v) : "r"(P(0x30)) : "memory");
	GUEST_SYNC(v);
	asm volatile("ldx %0,%1,%2" : "=r"(v) : "b"(P(0x30)), "r"(8UL) : "memory");
	GUEST_SYNC(v);
	base = MMIO_GVA + 0x30;
	asm volatile("lwzu %0,16(%1)" : "=r"(v), "+b"(base) : : "memory");
	GUEST_ASSERT_EQ(base, MMIO_GVA + 0x40);
	GUEST_SYNC(v);
	GUEST_DONE();
}

static void expect_mmio(struct kvm_vcpu *vcpu, const struct step *s)
{
	struct kvm_run *run = vcpu->run;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_MMIO);
	TEST_ASSERT(run->mmio.phys_addr == MMIO_GPA + s->off,
		    "%s: address %#llx, expected %#lx", s->name,
		    run->mmio.phys_addr, MMIO_GPA + s->off);
	TEST_ASSERT(run->mmio.len == s->len, "%s: length %u, expected %u",
		    s->name, run->mmio.len, s->len);
	TEST_ASSERT(run->mmio.is_write == s->write, "%s: is_write %u", s->name,
		    run->mmio.is_write);
	if (s->write)
		TEST_ASSERT(!memcmp(run->mmio.data, s->data, s->len),
			    "%s: data %02x %02x %02x %02x %02x %02x %02x %02x",
			    s->name, run->mmio.data[0], run->mmio.data[1],
			    run->mmio.data[2], run->mmio.data[3],
			    run->mmio.data[4], run->mmio.data[5],
			    run->mmio.data[6], run->mmio.data[7]);
	else
		memcpy(run->mmio.data, s->data, s->len);
}

static uint64_t next_ucall(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	return ppc_run_ucall(vcpu, uc);
}

KVM_ONE_VCPU_TEST_SUITE(mmio);

KVM_ONE_VCPU_TEST(mmio, every_form, guest_code)
{
	struct ucall uc;
	unsigned int i;

	virt_map(vcpu->vm, MMIO_GVA, MMIO_GPA, 1);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		expect_mmio(vcpu, &steps[i]);
		if (steps[i].write)
			continue;
		TEST_ASSERT_EQ(next_ucall(vcpu, &uc), UCALL_SYNC);
		TEST_ASSERT(uc.args[1] == steps[i].result,
			    "%s: guest loaded %#lx, expected %#lx", steps[i].name,
			    uc.args[1], steps[i].result);
	}
	TEST_ASSERT_EQ(next_ucall(vcpu, &uc), UCALL_DONE);
}

/* Floating-point forms: f14 = 1.5 for the stores, loads land in f15. */
static void guest_fp(void)
{
	uint64_t v;

	asm volatile("mtvsrd 14,%0" : : "r"(0x3ff8000000000000UL) : "fr14");
	asm volatile("stfd 14,0(%0)" : : "b"(P(0x58)) : "memory");
	asm volatile("stfs 14,0(%0)" : : "b"(P(0x60)) : "memory");
	asm volatile("lfd 15,0(%1); mfvsrd %0,15" : "=r"(v) : "b"(P(0x68))
		     : "fr15", "memory");
	GUEST_SYNC(v);
	asm volatile("lfs 15,0(%1); mfvsrd %0,15" : "=r"(v) : "b"(P(0x70))
		     : "fr15", "memory");
	GUEST_SYNC(v);
	asm volatile("lfiwax 15,0,%1; mfvsrd %0,15" : "=r"(v) : "r"(P(0x74))
		     : "fr15", "memory");
	GUEST_SYNC(v);
	GUEST_DONE();
}

static const struct step fp_steps[] = {
	{ "stfd", 0x58, 8, true, { 0, 0, 0, 0, 0, 0, 0xf8, 0x3f } },
	{ "stfs", 0x60, 4, true, { 0, 0, 0xc0, 0x3f } },
	{ "lfd", 0x68, 8, false, { 0x18, 0x2d, 0x44, 0x54, 0xfb, 0x21, 0x09, 0x40 },
	  0x400921fb54442d18ULL },
	{ "lfs", 0x70, 4, false, { 0, 0, 0x20, 0x40 }, 0x4004000000000000ULL },
	{ "lfiwax", 0x74, 4, false, { 0xfe, 0xff, 0xff, 0xff }, 0xfffffffffffffffeULL },
};

KVM_ONE_VCPU_TEST(mmio, fp_forms, guest_fp)
{
	struct ucall uc;
	unsigned int i;

	virt_map(vcpu->vm, MMIO_GVA, MMIO_GPA, 1);
	for (i = 0; i < ARRAY_SIZE(fp_steps); i++) {
		expect_mmio(vcpu, &fp_steps[i]);
		if (fp_steps[i].write)
			continue;
		TEST_ASSERT_EQ(next_ucall(vcpu, &uc), UCALL_SYNC);
		TEST_ASSERT(uc.args[1] == fp_steps[i].result,
			    "%s: guest loaded %#lx, expected %#lx", fp_steps[i].name,
			    uc.args[1], fp_steps[i].result);
	}
	TEST_ASSERT_EQ(next_ucall(vcpu, &uc), UCALL_DONE);
}

/* ISA 3.1 prefixed forms, encoded by hand: pstd r10,0(r9); pld r10,0(r9). */
static void guest_prefixed(void)
{
	register uint64_t addr asm("r9") = MMIO_GVA + 0x48;
	register uint64_t val asm("r10") = 0x1122334455667788UL;

	/* A prefixed instruction may not cross a 64-byte boundary. */
	asm volatile(".balign 64\n\t.long 0x04000000\n\t.long 0xf5490000"
		     : : "r"(addr), "r"(val) : "memory");
	addr = MMIO_GVA + 0x50;
	asm volatile(".balign 64\n\t.long 0x04000000\n\t.long 0xe5490000"
		     : "=r"(val) : "r"(addr) : "memory");
	GUEST_SYNC(val);
	GUEST_DONE();
}

static const struct step prefixed_steps[] = {
	{ "pstd", 0x48, 8, true, { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 } },
	{ "pld", 0x50, 8, false, { 1, 0, 0, 0, 0, 0, 0, 0x80 }, 0x8000000000000001ULL },
};

KVM_ONE_VCPU_TEST(mmio, prefixed_forms, guest_prefixed)
{
	struct ucall uc;

	TEST_REQUIRE(getauxval(AT_HWCAP2) & PPC_FEATURE2_ARCH_3_1);
	virt_map(vcpu->vm, MMIO_GVA, MMIO_GPA, 1);
	expect_mmio(vcpu, &prefixed_steps[0]);
	expect_mmio(vcpu, &prefixed_steps[1]);
	TEST_ASSERT_EQ(next_ucall(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT(uc.args[1] == prefixed_steps[1].result, "pld loaded %#lx",
		    uc.args[1]);
	TEST_ASSERT_EQ(next_ucall(vcpu, &uc), UCALL_DONE);
}

/*
 * An access KVM does not emulate (a load-and-reserve) to an address no
 * memslot backs: the guest gets a data storage interrupt at the
 * instruction, with DAR the address.  The library's stub at 0x300
 * reports it (r4 = vector, r5 = SRR0, r7 = DAR).
 */
static void guest_lwarx(void)
{
	uint64_t v;

	asm volatile(".global mmio_lwarx\n"
		     "mmio_lwarx: lwarx %0,0,%1" : "=r"(v) : "r"(P(0x60)) : "memory");
	GUEST_DONE();
}

extern char mmio_lwarx[];

KVM_ONE_VCPU_TEST(mmio, not_emulated_gives_dsi, guest_lwarx)
{
	struct kvm_run *run = vcpu->run;

	virt_map(vcpu->vm, MMIO_GVA, MMIO_GPA, 1);
	/* Not vcpu_run(): the library fails the test on any guest interrupt. */
	TEST_ASSERT_EQ(__vcpu_run(vcpu), 0);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT_EQ(run->papr_hcall.nr, PPC_HCALL_UNHANDLED);
	TEST_ASSERT(run->papr_hcall.args[0] == 0x300, "vector %#llx",
		    run->papr_hcall.args[0]);
	TEST_ASSERT(run->papr_hcall.args[1] == (uintptr_t)mmio_lwarx,
		    "SRR0 %#llx, the lwarx is at %p", run->papr_hcall.args[1],
		    mmio_lwarx);
	TEST_ASSERT(run->papr_hcall.args[3] == MMIO_GVA + 0x60, "DAR %#llx",
		    run->papr_hcall.args[3]);
}

TEST_HARNESS_MAIN
