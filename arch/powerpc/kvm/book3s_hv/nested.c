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

#include "nested.h"

/* The partition table we register under v1: 2^12 entries of 16 bytes. */
#define KVMHV_PTB_ORDER		12
#define KVMHV_PTB_BYTES		(16UL << KVMHV_PTB_ORDER)

static enum kvmhv_api kvmhv_api;
static const char *kvmhv_unavailable = "not probed";
static u64 kvmhv_v2_caps;
static void *kvmhv_v1_ptbl;

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
				__pa(kvmhv_v1_ptbl) | (KVMHV_PTB_ORDER - 8));
	if (rc != H_SUCCESS) {
		kfree(kvmhv_v1_ptbl);
		kvmhv_v1_ptbl = NULL;
	}
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

static int hv_init_vm(struct kvm *kvm)
{
	return 0;
}

static void hv_destroy_vm(struct kvm *kvm)
{
}

static int hv_vcpu_create(struct kvm_vcpu *vcpu)
{
	return 0;
}

static void hv_vcpu_destroy(struct kvm_vcpu *vcpu)
{
}

/* Guests do not run yet: the run loop comes with the H_GUEST_RUN_VCPU work. */
static int hv_vcpu_run(struct kvm_vcpu *vcpu)
{
	return -ENOEXEC;
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
};
