/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Declarations shared by the files of arch/powerpc/kvm and nothing else.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _KVM_PPC_INTERNAL_H
#define _KVM_PPC_INTERNAL_H

#include <linux/kvm_host.h>
#include <asm/inst.h>
#include <asm/time.h>
#include <asm/kvm_ppc_regs.h>

/* The registers KVM_GET/SET_REGS carry; the GPRs and the PID come first. */
#define KVMPPC_NR_GPR_PID_IDS	33
#define KVMPPC_NR_CORE_IDS	(KVMPPC_NR_GPR_PID_IDS + 12)
extern const u64 kvmppc_core_ids[KVMPPC_NR_CORE_IDS];

u64 *kvmppc_reg_slot(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd);
int kvmppc_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n);
void kvmppc_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n);
void kvmppc_regs_reset_vm(struct kvm *kvm);
int kvmppc_get_reg_list(struct kvm_vcpu *vcpu, struct kvm_reg_list __user *ureg);
int kvmppc_reg_check_value(struct kvm_vcpu *vcpu,
			   const struct kvmppc_reg_desc *rd, u64 *val);

/**
 * kvmppc_guest_enter_irqoff() - the vCPU thread is about to run the guest
 * @vcpu: the vCPU, in KVM_RUN with its SRCU read lock held
 *
 * Called with interrupts disabled right before the L0 call (or, later, the
 * hardware entry) that runs the guest: drops the SRCU read lock, so that a
 * memslot change never waits for a guest time slice, and switches time
 * accounting and RCU/context tracking to the guest.
 */
static inline void kvmppc_guest_enter_irqoff(struct kvm_vcpu *vcpu)
	__releases(&vcpu->kvm->srcu)
{
	kvm_vcpu_srcu_read_unlock(vcpu);
	guest_timing_enter_irqoff();
	guest_state_enter_irqoff();
}

/**
 * kvmppc_guest_exit() - undo kvmppc_guest_enter_irqoff() after the guest ran
 * @vcpu: the vCPU
 *
 * Called with interrupts disabled, after guest_state_exit_irqoff() right
 * behind the call that ran the guest; returns with interrupts enabled and
 * the SRCU read lock held again.  Interrupts that arrived while the guest
 * ran are taken before the time accounting switches back, so that a tick
 * among them counts as guest time.
 *
 * The host's own tick needs help.  Whoever ran the guest had the
 * decrementer (the L0 switches it, v1 loads the guest's), so the
 * host's may come late, or (once the next entry loads the guest's
 * again) not at all; and one that came while soft-masked is replayed
 * inside irq_enter(), where tick-based accounting sees it as system
 * time.  So a due tick is made a real decrementer exception: a negative
 * DEC raises it at once, and enabling interrupts takes it.
 */
static inline void kvmppc_guest_exit(struct kvm_vcpu *vcpu)
	__acquires(&vcpu->kvm->srcu)
{
#ifdef CONFIG_PPC64
	hard_irq_disable();
	if ((local_paca->irq_happened & PACA_IRQ_DEC) ||
	    get_tb() >= timer_get_next_tb()) {
		local_paca->irq_happened &= ~PACA_IRQ_DEC;
		mtspr(SPRN_DEC, -1);
	}
#endif
	local_irq_enable();
	local_irq_disable();
	guest_timing_exit_irqoff();
	local_irq_enable();
	kvm_vcpu_srcu_read_lock(vcpu);
}

int kvmppc_mmio_start(struct kvm_vcpu *vcpu, u64 gpa, u64 ea, ppc_inst_t insn);
int kvmppc_mmio_source(struct kvm_vcpu *vcpu, ppc_inst_t insn, bool *fp);
int kvmppc_mmio_complete(struct kvm_vcpu *vcpu);
void kvmppc_hcall_init_vm(struct kvm *kvm);
int kvmppc_hcall_enable(struct kvm *kvm, unsigned long nr, unsigned long enable);
int kvmppc_hcall_load(struct kvm_vcpu *vcpu);
int kvmppc_hcall(struct kvm_vcpu *vcpu);
int kvmppc_hcall_complete(struct kvm_vcpu *vcpu);
enum hrtimer_restart kvmppc_dec_wakeup(struct hrtimer *timer);
u64 kvmppc_get_bytes(const u8 *p, unsigned int len, bool be);
void kvmppc_put_bytes(u8 *p, unsigned int len, bool be, u64 v);
int kvmppc_program_interrupt(struct kvm_vcpu *vcpu, u64 cause);
int kvmppc_sw_breakpoint(struct kvm_vcpu *vcpu, u64 insn);
int kvmppc_external_interrupt(struct kvm_vcpu *vcpu);
int kvmppc_machine_check_interrupt(struct kvm_vcpu *vcpu);
int kvmppc_dsi_interrupt(struct kvm_vcpu *vcpu, u64 dar, u32 dsisr);

/**
 * struct kvmppc_spr_access - a decoded mfspr or mtspr
 * @sprn: the SPR number
 * @reg: the GPR read (mtspr) or written (mfspr)
 * @write: mtspr
 */
struct kvmppc_spr_access {
	u16 sprn;
	u8 reg;
	bool write;
};

const struct kvmppc_reg_desc *kvmppc_find_spr(const struct kvm_vcpu *vcpu,
					      unsigned int sprn);
bool kvmppc_decode_spr_insn(u32 insn, struct kvmppc_spr_access *a);
int kvmppc_emulate_spr(struct kvm_vcpu *vcpu, const struct kvmppc_spr_access *a,
		       u64 fail_cause);
int kvmppc_spr_complete(struct kvm_vcpu *vcpu);
int kvmppc_spr_exit_enable(struct kvm *kvm, const struct kvm_enable_cap *cap);
int kvmppc_spr_filter_install(struct kvm *kvm, const u64 *read, const u64 *write);
int kvmppc_spr_set_filter(struct kvm *kvm, const void __user *argp);
void kvmppc_spr_destroy_vm(struct kvm *kvm);

#endif /* _KVM_PPC_INTERNAL_H */
