// SPDX-License-Identifier: GPL-2.0-only
/*
 * HV guest exits: the platform runs the guest once, and the exit table,
 * indexed by the interrupt vector the guest left with, says what to do.
 * The same for every platform: registers move only through
 * kvmppc_regs_load() and kvmppc_regs_changed().
 *
 * Exit handlers return > 0 to resume the guest, 0 to return to user space
 * with kvm_run->exit_reason set, < 0 for an error.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/kvm_asm.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/reg.h>

#include "kvm_ppc_internal.h"
#include "book3s/book3s.h"
#include "hv.h"

#define VEC_SLOTS	(0x1000 >> 5)
#define VEC(v)		((v) >> 5)

typedef int (*exit_fn)(struct kvm_vcpu *vcpu);

static int exit_machine_check(struct kvm_vcpu *vcpu);

static int exit_unknown(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);

	pr_info_ratelimited("kvm-ppc: unhandled guest exit %#lx\n", hv->trap);
	vcpu->run->exit_reason = KVM_EXIT_UNKNOWN;
	vcpu->run->hw.hardware_exit_reason = hv->trap;
	return 0;
}

/* The L0 stopped the vCPU for its own reasons (an L1 interrupt, say). */
static int exit_resume(struct kvm_vcpu *vcpu)
{
	vcpu->stat.other_exits++;
	return 1;
}

static int exit_hdec(struct kvm_vcpu *vcpu)
{
	vcpu->stat.hdec_exits++;
	return 1;
}

/* sc 1: the hcall code decides (in the kernel, or KVM_EXIT_PAPR_HCALL). */
static int exit_hcall(struct kvm_vcpu *vcpu)
{
	int r = kvmppc_hcall_load(vcpu);

	return r ? r : kvmppc_hcall(vcpu);
}

/*
 * Read the instruction at NIA.  The exits that need it report NIA and MSR
 * (so that load costs no call).  Fetching from a user (quadrant 0) address
 * needs PIDR, and only that: the MMIO address comes with the exit, and a
 * store's source register is read once the instruction is decoded (a read
 * of every GPR costs more than the extra call); a kernel or real-mode
 * address needs nothing.
 * Returns 0 with *@fetched set to whether the instruction could be read,
 * or the L0's negative errno.
 */
static int fetch_at_nia(struct kvm_vcpu *vcpu, ppc_inst_t *insn, bool *fetched)
{
	static const u64 where[] = { KVM_REG_PPC_NIA, KVM_REG_PPC_MSR };
	static const u64 pid = KVM_REG_PPC_PID;
	int r = kvmppc_regs_load(vcpu, where, ARRAY_SIZE(where));

	if (!r && (vcpu->arch.regs.msr & MSR_IR) && !(vcpu->arch.regs.nip >> 62))
		r = kvmppc_regs_load(vcpu, &pid, 1);
	if (r)
		return r;
	*fetched = !kvmppc_radix_fetch_insn(vcpu, to_hv_vm(vcpu->kvm)->process_table,
					    vcpu->arch.regs.nip, insn);
	return 0;
}

static int emulate_mmio(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	bool fp, fetched;
	ppc_inst_t insn;
	int r, src;

	r = fetch_at_nia(vcpu, &insn, &fetched);
	if (r)
		return r;
	r = fetched ? 0 : -EFAULT;
	if (!r) {
		src = kvmppc_mmio_source(vcpu, insn, &fp);
		if (src >= 0) {
			u64 id = fp ? KVM_REG_PPC_FPR(src) : KVM_REG_PPC_GPR(src);

			r = kvmppc_regs_load(vcpu, &id, 1);
		}
	}
	if (!r)
		r = kvmppc_mmio_start(vcpu, hv->asdr, hv->hdar, insn);
	if (r >= 0)
		return r;
	/* Not something we emulate: the guest sees a data storage interrupt. */
	r = kvmppc_dsi_interrupt(vcpu, hv->hdar, DSISR_NOHPTE);
	return r ? r : 1;
}

/* A guest real address no memslot backs: MMIO for a load or store. */
static int exit_page_fault(struct kvm_vcpu *vcpu, bool write)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	int r = kvmhv_page_fault(vcpu, hv->asdr & PAGE_MASK, write);

	if (r != -ENOENT)
		return r;
	if (hv->trap == BOOK3S_INTERRUPT_H_DATA_STORAGE)
		return emulate_mmio(vcpu);
	/* Executing from no memory: nothing to emulate. */
	vcpu->run->exit_reason = KVM_EXIT_UNKNOWN;
	vcpu->run->hw.hardware_exit_reason = hv->trap;
	return 0;
}

static int exit_hdsi(struct kvm_vcpu *vcpu)
{
	return exit_page_fault(vcpu, to_hv_vcpu(vcpu)->hdsisr & DSISR_ISSTORE);
}

static int exit_hisi(struct kvm_vcpu *vcpu)
{
	return exit_page_fault(vcpu, false);
}

/*
 * Hypervisor emulation assistance: an instruction the guest may not run,
 * or an mtspr/mfspr of an SPR the processor does not have (or keeps for
 * the hypervisor).  A software breakpoint stops for user space, SPR
 * accesses go to the common SPR code; anything else gets the architected
 * program interrupt (illegal instruction).
 */
static int exit_heai(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	struct kvmppc_spr_access a;
	u64 insn = hv->heir;
	ppc_inst_t fetched;
	bool readable;
	int r;

	if (insn == KVMHV_NO_HEIR) {
		r = fetch_at_nia(vcpu, &fetched, &readable);
		if (r)
			return r;
		/* Unreadable now (the guest changed its tables): run it again. */
		if (!readable)
			return 1;
		insn = ppc_inst_val(fetched);
		if (ppc_inst_prefixed(fetched))
			insn = insn << 32 | ppc_inst_suffix(fetched);
	}
	r = kvmppc_sw_breakpoint(vcpu, insn);
	if (r != -ENOENT)
		return r;
	/* A prefixed instruction (prefix in the high word) is never an SPR one. */
	if (insn <= U32_MAX && kvmppc_decode_spr_insn(insn, &a))
		return kvmppc_emulate_spr(vcpu, &a, SRR1_PROGILL);
	r = kvmppc_program_interrupt(vcpu, SRR1_PROGILL);
	return r ? r : 1;
}

/*
 * Hypervisor facility unavailable: the guest used a facility its HFSCR
 * does not grant.  The backend grants every facility it supports, so the
 * guest sees what a processor without it gives: an illegal instruction.
 */
static int exit_hfac(struct kvm_vcpu *vcpu)
{
	int r = kvmppc_program_interrupt(vcpu, SRR1_PROGILL);

	return r ? r : 1;
}

static const exit_fn exit_table[VEC_SLOTS] = {
	[0 ... VEC_SLOTS - 1] = exit_unknown,
	/* The platform stopped the vCPU for its own reasons (none, or an L1 interrupt). */
	[0] = exit_resume,
	[VEC(BOOK3S_INTERRUPT_MACHINE_CHECK)] = exit_machine_check,
	[VEC(BOOK3S_INTERRUPT_EXTERNAL)] = exit_resume,
	[VEC(BOOK3S_INTERRUPT_HV_DECREMENTER)] = exit_hdec,
	[VEC(BOOK3S_INTERRUPT_DOORBELL)] = exit_resume,
	[VEC(BOOK3S_INTERRUPT_SYSCALL)] = exit_hcall,
	[VEC(BOOK3S_INTERRUPT_H_DATA_STORAGE)] = exit_hdsi,
	[VEC(BOOK3S_INTERRUPT_H_INST_STORAGE)] = exit_hisi,
	[VEC(BOOK3S_INTERRUPT_H_EMUL_ASSIST)] = exit_heai,
	[VEC(BOOK3S_INTERRUPT_H_DOORBELL)] = exit_resume,
	[VEC(BOOK3S_INTERRUPT_H_VIRT)] = exit_resume,
	[VEC(BOOK3S_INTERRUPT_H_FAC_UNAVAIL)] = exit_hfac,
};

/**
 * kvmhv_fail_entry() - the platform could not enter the guest
 * @vcpu: the vCPU
 * @rc: the platform's reason (an H_* code under pseries)
 *
 * Return: 0, with KVM_EXIT_FAIL_ENTRY for user space.
 */
int kvmhv_fail_entry(struct kvm_vcpu *vcpu, long rc)
{
	vcpu->run->exit_reason = KVM_EXIT_FAIL_ENTRY;
	vcpu->run->fail_entry.hardware_entry_failure_reason = rc;
	vcpu->run->fail_entry.cpu = raw_smp_processor_id();
	return 0;
}

/*
 * Deliver a pending external interrupt if the guest can take it now.  If
 * it cannot (MSR[EE] clear), LPCR[MER] has the guest leave as soon as it
 * sets MSR[EE], and it gets the interrupt then.
 */
static int deliver_irq(struct kvm_vcpu *vcpu)
{
	static const u64 lpcr_id = KVM_REG_PPC_LPCR_64;
	u64 *lpcr = &vcpu->arch.spr[KVMPPC_SPR_LPCR];
	bool pending = test_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq);
	bool mer;
	int r;

	if (!pending && !(READ_ONCE(*lpcr) & LPCR_MER))
		return 0;
	r = pending ? kvmppc_external_interrupt(vcpu) :
		      kvmppc_regs_load(vcpu, &lpcr_id, 1);
	if (r)
		return r;
	mer = test_bit(KVMPPC_IRQ_PENDING, &vcpu->arch.irq) &&
	      !(vcpu->arch.regs.msr & MSR_EE);
	if (mer != !!(*lpcr & LPCR_MER)) {
		*lpcr ^= LPCR_MER;
		kvmppc_regs_changed(vcpu, &lpcr_id, 1);
	}
	return 0;
}

/*
 * A machine check the L0 handed back.  With KVM_CAP_PPC_FWNMI user space
 * handles it (it builds the guest's error log); otherwise the guest gets
 * the interrupt.  The L0 does not say whether it recovered: not recovered.
 */
static int exit_machine_check(struct kvm_vcpu *vcpu)
{
	int r;

	if (READ_ONCE(vcpu->kvm->arch.fwnmi)) {
		vcpu->run->exit_reason = KVM_EXIT_NMI;
		vcpu->run->flags = KVM_RUN_PPC_NMI_DISP_NOT_RECOV;
		return 0;
	}
	r = kvmppc_machine_check_interrupt(vcpu);
	return r ? r : 1;
}

/**
 * kvmhv_run() - run a vCPU once and handle the exit
 * @vcpu: the vCPU, loaded, in KVM_RUN
 *
 * Return: > 0 to run it again, 0 with kvm_run->exit_reason set, or a
 * negative errno.
 */
int kvmhv_run(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	unsigned long trap;
	int r;

	r = deliver_irq(vcpu);
	if (r)
		return r;
	hv->heir = KVMHV_NO_HEIR;
	r = to_hv_vm(vcpu->kvm)->platform->enter(vcpu, &trap);
	if (r <= 0)
		return r;
	vcpu->stat.exits++;
	hv->trap = trap;
	return trap < 0x1000 ? exit_table[VEC(trap)](vcpu) : exit_unknown(vcpu);
}
