// SPDX-License-Identifier: GPL-2.0-only
/*
 * qemu_caps_test - the capabilities and VM/vCPU ioctls QEMU's
 * "-M pseries -accel kvm" checks before and while it boots a guest
 * (../shared/QEMU-CLIENT.md sections 1 and 2):
 *
 *  - KVM_CHECK_EXTENSION, on /dev/kvm and on the VM, is 1 for
 *    KVM_CAP_PPC_UNSET_IRQ, PPC_SEGSTATE, SPAPR_MULTITCE,
 *    PPC_GET_SMMU_INFO, PPC_FWNMI, PPC_AIL_MODE_3, PPC_GET_CPU_CHAR,
 *    PPC_SMT, PPC_SMT_POSSIBLE, IOEVENTFD and PPC_IRQ_LEVEL; it is 0 for
 *    PPC_GET_PVINFO (non-zero means KVM-PR to QEMU) and PPC_BOOKE_SREGS;
 *    KVM_CAP_PPC_DAWR1 is 1 exactly on a POWER10 (ISA 3.1) host;
 *  - KVM_ENABLE_CAP(vm, KVM_CAP_PPC_DAWR1, {1}) succeeds exactly on
 *    POWER10, {2} never does; KVM_CAP_PPC_SMT takes {1, 0} only;
 *  - KVM_ENABLE_CAP(vcpu) of KVM_CAP_PPC_FWNMI and KVM_CAP_PPC_PAPR is 0;
 *  - KVM_PPC_GET_SMMU_INFO has what QEMU's kvm_check_mmu() requires for
 *    the default cap-hpt-max-page-size=64k, KVM_PPC_GET_RMMU_INFO the 4K
 *    and 64K radix geometries and AP encodings, KVM_PPC_GET_CPU_CHAR
 *    succeeds;
 *  - KVM_SET_SREGS takes back what KVM_GET_SREGS gave, and refuses a
 *    different PVR with EINVAL;
 *  - KVM_SET_ONE_REG(KVM_REG_PPC_ARCH_COMPAT) works after the vCPU ran
 *    (QEMU sets it at the guest's client-architecture-support call);
 *  - KVM_CAP_PPC_ENABLE_HCALL accepts every hcall QEMU enables.
 */
#include <sys/auxv.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

/* PAPR hcall numbers QEMU enables in the kernel. */
#define H_CLEAR_MOD		0x10
#define H_CLEAR_REF		0x14
#define H_PAGE_INIT		0x2c
#define H_LOGICAL_CI_LOAD	0x3c
#define H_LOGICAL_CI_STORE	0x40
#define H_STUFF_TCE		0x138
#define H_PUT_TCE_INDIRECT	0x13c
#define H_SET_MODE		0x31c

/* Hash MMU encodings QEMU's kvm_check_mmu() compares with its own. */
#define SLB_VSID_L		0x100
#define SLB_VSID_LP_01		0x010

/* Radix AP encodings, as in ibm,processor-radix-AP-encodings. */
#define RADIX_AP_4K		0x0000000cu
#define RADIX_AP_64K		0xa0000010u

#define ARCH_COMPAT_P9		0x0f000005u	/* ISA 3.0, valid on P9 and P10 */

/* Capabilities QEMU requires (or relies on) to be exactly 1. */
static const struct {
	long cap;
	const char *name;
} caps_one[] = {
#define CAP(c)	{ c, #c }
	CAP(KVM_CAP_PPC_UNSET_IRQ),
	CAP(KVM_CAP_PPC_SEGSTATE),
	CAP(KVM_CAP_SPAPR_MULTITCE),
	CAP(KVM_CAP_PPC_GET_SMMU_INFO),
	CAP(KVM_CAP_PPC_FWNMI),
	CAP(KVM_CAP_PPC_AIL_MODE_3),
	CAP(KVM_CAP_PPC_GET_CPU_CHAR),
	CAP(KVM_CAP_PPC_SMT),
	CAP(KVM_CAP_PPC_SMT_POSSIBLE),
	CAP(KVM_CAP_IOEVENTFD),
	CAP(KVM_CAP_PPC_IRQ_LEVEL),
}, caps_zero[] = {
	CAP(KVM_CAP_PPC_GET_PVINFO),
	CAP(KVM_CAP_PPC_BOOKE_SREGS),
#undef CAP
};

static const uint64_t qemu_hcalls[] = {
	H_LOGICAL_CI_LOAD, H_LOGICAL_CI_STORE, H_SET_MODE, H_CLEAR_REF,
	H_CLEAR_MOD, H_PAGE_INIT, H_PUT_TCE_INDIRECT, H_STUFF_TCE,
};

static int sys_cap(long cap)
{
	int fd = open_kvm_dev_path_or_exit();
	int r = ioctl(fd, KVM_CHECK_EXTENSION, cap);

	close(fd);
	return r;
}

static int vm_cap(struct kvm_vm *vm, long cap)
{
	return __vm_ioctl(vm, KVM_CHECK_EXTENSION, (void *)cap);
}

static int enable_cap2(struct kvm_vm *vm, uint32_t cap, uint64_t a0, uint64_t a1)
{
	struct kvm_enable_cap c = { .cap = cap, .args = { a0, a1 } };

	return __vm_ioctl(vm, KVM_ENABLE_CAP, &c);
}

/* 0, or the errno of a failed call: for "expected EINVAL" checks. */
static int err_of(int r)
{
	return r ? errno : 0;
}

TEST(caps_on_dev_kvm)
{
	unsigned int i;
	int r;

	for (i = 0; i < ARRAY_SIZE(caps_one); i++) {
		r = sys_cap(caps_one[i].cap);
		ASSERT_EQ(r, 1) TH_LOG("/dev/kvm %s = %d, QEMU needs 1",
				       caps_one[i].name, r);
	}
	for (i = 0; i < ARRAY_SIZE(caps_zero); i++) {
		r = sys_cap(caps_zero[i].cap);
		ASSERT_EQ(r, 0) TH_LOG("/dev/kvm %s = %d, must be 0 on HV",
				       caps_zero[i].name, r);
	}
	r = sys_cap(KVM_CAP_PPC_DAWR1);
	ASSERT_EQ(r, (int)ppc_host_has_isa31())
		TH_LOG("/dev/kvm KVM_CAP_PPC_DAWR1 = %d on a host %s ISA 3.1", r,
		       ppc_host_has_isa31() ? "with" : "without");
}

TEST(caps_on_vm)
{
	struct kvm_vm *vm = vm_create_barebones();
	unsigned int i;
	int r;

	for (i = 0; i < ARRAY_SIZE(caps_one); i++) {
		r = vm_cap(vm, caps_one[i].cap);
		ASSERT_EQ(r, 1) TH_LOG("VM %s = %d, QEMU needs 1", caps_one[i].name, r);
	}
	for (i = 0; i < ARRAY_SIZE(caps_zero); i++) {
		r = vm_cap(vm, caps_zero[i].cap);
		ASSERT_EQ(r, 0) TH_LOG("VM %s = %d, must be 0 on HV", caps_zero[i].name, r);
	}
	r = vm_cap(vm, KVM_CAP_PPC_DAWR1);
	ASSERT_EQ(r, (int)ppc_host_has_isa31())
		TH_LOG("VM KVM_CAP_PPC_DAWR1 = %d on a host %s ISA 3.1", r,
		       ppc_host_has_isa31() ? "with" : "without");
	TH_LOG("host %s ISA 3.1 (AT_HWCAP2 %#lx)",
	       ppc_host_has_isa31() ? "has" : "lacks", getauxval(AT_HWCAP2));
	kvm_vm_free(vm);
}

/* cap-dawr1 (QEMU 10, default on for POWER10): enable {1}, nothing else. */
TEST(enable_dawr1)
{
	struct kvm_vm *vm = vm_create_barebones();
	int want = ppc_host_has_isa31() ? 0 : EINVAL;

	ASSERT_EQ(err_of(__vm_enable_cap(vm, KVM_CAP_PPC_DAWR1, 1)), want)
		TH_LOG("KVM_ENABLE_CAP(DAWR1, {1}): %s", strerror(errno));
	ASSERT_EQ(err_of(__vm_enable_cap(vm, KVM_CAP_PPC_DAWR1, 2)), EINVAL)
		TH_LOG("KVM_ENABLE_CAP(DAWR1, {2}) not refused with EINVAL");
	ASSERT_EQ(err_of(__vm_enable_cap(vm, KVM_CAP_PPC_DAWR1, 0)), want)
		TH_LOG("KVM_ENABLE_CAP(DAWR1, {0}): %s", strerror(errno));
	kvm_vm_free(vm);
}

/* VSMT: one thread per virtual core is all there is. */
TEST(enable_smt)
{
	struct kvm_vm *vm = vm_create_barebones();

	ASSERT_EQ(err_of(enable_cap2(vm, KVM_CAP_PPC_SMT, 1, 0)), 0)
		TH_LOG("KVM_ENABLE_CAP(SMT, {1, 0}): %s", strerror(errno));
	ASSERT_EQ(err_of(enable_cap2(vm, KVM_CAP_PPC_SMT, 2, 0)), EINVAL)
		TH_LOG("KVM_ENABLE_CAP(SMT, {2, 0}) not refused with EINVAL");
	ASSERT_EQ(err_of(enable_cap2(vm, KVM_CAP_PPC_SMT, 1, 1)), EINVAL)
		TH_LOG("KVM_ENABLE_CAP(SMT, {1, 1}) not refused with EINVAL");
	ASSERT_EQ(vm_cap(vm, KVM_CAP_PPC_SMT), 1);
	kvm_vm_free(vm);
}

/* QEMU enables these in the kernel and ignores errors; none may fail. */
TEST(enable_qemu_hcalls)
{
	struct kvm_vm *vm = vm_create_barebones();
	unsigned int i;

	/* Braces: ASSERT_*() TH_LOG() is two statements. */
	for (i = 0; i < ARRAY_SIZE(qemu_hcalls); i++) {
		ASSERT_EQ(err_of(enable_cap2(vm, KVM_CAP_PPC_ENABLE_HCALL,
					     qemu_hcalls[i], 1)), 0)
			TH_LOG("KVM_CAP_PPC_ENABLE_HCALL {%#lx, 1}: %s",
			       qemu_hcalls[i], strerror(errno));
	}
	kvm_vm_free(vm);
}

static const struct kvm_ppc_one_seg_page_size *
find_sps(const struct kvm_ppc_smmu_info *info, uint32_t shift)
{
	unsigned int i;

	for (i = 0; i < KVM_PPC_PAGE_SIZES_MAX_SZ; i++)
		if (info->sps[i].page_shift == shift)
			return &info->sps[i];
	return NULL;
}

static const struct kvm_ppc_one_page_size *
find_enc(const struct kvm_ppc_one_seg_page_size *sps, uint32_t shift)
{
	unsigned int i;

	for (i = 0; i < KVM_PPC_PAGE_SIZES_MAX_SZ; i++)
		if (sps->enc[i].page_shift == shift)
			return &sps->enc[i];
	return NULL;
}

/*
 * What kvm_check_mmu() checks at every vCPU reset, even for a radix
 * guest: 1T segments, 32 SLB entries, and 4K and 64K base pages with the
 * SLB and PTE encodings of the POWER processors.
 */
TEST(smmu_info)
{
	struct kvm_vm *vm = vm_create_barebones();
	const struct kvm_ppc_one_seg_page_size *sps;
	const struct kvm_ppc_one_page_size *enc;
	struct kvm_ppc_smmu_info info;
	unsigned int i, j;

	memset(&info, 0xff, sizeof(info));
	ASSERT_EQ(__vm_ioctl(vm, KVM_PPC_GET_SMMU_INFO, &info), 0)
		TH_LOG("KVM_PPC_GET_SMMU_INFO: %s", strerror(errno));
	TH_LOG("flags %#llx slb_size %u", info.flags, info.slb_size);
	for (i = 0; i < KVM_PPC_PAGE_SIZES_MAX_SZ && info.sps[i].page_shift; i++)
		for (j = 0; j < KVM_PPC_PAGE_SIZES_MAX_SZ && info.sps[i].enc[j].page_shift; j++)
			TH_LOG("  base %u slb_enc %#x: page %u pte_enc %#x",
			       info.sps[i].page_shift, info.sps[i].slb_enc,
			       info.sps[i].enc[j].page_shift, info.sps[i].enc[j].pte_enc);

	ASSERT_TRUE(info.flags & KVM_PPC_1T_SEGMENTS)
		TH_LOG("no KVM_PPC_1T_SEGMENTS in flags %#llx", info.flags);
	ASSERT_GE(info.slb_size, 32);

	sps = find_sps(&info, 12);
	ASSERT_TRUE(sps != NULL) TH_LOG("no 4K base page size");
	ASSERT_EQ(sps->slb_enc, 0);
	enc = find_enc(sps, 12);
	ASSERT_TRUE(enc != NULL) TH_LOG("4K base: no 4K page encoding");
	ASSERT_EQ(enc->pte_enc, 0);

	sps = find_sps(&info, 16);
	ASSERT_TRUE(sps != NULL) TH_LOG("no 64K base page size");
	ASSERT_EQ(sps->slb_enc, SLB_VSID_L | SLB_VSID_LP_01);
	enc = find_enc(sps, 16);
	ASSERT_TRUE(enc != NULL) TH_LOG("64K base: no 64K page encoding");
	ASSERT_EQ(enc->pte_enc, 1);
	kvm_vm_free(vm);
}

/* ibm,processor-radix-AP-encodings and the radix tree geometries. */
TEST(rmmu_info)
{
	struct kvm_vm *vm = vm_create_barebones();
	struct kvm_ppc_rmmu_info info;
	bool g4k = false, g64k = false, ap4k = false, ap64k = false;
	unsigned int i;

	memset(&info, 0, sizeof(info));
	ASSERT_EQ(__vm_ioctl(vm, KVM_PPC_GET_RMMU_INFO, &info), 0)
		TH_LOG("KVM_PPC_GET_RMMU_INFO: %s", strerror(errno));
	for (i = 0; i < ARRAY_SIZE(info.geometries); i++) {
		if (!info.geometries[i].page_shift)
			continue;
		TH_LOG("geometry %u: page_shift %u level_bits %u %u %u %u", i,
		       info.geometries[i].page_shift,
		       info.geometries[i].level_bits[0], info.geometries[i].level_bits[1],
		       info.geometries[i].level_bits[2], info.geometries[i].level_bits[3]);
		g4k |= info.geometries[i].page_shift == 12;
		g64k |= info.geometries[i].page_shift == 16;
	}
	for (i = 0; i < ARRAY_SIZE(info.ap_encodings); i++) {
		if (info.ap_encodings[i])
			TH_LOG("ap_encodings[%u] = %#x", i, info.ap_encodings[i]);
		ap4k |= info.ap_encodings[i] == RADIX_AP_4K;
		ap64k |= info.ap_encodings[i] == RADIX_AP_64K;
	}
	ASSERT_TRUE(g4k) TH_LOG("no geometry with page_shift 12");
	ASSERT_TRUE(g64k) TH_LOG("no geometry with page_shift 16");
	ASSERT_TRUE(ap4k) TH_LOG("no AP encoding %#x (4K)", RADIX_AP_4K);
	ASSERT_TRUE(ap64k) TH_LOG("no AP encoding %#x (64K)", RADIX_AP_64K);
	kvm_vm_free(vm);
}

/* The masks may be 0 (QEMU TCG as the L0 knows no characteristics). */
TEST(cpu_char)
{
	struct kvm_vm *vm = vm_create_barebones();
	struct kvm_ppc_cpu_char cc;

	memset(&cc, 0xff, sizeof(cc));
	ASSERT_EQ(__vm_ioctl(vm, KVM_PPC_GET_CPU_CHAR, &cc), 0)
		TH_LOG("KVM_PPC_GET_CPU_CHAR: %s", strerror(errno));
	TH_LOG("character %#llx/%#llx behaviour %#llx/%#llx", cc.character,
	       cc.character_mask, cc.behaviour, cc.behaviour_mask);
	/* Only bits the masks cover mean anything. */
	ASSERT_EQ(cc.character & ~cc.character_mask, 0);
	ASSERT_EQ(cc.behaviour & ~cc.behaviour_mask, 0);
	kvm_vm_free(vm);
}

static void guest_sync_done(void)
{
	GUEST_SYNC(1);
	GUEST_DONE();
}

static uint64_t run_ucall(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	return ppc_run_ucall(vcpu, &uc);
}

KVM_ONE_VCPU_TEST_SUITE(qemu_caps);

/* QEMU's kvm_arch_init_vcpu() and its spapr vCPU setup. */
KVM_ONE_VCPU_TEST(qemu_caps, vcpu_enable_caps, guest_sync_done)
{
	struct kvm_enable_cap fwnmi = { .cap = KVM_CAP_PPC_FWNMI };
	struct kvm_enable_cap papr = { .cap = KVM_CAP_PPC_PAPR };

	TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_ENABLE_CAP, &fwnmi),
		    "vCPU KVM_ENABLE_CAP(KVM_CAP_PPC_FWNMI): %s", strerror(errno));
	TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_ENABLE_CAP, &papr),
		    "vCPU KVM_ENABLE_CAP(KVM_CAP_PPC_PAPR): %s", strerror(errno));
	/* And the vCPU still runs. */
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_SYNC);
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_DONE);
}

/* GET_SREGS + SET_SREGS with only the PVR changed: only "-cpu host" works. */
KVM_ONE_VCPU_TEST(qemu_caps, sregs_pvr, guest_sync_done)
{
	struct kvm_sregs sregs, back;
	uint32_t host_pvr = mfspr(287);	/* SPRN_PVR: readable in problem state on Linux */
	int r;

	vcpu_sregs_get(vcpu, &sregs);
	TEST_ASSERT(sregs.pvr == host_pvr, "KVM_GET_SREGS pvr %#x, host PVR %#x",
		    sregs.pvr, host_pvr);
	r = __vcpu_ioctl(vcpu, KVM_SET_SREGS, &sregs);
	TEST_ASSERT(!r, "KVM_SET_SREGS with the same PVR: %s", strerror(errno));

	back = sregs;
	back.pvr = sregs.pvr + 1;
	r = __vcpu_ioctl(vcpu, KVM_SET_SREGS, &back);
	TEST_ASSERT(r == -1 && errno == EINVAL,
		    "KVM_SET_SREGS with PVR %#x: %d, errno %d, expected EINVAL",
		    back.pvr, r, errno);
	vcpu_sregs_get(vcpu, &back);
	TEST_ASSERT_EQ(back.pvr, sregs.pvr);
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_SYNC);
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_DONE);
}

/* QEMU sets the compatibility level at CAS time, after the vCPU ran. */
KVM_ONE_VCPU_TEST(qemu_caps, arch_compat_after_run, guest_sync_done)
{
	uint32_t level = ARCH_COMPAT_P9, cur = 0;
	struct kvm_one_reg set = { .id = KVM_REG_PPC_ARCH_COMPAT, .addr = (uintptr_t)&level };
	struct kvm_one_reg get = { .id = KVM_REG_PPC_ARCH_COMPAT, .addr = (uintptr_t)&cur };

	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_SYNC);
	TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &set),
		    "KVM_SET_ONE_REG(ARCH_COMPAT, %#x) after the vCPU ran: %s",
		    level, strerror(errno));
	TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &get),
		    "KVM_GET_ONE_REG(ARCH_COMPAT): %s", strerror(errno));
	TEST_ASSERT_EQ(cur, level);
	/* The guest goes on running under it. */
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_DONE);
	/* Back to raw mode (0), as at a machine reset. */
	level = 0;
	TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &set),
		    "KVM_SET_ONE_REG(ARCH_COMPAT, 0) after the vCPU ran: %s",
		    strerror(errno));
	TEST_ASSERT(!__vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &get),
		    "KVM_GET_ONE_REG(ARCH_COMPAT): %s", strerror(errno));
	TEST_ASSERT_EQ(cur, 0);
}

static uint64_t host_tb(void)
{
	uint64_t tb;

	asm volatile("mftb %0" : "=r"(tb));
	return tb;
}

/*
 * QEMU sets the timebase offset on a new vCPU (at start, and on a
 * migration's destination) and not the decrementer expiry: an expiry
 * still at its reset value (0, expired) becomes "now" in the new
 * timebase; one that was set stays.
 */
KVM_ONE_VCPU_TEST(qemu_caps, tb_offset_sets_expired_dec, guest_sync_done)
{
	int64_t offset = 1LL << 40;
	uint64_t exp, before, after;

	vcpu_set_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, 0);
	before = host_tb();
	vcpu_set_reg(vcpu, KVM_REG_PPC_TB_OFFSET, offset);
	after = host_tb();
	vcpu_get_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, &exp);
	TEST_ASSERT(exp >= before + offset && exp <= after + offset,
		    "expiry %#lx not in [%#lx, %#lx] after the offset was set",
		    exp, before + offset, after + offset);
	vcpu_set_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, 12345);
	vcpu_set_reg(vcpu, KVM_REG_PPC_TB_OFFSET, 0);
	vcpu_get_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, &exp);
	TEST_ASSERT_EQ(exp, 12345);
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_SYNC);
}

/*
 * An expiry user space sets after a run is the one the guest gets and
 * reads back, also when reading another register makes the kernel fetch
 * state from the L0 (which, as QEMU, keeps a stale expiry of its own).
 */
KVM_ONE_VCPU_TEST(qemu_caps, dec_expiry_set_after_run, guest_sync_done)
{
	uint64_t want, exp, dar;

	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_SYNC);
	want = host_tb() + (1ULL << 40);
	vcpu_set_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, want);
	vcpu_get_reg(vcpu, KVM_REG_PPC_DAR, &dar);
	vcpu_get_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, &exp);
	TEST_ASSERT_EQ(exp, want);
	TEST_ASSERT_EQ(run_ucall(vcpu), UCALL_DONE);
}

TEST_HARNESS_MAIN
