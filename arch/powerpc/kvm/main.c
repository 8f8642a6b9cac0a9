// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module init and exit, binary statistics, and the KVM core hooks that
 * have nothing powerpc-specific to do.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/kvm_ppc_gsb.h>

#include "kvm_ppc_internal.h"

const struct kvm_stats_desc kvm_vm_stats_desc[] = {
	KVM_GENERIC_VM_STATS()
};

static_assert(ARRAY_SIZE(kvm_vm_stats_desc) ==
	      sizeof(struct kvm_vm_stat) / sizeof(u64));

const struct kvm_stats_header kvm_vm_stats_header = {
	.name_size = KVM_STATS_NAME_SIZE,
	.num_desc = ARRAY_SIZE(kvm_vm_stats_desc),
	.id_offset = sizeof(struct kvm_stats_header),
	.desc_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE,
	.data_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE +
		       sizeof(kvm_vm_stats_desc),
};

const struct kvm_stats_desc kvm_vcpu_stats_desc[] = {
	KVM_GENERIC_VCPU_STATS(),
	STATS_DESC_COUNTER(VCPU, signal_exits),
	STATS_DESC_COUNTER(VCPU, exits),
	STATS_DESC_COUNTER(VCPU, hcall_exit_user),
	STATS_DESC_COUNTER(VCPU, hcall_exit_kernel),
	STATS_DESC_COUNTER(VCPU, mmio_exit_user),
	STATS_DESC_COUNTER(VCPU, mmio_exit_kernel),
	STATS_DESC_COUNTER(VCPU, page_faults),
	STATS_DESC_COUNTER(VCPU, hdec_exits),
	STATS_DESC_COUNTER(VCPU, other_exits),
	STATS_DESC_COUNTER(VCPU, l0_run_vcpu),
	STATS_DESC_COUNTER(VCPU, l0_get_state),
	STATS_DESC_COUNTER(VCPU, l0_set_state),
	STATS_DESC_COUNTER(VCPU, l0_other),
	STATS_DESC_COUNTER(VCPU, spr_exit_user),
	STATS_DESC_COUNTER(VCPU, spr_emulated),
};

const struct kvm_stats_header kvm_vcpu_stats_header = {
	.name_size = KVM_STATS_NAME_SIZE,
	.num_desc = ARRAY_SIZE(kvm_vcpu_stats_desc),
	.id_offset = sizeof(struct kvm_stats_header),
	.desc_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE,
	.data_offset = sizeof(struct kvm_stats_header) + KVM_STATS_NAME_SIZE +
		       sizeof(kvm_vcpu_stats_desc),
};

/**
 * kvm_cpu_has_pending_timer() - whether a vCPU's timer fired
 * @vcpu: the vCPU
 *
 * Return: 0: the decrementer is delivered by the backend's run loop.
 */
int kvm_cpu_has_pending_timer(struct kvm_vcpu *vcpu)
{
	return 0;
}

static int __init kvmppc_init(void)
{
	unsigned int row;
	const char *why;
	int r;

	r = kvmppc_regs_check(kvmppc_regs, kvmppc_nr_regs, &row, &why);
	if (r) {
		pr_err("kvm-ppc: register table row %u (%s): %s; not loading\n",
		       row, kvmppc_regs[row].name, why);
		return r;
	}
	kvmppc_regs_init();
	kvmppc_gsid_init();
	return kvm_init(sizeof(struct kvm_vcpu), 0, THIS_MODULE);
}
module_init(kvmppc_init);

static void __exit kvmppc_exit(void)
{
	kvm_exit();
}
module_exit(kvmppc_exit);

MODULE_DESCRIPTION("Kernel-based Virtual Machine for powerpc (clean room)");
MODULE_LICENSE("GPL");
