// SPDX-License-Identifier: GPL-2.0-only
/*
 * Book3S HV (VM type KVM_VM_PPC_HV): the backend's ops.  How guests run is
 * the platform's business, chosen once at module init: an L1 on pseries
 * uses the PAPR nested v2 API if the L0 offers it, else nested v1.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <asm/cputable.h>
#include <asm/firmware.h>
#include <asm/book3s/64/mmu-hash.h>
#include <asm/mmu.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/kvm_ppc_regs.h>

#include "kvm_ppc_internal.h"
#include "hv.h"

/* Platforms in order of preference. */
static const struct kvmhv_platform_ops *const platforms[] = {
	&kvmhv_v2_platform,
	&kvmhv_v1_platform,
};

static const struct kvmhv_platform_ops *platform;
static const char *unavailable = "not probed";

/* Find how this host can run HV guests; log the platform, or why none. */
static int hv_probe(void)
{
	unsigned int i;
	int r[ARRAY_SIZE(platforms)];

	platform = NULL;
	if (!firmware_has_feature(FW_FEATURE_LPAR)) {
		unavailable = "not a pseries partition (no bare-metal HV backend yet)";
		goto none;
	}
	if (!radix_enabled()) {
		unavailable = "the L1 runs the hash MMU; nested HV needs radix";
		goto none;
	}
	for (i = 0; i < ARRAY_SIZE(platforms); i++) {
		r[i] = platforms[i]->probe();
		if (!r[i]) {
			platform = platforms[i];
			pr_info("kvm-ppc: HV backend: %s\n", platform->name);
			return 0;
		}
	}
	unavailable = "the L0 offers neither nested v2 nor nested v1";
	pr_info("kvm-ppc: HV backend unavailable: %s (v2 %d, v1 %d)\n",
		unavailable, r[0], r[1]);
	return -ENODEV;
none:
	pr_info("kvm-ppc: HV backend unavailable: %s\n", unavailable);
	return -ENODEV;
}

static void hv_remove(void)
{
	if (platform)
		platform->remove();
	platform = NULL;
}

static bool hv_available(const char **why)
{
	if (platform)
		return true;
	*why = unavailable;
	return false;
}

static const char *hv_describe(void)
{
	return platform ? platform->name : "none";
}

static void hv_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);

	if (!hvm)
		return;
	hvm->platform->destroy_vm(kvm);
	kvmhv_pgtable_free(&hvm->pgt);
	kfree(hvm);
	kvm->arch.backend = NULL;
}

static int hv_init_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm;
	int r;

	hvm = kzalloc(sizeof(*hvm), GFP_KERNEL_ACCOUNT);
	if (!hvm)
		return -ENOMEM;
	kvm->arch.backend = hvm;
	hvm->platform = platform;
	mutex_init(&hvm->lock);
	hvm->wide_dirty = true;
	r = kvmhv_pgtable_init(&hvm->pgt);
	return r ? r : platform->init_vm(kvm);
}

/*
 * The core does not call kvm_arch_vcpu_destroy() when creation fails, so
 * a failure here frees everything itself.
 */
static int hv_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv;
	int r;

	hv = kzalloc(sizeof(*hv), GFP_KERNEL_ACCOUNT);
	if (!hv)
		return -ENOMEM;
	hv->mmu_cache.gfp_zero = __GFP_ZERO;
	vcpu->arch.backend = hv;
	r = to_hv_vm(vcpu->kvm)->platform->vcpu_create(vcpu);
	if (r) {
		vcpu->arch.backend = NULL;
		kfree(hv);
	}
	return r;
}

static void hv_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);

	to_hv_vm(vcpu->kvm)->platform->vcpu_destroy(vcpu);
	kvm_mmu_free_memory_cache(&hv->mmu_cache);
	kfree(hv);
	vcpu->arch.backend = NULL;
}

static int hv_check_extension(struct kvm *kvm, long ext)
{
	const struct kvmhv_platform_ops *p = kvm ? to_hv_vm(kvm)->platform : platform;

	switch (ext) {
	case KVM_CAP_PPC_MMU_RADIX:
	case KVM_CAP_PPC_PAPR:
	case KVM_CAP_PPC_GET_SMMU_INFO:
	case KVM_CAP_PPC_FWNMI:
	case KVM_CAP_PPC_GET_CPU_CHAR:
	/* The guest's LPCR[AIL] reaches the L0, which relocates its interrupts. */
	case KVM_CAP_PPC_AIL_MODE_3:
	/* One thread per virtual core: the value, and the one mode possible. */
	case KVM_CAP_PPC_SMT:
	case KVM_CAP_PPC_SMT_POSSIBLE:
	case KVM_CAP_SET_GUEST_DEBUG:
		return !!p;
	case KVM_CAP_PPC_DAWR1:
		return p && cpu_has_feature(CPU_FTR_DAWR1);
	case KVM_CAP_PPC_NESTED_API:
		return p ? p->nested_api : 0;
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

/*
 * KVM_PPC_GET_SMMU_INFO.  The guest runs radix, but QEMU checks the hash
 * page sizes at every reset whatever the MMU mode: they are those of the
 * POWER processors (4K, 64K and 16M base pages in 256M and 1T segments),
 * with NO_HASH saying that a hash guest cannot run.
 */
static int get_smmu_info(struct kvm_ppc_smmu_info __user *uinfo)
{
	static const struct kvm_ppc_smmu_info info = {
		.flags = KVM_PPC_PAGE_SIZES_REAL | KVM_PPC_1T_SEGMENTS |
			 KVM_PPC_NO_HASH,
		.slb_size = 32,
		.sps = {
			{ .page_shift = 12, .slb_enc = 0,
			  .enc = { { 12, 0 }, { 24, 0x38 } } },
			{ .page_shift = 16, .slb_enc = SLB_VSID_L | SLB_VSID_LP_01,
			  .enc = { { 16, 1 }, { 24, 8 } } },
			{ .page_shift = 24, .slb_enc = SLB_VSID_L,
			  .enc = { { 24, 0 } } },
		},
	};

	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

/* Radix AP field of a page size, as in tlbie and the ISA's encodings. */
#define RADIX_AP(ap, shift)	((u32)(ap) << 29 | (shift))

/*
 * KVM_PPC_GET_RMMU_INFO: the process-scoped trees the guest may build
 * (4K and 64K base pages) and the page sizes it may map with them; the L0
 * walks those trees itself.
 */
static int get_rmmu_info(struct kvm_ppc_rmmu_info __user *uinfo)
{
	static const struct kvm_ppc_rmmu_info info = {
		.geometries = {
			{ .page_shift = 12, .level_bits = { 9, 9, 9, 12 } },
			{ .page_shift = 16, .level_bits = { 5, 9, 9, 13 } },
		},
		.ap_encodings = {
			RADIX_AP(0, 12), RADIX_AP(5, 16), RADIX_AP(1, 21),
			RADIX_AP(2, 30),
		},
	};

	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

/* KVM_PPC_GET_CPU_CHAR: the speculation behaviour of the CPU, as the platform knows it. */
static int get_cpu_char(struct kvm *kvm, struct kvm_ppc_cpu_char __user *uchar)
{
	struct kvm_ppc_cpu_char cc = {};
	int r = to_hv_vm(kvm)->platform->get_cpu_char(&cc);

	if (r)
		return r;
	return copy_to_user(uchar, &cc, sizeof(cc)) ? -EFAULT : 0;
}

static long hv_vm_ioctl(struct kvm *kvm, unsigned int ioctl, unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (ioctl) {
	case KVM_PPC_CONFIGURE_V3_MMU:
		return configure_mmu(kvm, argp);
	case KVM_PPC_GET_SMMU_INFO:
		return get_smmu_info(argp);
	case KVM_PPC_GET_RMMU_INFO:
		return get_rmmu_info(argp);
	case KVM_PPC_GET_CPU_CHAR:
		return get_cpu_char(kvm, argp);
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
	case KVM_CAP_PPC_FWNMI:
		/* Guest machine checks go to user space (KVM_EXIT_NMI) from now on. */
		WRITE_ONCE(vcpu->kvm->arch.fwnmi, true);
		return 0;
	default:
		return -EINVAL;
	}
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

static int hv_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	return to_hv_vm(vcpu->kvm)->platform->regs_load(vcpu, ids, n);
}

static void hv_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	to_hv_vm(vcpu->kvm)->platform->regs_changed(vcpu, ids, n);
}

static const struct kvmppc_backend_ops hv_ops = {
	.owner = THIS_MODULE,
	.name = "hv",
	.flavour = KVMPPC_HV,
	.vm_type = KVM_VM_PPC_HV,
	.available = hv_available,
	.describe = hv_describe,
	.init_vm = hv_init_vm,
	.destroy_vm = hv_destroy_vm,
	.vcpu_create = hv_vcpu_create,
	.vcpu_destroy = hv_vcpu_destroy,
	.vcpu_run = kvmhv_run,
	.check_extension = hv_check_extension,
	.vm_ioctl = hv_vm_ioctl,
	.vcpu_enable_cap = hv_vcpu_enable_cap,
	.regs_load = hv_regs_load,
	.regs_changed = hv_regs_changed,
	.unmap_gfn_range = hv_unmap_gfn_range,
	.age_gfn_range = hv_age_gfn_range,
	.write_protect_gfn = hv_write_protect_gfn,
};

/*
 * As a module, kvm-hv refuses to load where it cannot run guests.  Built
 * in, it registers anyway, so that KVM_CREATE_VM can say why not.
 */
static int __init kvmhv_init(void)
{
	int r = hv_probe();

	if (r && IS_MODULE(CONFIG_KVM_PPC_BOOK3S_HV))
		return r;
	r = kvmppc_register_backend(&hv_ops);
	if (r)
		hv_remove();
	return r;
}
module_init(kvmhv_init);

static void __exit kvmhv_exit(void)
{
	kvmppc_unregister_backend(&hv_ops);
	hv_remove();
}
module_exit(kvmhv_exit);

MODULE_DESCRIPTION("KVM Book3S HV backend for powerpc (clean room)");
MODULE_LICENSE("GPL");
