// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupts KVM synthesises in a Book3S guest, as the architecture would
 * deliver them: SRR0/SRR1 saved, MSR set for the handler, NIA at the
 * vector.  Relocation (LPCR[AIL]) is not applied: vectors are at their
 * real address, as a guest sees them before it enables AIL.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "kvm_ppc_internal.h"

static void deliver(struct kvm_vcpu *vcpu, u64 vector, u64 srr1_cause)
{
	struct kvmppc_core_regs *r = &vcpu->arch.regs;
	bool ile = vcpu->arch.spr[KVMPPC_SPR_LPCR] & LPCR_ILE;

	r->srr0 = r->nip;
	/* SRR1_MSR_BITS (asm/reg.h): the MSR bits an interrupt saves. */
	r->srr1 = (r->msr & SRR1_MSR_BITS) | srr1_cause;
	r->msr = MSR_SF | MSR_ME | (ile ? MSR_LE : 0);
	r->nip = vector;
}

/**
 * kvmppc_inject_dsi() - give the guest a data storage interrupt (0x300)
 * @vcpu: the vCPU; NIA, MSR and LPCR must be current
 * @dar: the data address
 * @dsisr: the cause
 *
 * The caller marks NIA, MSR, SRR0, SRR1, DAR and DSISR changed.
 */
void kvmppc_inject_dsi(struct kvm_vcpu *vcpu, u64 dar, u32 dsisr)
{
	deliver(vcpu, 0x300, 0);
	vcpu->arch.spr[KVMPPC_SPR_DAR] = dar;
	vcpu->arch.spr[KVMPPC_SPR_DSISR] = dsisr;
}
