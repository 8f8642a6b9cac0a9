// SPDX-License-Identifier: GPL-2.0-only
/*
 * onereg_test - vCPU register access on powerpc.
 *
 * KVM_GET_ONE_REG / KVM_SET_ONE_REG round trips of SPRs, the ONE_REG
 * error contract (unknown id -> ENOENT, known register with the wrong
 * size -> EINVAL, bad user pointer -> EFAULT), KVM_GET/SET_REGS and
 * KVM_GET/SET_SREGS round trips, and the ISA 3.1 registers only on a host
 * that has them.  The vCPU never runs.
 *
 * Patterns stay within what the architecture defines for each register
 * so that a kernel which masks reserved bits still round-trips them.
 */
#include <errno.h>

#include "kvm_util.h"
#include "processor.h"
#include "kselftest_harness.h"

#define REG(name, pattern)	{ KVM_REG_PPC_##name, #name, pattern }
/* A register number no Book3S register uses. */
#define REG_UNKNOWN		(KVM_REG_PPC | KVM_REG_SIZE_U64 | 0xfff0)

struct reg_pattern {
	uint64_t id;
	const char *name;
	uint64_t pattern;
};

static const struct reg_pattern patterns[] = {
	REG(DAR, 0xdeadbeefcafef00dULL),
	REG(DSISR, 0x42000000ULL),
	REG(DSCR, 0x0000000001234567ULL),	/* 25 bits */
	REG(PPR, 0x0010000000000000ULL),	/* PRI = 4, medium */
	REG(TAR, 0x123456789abcdef0ULL),	/* word aligned */
	REG(AMR, 0xa5a5a5a55a5a5a5aULL),
	REG(UAMOR, 0x3c3c3c3cc3c3c3c3ULL),
	REG(TB_OFFSET, 0x0000001234000000ULL),	/* 2^24 multiple */
	REG(PSPB, 0x00001234ULL),
	REG(EBBHR, 0x0000000010002000ULL),
	REG(EBBRR, 0x0000000010003000ULL),
	/* Kept for user space only (QEMU migrates them). */
	REG(ACOP, 0x00000000000000ffULL),
	REG(TIDR, 0x0123456789abcdefULL),
	REG(PSSCR, 0x00000000003f0310ULL),
};

FIXTURE(onereg) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(onereg)
{
	if (!kvm_has_cap(KVM_CAP_ONE_REG))
		SKIP(return, "KVM_CAP_ONE_REG not supported");
	self->vm = vm_create_barebones();
	self->vcpu = __vm_vcpu_add(self->vm, 0);
}

FIXTURE_TEARDOWN(onereg)
{
	if (self->vm)
		kvm_vm_free(self->vm);
}

static int get_reg(struct kvm_vcpu *vcpu, uint64_t id, uint64_t addr)
{
	struct kvm_one_reg reg = { .id = id, .addr = addr };

	return __vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &reg);
}

static int set_reg(struct kvm_vcpu *vcpu, uint64_t id, uint64_t addr)
{
	struct kvm_one_reg reg = { .id = id, .addr = addr };

	return __vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg);
}

/* Read a register of either width into the low bits of a u64. */
static uint64_t read_reg(struct __test_metadata *_metadata,
			 struct kvm_vcpu *vcpu, const struct reg_pattern *r)
{
	uint64_t val = 0;

	EXPECT_EQ(get_reg(vcpu, r->id, (uint64_t)&val), 0)
		TH_LOG("KVM_GET_ONE_REG %s: %s", r->name, strerror(errno));
	return val;
}

static void write_reg(struct __test_metadata *_metadata,
		      struct kvm_vcpu *vcpu, const struct reg_pattern *r,
		      uint64_t val)
{
	EXPECT_EQ(set_reg(vcpu, r->id, (uint64_t)&val), 0)
		TH_LOG("KVM_SET_ONE_REG %s: %s", r->name, strerror(errno));
}

TEST_F(onereg, spr_roundtrip)
{
	const struct reg_pattern *r;
	uint64_t orig, val;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(patterns); i++) {
		r = &patterns[i];
		orig = read_reg(_metadata, self->vcpu, r);

		write_reg(_metadata, self->vcpu, r, r->pattern);
		val = read_reg(_metadata, self->vcpu, r);
		EXPECT_EQ(val, r->pattern)
			TH_LOG("%s: wrote 0x%lx, read 0x%lx", r->name,
			       r->pattern, val);

		write_reg(_metadata, self->vcpu, r, orig);
		val = read_reg(_metadata, self->vcpu, r);
		EXPECT_EQ(val, orig)
			TH_LOG("%s: restored 0x%lx, read 0x%lx", r->name,
			       orig, val);
	}
}

/* LPCR: only bits the kernel lets userspace set; write back what we read. */
TEST_F(onereg, lpcr_readback)
{
	const struct reg_pattern lpcr = REG(LPCR_64, 0);
	uint64_t val, again;

	val = read_reg(_metadata, self->vcpu, &lpcr);
	write_reg(_metadata, self->vcpu, &lpcr, val);
	again = read_reg(_metadata, self->vcpu, &lpcr);
	EXPECT_EQ(again, val);
}

TEST_F(onereg, unknown_id)
{
	uint64_t val = 0;

	EXPECT_EQ(get_reg(self->vcpu, REG_UNKNOWN, (uint64_t)&val), -1);
	EXPECT_EQ(errno, ENOENT);
	EXPECT_EQ(set_reg(self->vcpu, REG_UNKNOWN, (uint64_t)&val), -1);
	EXPECT_EQ(errno, ENOENT);
}

/*
 * Changing the size field yields a different id; the contract is that
 * an id naming a known register with a size other than the register's
 * is EINVAL, not ENOENT.
 */
static void check_wrong_size(struct __test_metadata *_metadata,
			     struct kvm_vcpu *vcpu, uint64_t id, uint64_t size)
{
	uint64_t bad = (id & ~KVM_REG_SIZE_MASK) | size;
	uint64_t buf[2] = { 0, 0 };

	EXPECT_EQ(get_reg(vcpu, bad, (uint64_t)buf), -1);
	EXPECT_EQ(errno, EINVAL) TH_LOG("get 0x%llx: %s",
					(unsigned long long)bad, strerror(errno));
	EXPECT_EQ(set_reg(vcpu, bad, (uint64_t)buf), -1);
	EXPECT_EQ(errno, EINVAL) TH_LOG("set 0x%llx: %s",
					(unsigned long long)bad, strerror(errno));
}

TEST_F(onereg, wrong_size)
{
	check_wrong_size(_metadata, self->vcpu, KVM_REG_PPC_DAR,
			 KVM_REG_SIZE_U32);
	check_wrong_size(_metadata, self->vcpu, KVM_REG_PPC_DAR,
			 KVM_REG_SIZE_U128);
	check_wrong_size(_metadata, self->vcpu, KVM_REG_PPC_DSISR,
			 KVM_REG_SIZE_U64);
}

TEST_F(onereg, bad_pointer)
{
	EXPECT_EQ(get_reg(self->vcpu, KVM_REG_PPC_DAR, 8), -1);
	EXPECT_EQ(errno, EFAULT);
	EXPECT_EQ(set_reg(self->vcpu, KVM_REG_PPC_DAR, 8), -1);
	EXPECT_EQ(errno, EFAULT);
}

static void fill_regs(struct kvm_regs *regs)
{
	int i;

	regs->pc = 0x0000000010001000ULL;
	regs->cr = 0x24284488ULL;
	regs->ctr = 0x0000000000c0ffeeULL;
	regs->lr = 0x0000000010002000ULL;
	regs->xer = 0x20040008ULL;	/* CA, CA32, byte count 8 */
	regs->msr = MSR_SF | MSR_ME | MSR_IR | MSR_DR | MSR_RI | MSR_LE;
	regs->srr0 = 0x0000000010003000ULL;
	regs->srr1 = MSR_SF | MSR_ME | MSR_LE;
	regs->sprg0 = 0x5350524730000000ULL;
	regs->sprg1 = 0x5350524731000001ULL;
	regs->sprg2 = 0x5350524732000002ULL;
	regs->sprg3 = 0x5350524733000003ULL;
	regs->sprg4 = 0x5350524734000004ULL;
	regs->sprg5 = 0x5350524735000005ULL;
	regs->sprg6 = 0x5350524736000006ULL;
	regs->sprg7 = 0x5350524737000007ULL;
	for (i = 0; i < 32; i++)
		regs->gpr[i] = 0x4750520000000000ULL | (uint64_t)i << 32 |
			       (0xdead0000 + i);
}

/* Index of the first GPR that differs, or -1. */
static int first_gpr_mismatch(const struct kvm_regs *a,
			      const struct kvm_regs *b)
{
	int i;

	for (i = 0; i < 32; i++)
		if (a->gpr[i] != b->gpr[i])
			return i;
	return -1;
}

#define EXPECT_REG_EQ(got, want, field)					\
	EXPECT_EQ((got)->field, (want)->field)				\
		TH_LOG(#field ": wrote 0x%llx, read 0x%llx",		\
		       (want)->field, (got)->field)

TEST_F(onereg, regs_roundtrip)
{
	struct kvm_regs orig, want, got;
	int i;

	vcpu_regs_get(self->vcpu, &orig);
	fill_regs(&want);
	want.pid = orig.pid;
	vcpu_regs_set(self->vcpu, &want);
	memset(&got, 0, sizeof(got));
	vcpu_regs_get(self->vcpu, &got);

	EXPECT_REG_EQ(&got, &want, pc);
	EXPECT_REG_EQ(&got, &want, cr);
	EXPECT_REG_EQ(&got, &want, ctr);
	EXPECT_REG_EQ(&got, &want, lr);
	EXPECT_REG_EQ(&got, &want, xer);
	EXPECT_REG_EQ(&got, &want, msr);
	EXPECT_REG_EQ(&got, &want, srr0);
	EXPECT_REG_EQ(&got, &want, srr1);
	EXPECT_REG_EQ(&got, &want, sprg0);
	EXPECT_REG_EQ(&got, &want, sprg1);
	EXPECT_REG_EQ(&got, &want, sprg2);
	EXPECT_REG_EQ(&got, &want, sprg3);
	EXPECT_REG_EQ(&got, &want, sprg4);
	EXPECT_REG_EQ(&got, &want, sprg5);
	EXPECT_REG_EQ(&got, &want, sprg6);
	EXPECT_REG_EQ(&got, &want, sprg7);
	i = first_gpr_mismatch(&got, &want);
	EXPECT_EQ(i, -1)
		TH_LOG("r%d: wrote 0x%llx, read 0x%llx", i,
		       want.gpr[i & 31], got.gpr[i & 31]);

	vcpu_regs_set(self->vcpu, &orig);
}

/* The PVR can be read; writing back the same value must be accepted. */
TEST_F(onereg, sregs_pvr)
{
	struct kvm_sregs sregs, again;

	vcpu_sregs_get(self->vcpu, &sregs);
	EXPECT_NE(sregs.pvr, 0);
	EXPECT_EQ(_vcpu_sregs_set(self->vcpu, &sregs), 0)
		TH_LOG("KVM_SET_SREGS with unchanged PVR: %s", strerror(errno));
	vcpu_sregs_get(self->vcpu, &again);
	EXPECT_EQ(again.pvr, sregs.pvr);
}

static size_t id_size(uint64_t id)
{
	return 1UL << ((id & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT);
}

/*
 * KVM_GET_REG_LIST: the E2BIG handshake, and every listed register can be
 * read and written back (what ONE_REG accepts is exactly what is listed).
 */
TEST_F(onereg, reg_list_walk)
{
	struct kvm_reg_list probe = { .n = 0 }, *list;
	uint64_t i, j, buf[2];

	ASSERT_EQ(__vcpu_ioctl(self->vcpu, KVM_GET_REG_LIST, &probe), -1);
	ASSERT_EQ(errno, E2BIG);
	ASSERT_GT(probe.n, 0);
	list = calloc(1, sizeof(*list) + probe.n * sizeof(list->reg[0]));
	ASSERT_NE(list, NULL);
	list->n = probe.n - 1;
	ASSERT_EQ(__vcpu_ioctl(self->vcpu, KVM_GET_REG_LIST, list), -1);
	ASSERT_EQ(errno, E2BIG);
	ASSERT_EQ(list->n, probe.n);
	ASSERT_EQ(__vcpu_ioctl(self->vcpu, KVM_GET_REG_LIST, list), 0);
	ASSERT_EQ(list->n, probe.n);
	for (i = 0; i < list->n; i++) {
		uint64_t id = list->reg[i];

		ASSERT_EQ(id & KVM_REG_ARCH_MASK, KVM_REG_PPC);
		ASSERT_LE(id_size(id), sizeof(buf));
		for (j = 0; j < i; j++)
			ASSERT_NE(list->reg[j], id) TH_LOG("id %#lx listed twice", id);
		memset(buf, 0, sizeof(buf));
		EXPECT_EQ(get_reg(self->vcpu, id, (uint64_t)buf), 0)
			TH_LOG("get %#lx: %s", id, strerror(errno));
		EXPECT_EQ(set_reg(self->vcpu, id, (uint64_t)buf), 0)
			TH_LOG("set %#lx: %s", id, strerror(errno));
	}
	free(list);
}

/*
 * FP, VMX and VSX state: FPR n is the most significant doubleword of VSR n,
 * and 128-bit registers travel as host-endian 128-bit values.
 */
TEST_F(onereg, vector_registers)
{
	uint64_t vsr[2], back[2], fpr = 0;
	/* Index of the most significant doubleword of a 128-bit value. */
	int hi = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

	vsr[hi] = 0x1122334455667788ULL;
	vsr[!hi] = 0x99aabbccddeeff00ULL;
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VSR0 + 5, (uint64_t)vsr), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_FPR0 + 5, (uint64_t)&fpr), 0);
	EXPECT_EQ(fpr, 0x1122334455667788ULL);
	fpr = 0x0102030405060708ULL;
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_FPR0 + 5, (uint64_t)&fpr), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VSR0 + 5, (uint64_t)back), 0);
	EXPECT_EQ(back[hi], 0x0102030405060708ULL);
	EXPECT_EQ(back[!hi], 0x99aabbccddeeff00ULL);

	vsr[0] = 0x0f0e0d0c0b0a0908ULL;
	vsr[1] = 0x0706050403020100ULL;
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VR0 + 31, (uint64_t)vsr), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VR0 + 31, (uint64_t)back), 0);
	EXPECT_EQ(back[0], vsr[0]);
	EXPECT_EQ(back[1], vsr[1]);
	/* VR 31 is VSR 63, not one of VSR 0-31. */
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VSR0 + 31, (uint64_t)back), 0);
	EXPECT_NE(back[0], vsr[0]);
}

/* The core registers through ONE_REG are the ones KVM_GET/SET_REGS sees. */
TEST_F(onereg, core_registers)
{
	struct kvm_regs regs;
	uint64_t v;
	uint32_t cr;
	int i;

	vcpu_regs_get(self->vcpu, &regs);
	for (i = 0; i < 32; i++)
		regs.gpr[i] = 0x1000 + i;
	regs.pc = 0x10001000;
	regs.ctr = 0xc7c7;
	regs.cr = 0x24000008;
	regs.sprg2 = 0x5252;
	vcpu_regs_set(self->vcpu, &regs);
	for (i = 0; i < 32; i++) {
		ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_GPR(i), (uint64_t)&v), 0);
		EXPECT_EQ(v, 0x1000 + i);
	}
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_NIA, (uint64_t)&v), 0);
	EXPECT_EQ(v, 0x10001000);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_CTR, (uint64_t)&v), 0);
	EXPECT_EQ(v, 0xc7c7);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_CR, (uint64_t)&cr), 0);
	EXPECT_EQ(cr, 0x24000008);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_SPRG(2), (uint64_t)&v), 0);
	EXPECT_EQ(v, 0x5252);

	v = 0xabcdef;
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_GPR(7), (uint64_t)&v), 0);
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_SRR1, (uint64_t)&v), 0);
	vcpu_regs_get(self->vcpu, &regs);
	EXPECT_EQ(regs.gpr[7], 0xabcdef);
	EXPECT_EQ(regs.srr1, 0xabcdef);
	/* CR is 32 bits: a 64-bit id for it is a wrong size. */
	EXPECT_EQ(get_reg(self->vcpu, (KVM_REG_PPC_CR & ~KVM_REG_SIZE_MASK) |
			  KVM_REG_SIZE_U64, (uint64_t)&v), -1);
	EXPECT_EQ(errno, EINVAL);
}

/* The timebase offset moves the upper 40 bits only: it is rounded up. */
TEST_F(onereg, tb_offset_rounded)
{
	uint64_t v = 0x0000001234000001ULL;

	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_TB_OFFSET, (uint64_t)&v), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_TB_OFFSET, (uint64_t)&v), 0);
	EXPECT_EQ(v, 0x0000001235000000ULL);
	v = -(1ULL << 24) - 5;		/* a negative offset rounds towards 0 */
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_TB_OFFSET, (uint64_t)&v), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_TB_OFFSET, (uint64_t)&v), 0);
	EXPECT_EQ(v, -(1ULL << 24));
}

/*
 * A vCPU has the ISA 3.1 registers only on a host that implements them:
 * ONE_REG and KVM_GET_REG_LIST agree (a POWER9 vCPU lists no MMCR3).
 */
TEST_F(onereg, isa31_registers)
{
	static const uint64_t ids[] = {
		KVM_REG_PPC_MMCR3, KVM_REG_PPC_SIER2, KVM_REG_PPC_DAWR1,
		KVM_REG_PPC_DEXCR, KVM_REG_PPC_HASHKEYR,
	};
	bool isa31 = ppc_host_has_isa31();
	struct kvm_reg_list *list = vcpu_get_reg_list(self->vcpu);
	unsigned int i, j;
	uint64_t v;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		bool listed = false;

		for (j = 0; j < list->n; j++)
			listed |= list->reg[j] == ids[i];
		EXPECT_EQ(listed, isa31) TH_LOG("register %#lx", ids[i]);
		if (isa31) {
			EXPECT_EQ(get_reg(self->vcpu, ids[i], (uint64_t)&v), 0);
		} else {
			EXPECT_EQ(get_reg(self->vcpu, ids[i], (uint64_t)&v), -1);
			EXPECT_EQ(errno, ENOENT);
		}
	}
	free(list);
}

/*
 * The VPA and its buffers follow upstream's registration rules: cache-line
 * aligned addresses, no buffer without the VPA, no VPA removal under a
 * buffer, and a dispatch trace log of whole 48-byte entries.
 */
TEST_F(onereg, vpa)
{
	struct { uint64_t addr, len; } buf = { 0x20080, 0x400 }, out;
	uint64_t vpa = 0x10000, v;

	EXPECT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_SLB, (uint64_t)&buf), -1);
	EXPECT_EQ(errno, EINVAL);		/* no VPA yet */
	v = 0x10008;
	EXPECT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_ADDR, (uint64_t)&v), -1);
	EXPECT_EQ(errno, EINVAL);		/* not cache-line aligned */
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_ADDR, (uint64_t)&vpa), 0);
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_SLB, (uint64_t)&buf), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VPA_SLB, (uint64_t)&out), 0);
	EXPECT_EQ(out.addr, buf.addr);
	EXPECT_EQ(out.len, buf.len);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VPA_ADDR, (uint64_t)&v), 0);
	EXPECT_EQ(v, vpa);

	buf.addr = 0x30000;
	buf.len = 47;
	EXPECT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_DTL, (uint64_t)&buf), -1);
	EXPECT_EQ(errno, EINVAL);		/* shorter than one entry */
	buf.len = 48 * 10 + 7;
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_DTL, (uint64_t)&buf), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VPA_DTL, (uint64_t)&out), 0);
	EXPECT_EQ(out.addr, 0x30000);
	EXPECT_EQ(out.len, 48 * 10);

	v = 0;
	EXPECT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_ADDR, (uint64_t)&v), -1);
	EXPECT_EQ(errno, EINVAL);		/* buffers still registered */
	buf.addr = 0;
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_DTL, (uint64_t)&buf), 0);
	ASSERT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_SLB, (uint64_t)&buf), 0);
	ASSERT_EQ(get_reg(self->vcpu, KVM_REG_PPC_VPA_SLB, (uint64_t)&out), 0);
	EXPECT_EQ(out.addr, 0);
	EXPECT_EQ(out.len, 0);
	EXPECT_EQ(set_reg(self->vcpu, KVM_REG_PPC_VPA_ADDR, (uint64_t)&v), 0);
}

TEST_HARNESS_MAIN
