// SPDX-License-Identifier: GPL-2.0-only
/*
 * Book3S HV as an L1 hypervisor on pseries: find out, once at module init,
 * which nested API the L0 offers.
 *
 *   v2 (PAPR, H_GUEST_*): H_GUEST_GET_CAPABILITIES, then
 *      H_GUEST_SET_CAPABILITIES with the best mode both sides share.
 *   v1 (H_ENTER_NESTED): the L1 registers a partition table with
 *      H_SET_PARTITION_TABLE; success means the L0 runs nested guests.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <asm/cputable.h>
#include <asm/firmware.h>
#include <asm/hvcall.h>
#include <asm/mmu.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/kvm_ppc_regs.h>
#include <asm/kvm_ppc_gsb.h>

#include "nested.h"

#define KVMHV_PTB_BYTES		(16UL << KVMHV_V1_PTB_ORDER)

static enum kvmhv_api kvmhv_api;
static const char *kvmhv_unavailable = "not probed";
static u64 kvmhv_v2_caps;
static void *kvmhv_v1_ptbl;
/* The L0 answered H_RPT_INVALIDATE with H_FUNCTION once: do not ask again. */
static bool kvmhv_rpt_unsupported;

static const char *const api_names[] = {
	[KVMHV_API_NONE] = "none",
	[KVMHV_API_V1] = "nested v1 (H_ENTER_NESTED)",
	[KVMHV_API_V2] = "nested v2 (H_GUEST_*)",
};

/* The capability bit matching the CPU we run on, best first. */
static u64 wanted_v2_mode(void)
{
	if (cpu_has_feature(CPU_FTR_ARCH_31))
		return H_GUEST_CAP_POWER10;
	return H_GUEST_CAP_POWER9;
}

static long probe_v2(void)
{
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	u64 mode;
	long rc;

	rc = plpar_hcall(H_GUEST_GET_CAPABILITIES, ret, 0);
	if (rc != H_SUCCESS)
		return rc;
	mode = wanted_v2_mode();
	if (!(ret[0] & mode))
		mode = ret[0] & H_GUEST_CAP_POWER9;
	if (!mode)
		return H_UNSUPPORTED;
	rc = plpar_hcall(H_GUEST_SET_CAPABILITIES, ret, 0, mode);
	/* H_STATE: set already, by an earlier load of this module. */
	if (rc == H_STATE)
		rc = H_SUCCESS;
	if (rc == H_SUCCESS)
		kvmhv_v2_caps = mode;
	return rc;
}

static long probe_v1(void)
{
	long rc;

	kvmhv_v1_ptbl = kzalloc(KVMHV_PTB_BYTES, GFP_KERNEL);
	if (!kvmhv_v1_ptbl)
		return H_NO_MEM;
	rc = plpar_hcall_norets(H_SET_PARTITION_TABLE,
				__pa(kvmhv_v1_ptbl) | (KVMHV_V1_PTB_ORDER - 8));
	if (rc != H_SUCCESS) {
		kfree(kvmhv_v1_ptbl);
		kvmhv_v1_ptbl = NULL;
		return rc;
	}
	kvmhv_v1_spr_init();
	return rc;
}

/**
 * kvmppc_hv_probe() - find the nested API the L0 offers
 *
 * Logs which one the backend uses, or why there is none.
 *
 * Return: 0 if a nested API is usable, -ENODEV if not.
 */
int kvmppc_hv_probe(void)
{
	long rc2, rc1;

	kvmhv_api = KVMHV_API_NONE;
	if (!firmware_has_feature(FW_FEATURE_LPAR)) {
		kvmhv_unavailable = "not a pseries partition (no bare-metal HV backend yet)";
		goto none;
	}
	if (!radix_enabled()) {
		kvmhv_unavailable = "the L1 runs the hash MMU; nested HV needs radix";
		goto none;
	}
	if (kvmhv_state_init()) {
		kvmhv_unavailable = "the state element table does not fit the GSB table";
		goto none;
	}
	rc2 = probe_v2();
	if (rc2 == H_SUCCESS) {
		kvmhv_api = KVMHV_API_V2;
		pr_info("kvm-ppc: HV backend: %s, mode %s\n", api_names[kvmhv_api],
			kvmhv_v2_caps == H_GUEST_CAP_POWER10 ? "Power10" : "Power9");
		return 0;
	}
	rc1 = probe_v1();
	if (rc1 == H_SUCCESS) {
		kvmhv_api = KVMHV_API_V1;
		pr_info("kvm-ppc: HV backend: %s (H_GUEST_GET_CAPABILITIES rc=%ld)\n",
			api_names[kvmhv_api], rc2);
		return 0;
	}
	kvmhv_unavailable = "the L0 offers neither nested v2 nor nested v1";
	pr_info("kvm-ppc: HV backend unavailable: %s (v2 rc=%ld, v1 rc=%ld)\n",
		kvmhv_unavailable, rc2, rc1);
	return -ENODEV;
none:
	pr_info("kvm-ppc: HV backend unavailable: %s\n", kvmhv_unavailable);
	return -ENODEV;
}

/**
 * kvmppc_hv_remove() - undo kvmppc_hv_probe()
 *
 * Under v1 the partition table is deregistered before it is freed; under
 * v2 there is nothing to give back.
 */
void kvmppc_hv_remove(void)
{
	if (kvmhv_v1_ptbl) {
		plpar_hcall_norets(H_SET_PARTITION_TABLE, 0);
		kfree(kvmhv_v1_ptbl);
		kvmhv_v1_ptbl = NULL;
	}
	kvmhv_api = KVMHV_API_NONE;
}

/**
 * kvmhv_v1_pate() - an entry of the v1 partition table
 * @lpid: its LPID
 *
 * Return: the entry's two big-endian doublewords.
 */
__be64 *kvmhv_v1_pate(u64 lpid)
{
	return (__be64 *)kvmhv_v1_ptbl + 2 * lpid;
}

/**
 * kvmhv_nested_api() - the nested API in use
 *
 * Return: KVMHV_API_V2, KVMHV_API_V1 or KVMHV_API_NONE.
 */
enum kvmhv_api kvmhv_nested_api(void)
{
	return kvmhv_api;
}

static bool hv_available(const char **why)
{
	if (kvmhv_api != KVMHV_API_NONE)
		return true;
	*why = kvmhv_unavailable;
	return false;
}

static const char *hv_describe(void)
{
	return api_names[kvmhv_api];
}

static void hv_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	long rc;

	if (!hvm)
		return;
	if (kvmhv_api == KVMHV_API_V1)
		kvmhv_v1_destroy_vm(kvm);
	if (hvm->created) {
		/* The L0 forgets the guest, its vCPUs and its translations. */
		rc = kvmhv_l0_call(NULL, H_GUEST_DELETE, ret, 0, hvm->guest_id,
				   0, 0, 0);
		if (rc != H_SUCCESS)
			pr_err("kvm-ppc: H_GUEST_DELETE of guest %llu failed: rc=%ld\n",
			       hvm->guest_id, rc);
	}
	kvmhv_pgtable_free(&hvm->pgt);
	kfree(hvm);
	kvm->arch.backend = NULL;
}

static int hv_init_vm(struct kvm *kvm)
{
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	struct kvmhv_vm *hvm;
	long rc;
	int r;

	hvm = kzalloc(sizeof(*hvm), GFP_KERNEL_ACCOUNT);
	if (!hvm)
		return -ENOMEM;
	kvm->arch.backend = hvm;
	mutex_init(&hvm->lock);
	hvm->wide_dirty = true;
	r = kvmhv_pgtable_init(&hvm->pgt);
	if (r)
		return r;
	if (kvmhv_api == KVMHV_API_V1)
		return kvmhv_v1_init_vm(kvm);
	rc = kvmhv_l0_call(NULL, H_GUEST_CREATE, ret, 0, -1UL, 0, 0, 0);
	if (rc != H_SUCCESS) {
		pr_info_ratelimited("kvm-ppc: H_GUEST_CREATE failed: rc=%ld\n", rc);
		return kvmhv_errno(rc);
	}
	hvm->guest_id = ret[0];
	hvm->created = true;
	return 0;
}

static void hv_vcpu_free(struct kvmhv_vcpu *hv)
{
	kvm_mmu_free_memory_cache(&hv->mmu_cache);
	kfree(hv->v1);
	free_page((unsigned long)hv->run_in);
	free_page((unsigned long)hv->run_out);
	kfree(hv);
}

/*
 * The core does not call kvm_arch_vcpu_destroy() when creation fails, so
 * a failure here frees everything itself.
 */
static int hv_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv;

	hv = kzalloc(sizeof(*hv), GFP_KERNEL_ACCOUNT);
	if (!hv)
		return -ENOMEM;
	hv->mmu_cache.gfp_zero = __GFP_ZERO;
	hv->run_in_size = PAGE_SIZE;
	hv->run_out_size = PAGE_SIZE;
	hv->run_in = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	hv->run_out = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	if (!hv->run_in || !hv->run_out) {
		hv_vcpu_free(hv);
		return -ENOMEM;
	}
	vcpu->arch.backend = hv;
	kvmhv_state_all_dirty(vcpu);
	return 0;
}

static void hv_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	/* The L0 frees its vCPUs with the guest (H_GUEST_DELETE). */
	hv_vcpu_free(to_hv_vcpu(vcpu));
	vcpu->arch.backend = NULL;
}

/* Create the vCPU at the L0, in order; register its run buffers; open AMOR. */
static int create_l0_vcpu(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	u64 in[2] = { __pa(hv->run_in), hv->run_in_size };
	u64 out[2] = { __pa(hv->run_out), hv->run_out_size };
	struct kvmppc_gsb gsb;
	void *buf;
	long rc;
	int r;

	buf = kzalloc(64, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&hvm->lock);
	rc = kvmhv_l0_call(vcpu, H_GUEST_CREATE_VCPU, ret, 0, hvm->guest_id,
			   hvm->next_l0_id, 0, 0);
	r = kvmhv_errno(rc);
	if (r) {
		pr_info_ratelimited("kvm-ppc: H_GUEST_CREATE_VCPU failed: rc=%ld\n", rc);
		goto out;
	}
	hv->l0_id = hvm->next_l0_id++;
	hv->created = true;
	kvmppc_gsb_init(&gsb, buf, 64);
	kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_RUN_INPUT, in, 2);
	kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_RUN_OUTPUT, out, 2);
	/* Without AMOR bits the guest's own AMR, IAMR and UAMOR writes are void. */
	r = kvmppc_gsb_put_u64(&gsb, KVMPPC_GSID_AMOR, ~0ULL);
	if (WARN_ON_ONCE(r))
		goto out;
	rc = kvmhv_l0_call(vcpu, H_GUEST_SET_STATE, ret, 0, hvm->guest_id,
			   hv->l0_id, __pa(buf), 64);
	r = kvmhv_errno(rc);
	if (r)
		pr_info_ratelimited("kvm-ppc: registering run buffers failed: rc=%ld element %lu\n",
				    rc, ret[0]);
out:
	mutex_unlock(&hvm->lock);
	kfree(buf);
	return r;
}

static int hv_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	int r;

	if (kvmhv_api == KVMHV_API_V1)
		return kvmhv_run(vcpu);
	if (!to_hv_vcpu(vcpu)->created) {
		r = create_l0_vcpu(vcpu);
		if (r)
			return r;
	}
	if (READ_ONCE(hvm->wide_dirty)) {
		mutex_lock(&hvm->lock);
		r = kvmhv_wide_take(hvm) ? kvmhv_push_wide_state(vcpu->kvm) : 0;
		mutex_unlock(&hvm->lock);
		if (r)
			return r;
	}
	return kvmhv_run(vcpu);
}

static int hv_check_extension(struct kvm *kvm, long ext)
{
	switch (ext) {
	case KVM_CAP_PPC_MMU_RADIX:
	case KVM_CAP_PPC_PAPR:
		return kvmhv_api != KVMHV_API_NONE;
	case KVM_CAP_PPC_NESTED_API:
		return kvmhv_api == KVMHV_API_V2 ? 2 : kvmhv_api == KVMHV_API_V1;
	default:
		return 0;
	}
}

static int configure_mmu(struct kvm *kvm, struct kvm_ppc_mmuv3_cfg __user *ucfg)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	struct kvm_ppc_mmuv3_cfg cfg;

	if (copy_from_user(&cfg, ucfg, sizeof(cfg)))
		return -EFAULT;
	/* Radix only: the L0 runs L2s on radix, and so do we. */
	if (cfg.flags & ~(KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE) ||
	    !(cfg.flags & KVM_PPC_MMUV3_RADIX) || !(cfg.process_table & PATB_GR) ||
	    (cfg.process_table & PRTS_MASK) > 24)
		return -EINVAL;
	mutex_lock(&hvm->lock);
	hvm->process_table = cfg.process_table;
	kvmhv_wide_changed(hvm);
	mutex_unlock(&hvm->lock);
	/* Running vCPUs leave the guest and pick the new table up. */
	kvm_flush_remote_tlbs(kvm);
	return 0;
}

static long hv_vm_ioctl(struct kvm *kvm, unsigned int ioctl, unsigned long arg)
{
	switch (ioctl) {
	case KVM_PPC_CONFIGURE_V3_MMU:
		return configure_mmu(kvm, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static int hv_vcpu_enable_cap(struct kvm_vcpu *vcpu, struct kvm_enable_cap *cap)
{
	switch (cap->cap) {
	case KVM_CAP_PPC_PAPR:
		/* An HV guest is always a PAPR guest: nothing to switch on. */
		return 0;
	default:
		return -EINVAL;
	}
}

/* The nested-v2 elements behind @n ONE_REG ids; the guest-wide ones aside. */
static int to_gsids(const u64 *ids, unsigned int n, u16 *gsids, bool *wide)
{
	const struct kvmppc_reg_desc *rd;
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		rd = kvmppc_find_reg(ids[i]);
		if (!rd)
			continue;
		if (rd->flags & KVMPPC_REG_VM)
			*wide = true;
		else if (rd->gsid)
			gsids[k++] = kvmppc_reg_gsid(rd, ids[i]);
	}
	return k;
}

/* Several registers, in one H_GUEST_GET_STATE at most. */
static int hv_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	u16 gsids[KVMPPC_REGS_MAX_BATCH];
	bool wide = false;
	unsigned int k;

	if (WARN_ON_ONCE(n > ARRAY_SIZE(gsids)))
		return -EINVAL;
	/* Guest-wide values are in kvm->arch: the L0 only ever gets them. */
	k = to_gsids(ids, n, gsids, &wide);
	return k ? kvmhv_state_load(vcpu, gsids, k) : 0;
}

static void hv_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	u16 gsids[KVMPPC_REGS_MAX_BATCH];
	bool wide = false;
	unsigned int k;

	if (WARN_ON_ONCE(n > ARRAY_SIZE(gsids)))
		return;
	k = to_gsids(ids, n, gsids, &wide);
	if (wide)
		kvmhv_wide_changed(to_hv_vm(vcpu->kvm));
	kvmhv_state_dirty(vcpu, gsids, k);
}

static bool hv_unmap_gfn_range(struct kvm *kvm, gfn_t gfn, u64 npages)
{
	return kvmhv_pgtable_unmap_range(kvm, &to_hv_vm(kvm)->pgt,
					 gfn_to_gpa(gfn), npages << PAGE_SHIFT);
}

static bool hv_age_gfn_range(struct kvm *kvm, gfn_t gfn, u64 npages, bool clear)
{
	return kvmhv_pgtable_age_range(kvm, &to_hv_vm(kvm)->pgt, gfn_to_gpa(gfn),
				       npages << PAGE_SHIFT, clear);
}

static void hv_write_protect_gfn(struct kvm *kvm, gfn_t gfn)
{
	kvmhv_pgtable_write_protect(kvm, &to_hv_vm(kvm)->pgt, gfn_to_gpa(gfn));
}

/*
 * The L0 caches translations of our partition-scoped tree.  PowerVM is told
 * with H_RPT_INVALIDATE; QEMU has no such call (H_FUNCTION) but drops its
 * cached translations at every L1/L2 switch, so the vCPU's exit and
 * re-entry is the invalidation there.
 */
static void hv_flush_tlb(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	long rc;

	if (kvmhv_api == KVMHV_API_V1) {
		kvmhv_v1_flush_tlb(vcpu->kvm);
		return;
	}
	if (!hvm->created || kvmhv_rpt_unsupported)
		return;
	rc = plpar_hcall_norets(H_RPT_INVALIDATE, hvm->guest_id,
				H_RPTI_TARGET_CMMU, H_RPTI_TYPE_NESTED |
				H_RPTI_TYPE_TLB | H_RPTI_TYPE_PWC,
				H_RPTI_PAGE_ALL, 0, -1UL);
	kvmhv_l0_count(vcpu, H_RPT_INVALIDATE);
	if (rc == H_FUNCTION)
		WRITE_ONCE(kvmhv_rpt_unsupported, true);
	else if (rc != H_SUCCESS)
		pr_err_ratelimited("kvm-ppc: H_RPT_INVALIDATE failed: rc=%ld\n", rc);
}

const struct kvmppc_backend_ops kvmppc_hv_ops = {
	.name = "hv",
	.flavour = KVMPPC_HV,
	.vm_type = KVM_VM_PPC_HV,
	.available = hv_available,
	.describe = hv_describe,
	.init_vm = hv_init_vm,
	.destroy_vm = hv_destroy_vm,
	.vcpu_create = hv_vcpu_create,
	.vcpu_destroy = hv_vcpu_destroy,
	.vcpu_run = hv_vcpu_run,
	.check_extension = hv_check_extension,
	.vm_ioctl = hv_vm_ioctl,
	.vcpu_enable_cap = hv_vcpu_enable_cap,
	.regs_load = hv_regs_load,
	.regs_changed = hv_regs_changed,
	.unmap_gfn_range = hv_unmap_gfn_range,
	.age_gfn_range = hv_age_gfn_range,
	.write_protect_gfn = hv_write_protect_gfn,
	.flush_tlb = hv_flush_tlb,
};
