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
#include <asm/kvm_asm.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/reg.h>

#include "kvm_ppc_internal.h"

/* What interrupt delivery reads, and what it writes. */
static const u64 deliver_reads[] = {
	KVM_REG_PPC_NIA, KVM_REG_PPC_MSR, KVM_REG_PPC_LPCR_64,
};

static const u64 deliver_writes[] = {
	KVM_REG_PPC_NIA, KVM_REG_PPC_MSR, KVM_REG_PPC_SRR0, KVM_REG_PPC_SRR1,
};

/* SRR0/SRR1 saved, MSR for the handler, NIA at @vector; all current. */
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

/* deliver() with the state it reads and writes moved through the backend. */
static int synthesize(struct kvm_vcpu *vcpu, u64 vector, u64 srr1_cause)
{
	int r = kvmppc_regs_load(vcpu, deliver_reads, ARRAY_SIZE(deliver_reads));

	if (r)
		return r;
	deliver(vcpu, vector, srr1_cause);
	kvmppc_regs_changed(vcpu, deliver_writes, ARRAY_SIZE(deliver_writes));
	return 0;
}

/**
 * kvmppc_program_interrupt() - give the guest a program interrupt (0x700)
 * @vcpu: the vCPU, stopped at the instruction
 * @cause: the SRR1 cause bits, e.g. SRR1_PROGILL
 *
 * Return: 0, or a negative errno if the backend could not fetch the state.
 */
int kvmppc_program_interrupt(struct kvm_vcpu *vcpu, u64 cause)
{
	return synthesize(vcpu, BOOK3S_INTERRUPT_PROGRAM, cause);
}
EXPORT_SYMBOL_GPL(kvmppc_program_interrupt);

/**
 * kvmppc_machine_check_interrupt() - give the guest a machine check (0x200)
 * @vcpu: the vCPU
 *
 * Return: 0, or a negative errno if the backend could not fetch the state.
 */
int kvmppc_machine_check_interrupt(struct kvm_vcpu *vcpu)
{
	return synthesize(vcpu, BOOK3S_INTERRUPT_MACHINE_CHECK, 0);
}
EXPORT_SYMBOL_GPL(kvmppc_machine_check_interrupt);

/**
 * kvmppc_dsi_interrupt() - give the guest a data storage interrupt (0x300)
 * @vcpu: the vCPU, stopped at the instruction
 * @dar: the data address
 * @dsisr: the cause
 *
 * Return: 0, or a negative errno if the backend could not fetch the state.
 */
int kvmppc_dsi_interrupt(struct kvm_vcpu *vcpu, u64 dar, u32 dsisr)
{
	static const u64 dsi_writes[] = { KVM_REG_PPC_DAR, KVM_REG_PPC_DSISR };
	int r = synthesize(vcpu, BOOK3S_INTERRUPT_DATA_STORAGE, 0);

	if (r)
		return r;
	vcpu->arch.spr[KVMPPC_SPR_DAR] = dar;
	vcpu->arch.spr[KVMPPC_SPR_DSISR] = dsisr;
	kvmppc_regs_changed(vcpu, dsi_writes, ARRAY_SIZE(dsi_writes));
	return 0;
}
EXPORT_SYMBOL_GPL(kvmppc_dsi_interrupt);

/**
 * kvmppc_external_interrupt() - deliver a pending external interrupt (0x500)
 *	if the guest can take it now
 * @vcpu: the vCPU, between two runs, with KVMPPC_IRQ_PENDING set
 *
 * An edge (KVM_INTERRUPT_SET) is consumed when delivered; a level stays up.
 *
 * Return: 0 (delivered, or still pending because the guest has MSR[EE]
 * clear), or a negative errno if the backend could not fetch the state.
 */
int kvmppc_external_interrupt(struct kvm_vcpu *vcpu)
{
	int r = kvmppc_regs_load(vcpu, deliver_reads, ARRAY_SIZE(deliver_reads));

	if (r || !(vcpu->arch.regs.msr & MSR_EE))
		return r;
	r = synthesize(vcpu, BOOK3S_INTERRUPT_EXTERNAL, 0);
	if (!r && !test_bit(KVMPPC_IRQ_LEVEL, &vcpu->arch.irq))
		clear_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq);
	return r;
}
EXPORT_SYMBOL_GPL(kvmppc_external_interrupt);
