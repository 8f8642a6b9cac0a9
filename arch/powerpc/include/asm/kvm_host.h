/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KVM host definitions for powerpc: the VM and vCPU state that the generic
 * KVM core (include/linux/kvm_host.h) embeds in struct kvm and kvm_vcpu.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _ASM_POWERPC_KVM_HOST_H
#define _ASM_POWERPC_KVM_HOST_H

#include <linux/hrtimer.h>
#include <linux/types.h>
#include <linux/kvm_types.h>
#include <linux/threads.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_regs.h>

#define KVM_MAX_VCPUS		NR_CPUS
#define KVM_MAX_VCPU_IDS	KVM_MAX_VCPUS

#define KVM_HALT_POLL_NS_DEFAULT	10000	/* 10 us */

/* Page of the vCPU mmap holding the coalesced MMIO ring. */
#define KVM_COALESCED_MMIO_PAGE_OFFSET	1

/* No in-kernel interrupt controller yet: keep the core's defaults. */
#define KVM_NR_IRQCHIPS		1
#define KVM_IRQCHIP_NUM_PINS	256

struct kvmppc_backend_ops;
struct kvmppc_spr_filter;

/**
 * struct kvm_vm_stat - per-VM binary statistics
 * @generic: the core's counters
 */
struct kvm_vm_stat {
	struct kvm_vm_stat_generic generic;
};

/**
 * struct kvm_vcpu_stat - per-vCPU binary statistics
 * @generic: the core's counters
 * @signal_exits: KVM_RUN returns because a signal was pending
 * @exits: guest exits of any kind
 * @hcall_exit_user: hcalls handed to user space (KVM_EXIT_PAPR_HCALL)
 * @hcall_exit_kernel: hcalls handled in the kernel
 * @mmio_exit_user: loads and stores handed to user space (KVM_EXIT_MMIO)
 * @mmio_exit_kernel: loads and stores done by a device on the MMIO bus
 * @page_faults: guest pages mapped on demand
 * @hdec_exits: the hypervisor decrementer ended a time slice
 * @other_exits: exits that needed nothing but a re-entry
 * @l0_run_vcpu: hcalls to the L0 that ran the vCPU
 * @l0_get_state: H_GUEST_GET_STATE calls made for this vCPU
 * @l0_set_state: H_GUEST_SET_STATE calls made for this vCPU
 * @l0_other: other hcalls to the L0 made for this vCPU
 * @spr_exit_user: trapped mtspr/mfspr handed to user space (KVM_EXIT_SPR)
 * @spr_emulated: trapped mtspr/mfspr done in the kernel
 */
struct kvm_vcpu_stat {
	struct kvm_vcpu_stat_generic generic;
	u64 signal_exits;
	u64 exits;
	u64 hcall_exit_user;
	u64 hcall_exit_kernel;
	u64 mmio_exit_user;
	u64 mmio_exit_kernel;
	u64 page_faults;
	u64 hdec_exits;
	u64 other_exits;
	u64 l0_run_vcpu;
	u64 l0_get_state;
	u64 l0_set_state;
	u64 l0_other;
	u64 spr_exit_user;
	u64 spr_emulated;
};

/**
 * struct kvm_arch_memory_slot - per-memslot backend state (none yet)
 */
struct kvm_arch_memory_slot {
};

/**
 * struct kvm_arch - per-VM powerpc state
 * @ops: the backend this VM runs on (HV or PR), fixed at KVM_CREATE_VM
 * @backend: backend private VM state
 * @spr: guest-wide register table state (rows flagged KVMPPC_REG_VM), e.g.
 *	the timebase offset and the compatibility level
 * @hcall_enabled: hcalls handled in the kernel, bit nr / 4
 * @spr_exit: KVM_PPC_SPR_EXIT_* reasons user space enabled
 * @spr_filter: trapped SPR accesses user space selected
 *	(KVM_PPC_SET_SPR_FILTER), or NULL
 * @ran: a vCPU of the VM has entered KVM_RUN (guest-wide registers that
 *	are settable only before the first run are refused from then on)
 * @fwnmi: user space handles the guest's machine checks
 *	(KVM_CAP_PPC_FWNMI): they leave KVM_RUN as KVM_EXIT_NMI
 * @dawr1_enabled: the guest may use the second watchpoint
 *	(KVM_CAP_PPC_DAWR1)
 */
struct kvm_arch {
	const struct kvmppc_backend_ops *ops;
	void *backend;
	u64 spr[KVMPPC_NR_SPRS];
	DECLARE_BITMAP(hcall_enabled, MAX_HCALL_OPCODE / 4 + 1);
	u64 spr_exit;
	struct kvmppc_spr_filter __rcu *spr_filter;
	bool ran;
	bool fwnmi;
	bool dawr1_enabled;
};

/**
 * struct kvmppc_core_regs - the user-visible register file of a vCPU
 * @gpr: general purpose registers
 * @nip: next instruction address
 * @msr: machine state register
 * @ctr: count register
 * @lr: link register
 * @xer: fixed-point exception register
 * @cr: condition register
 * @srr0: save/restore register 0
 * @srr1: save/restore register 1
 * @sprg: SPRG0-7 (Book3S has only 0-3; 4-7 are kept for KVM_SET_REGS)
 */
struct kvmppc_core_regs {
	u64 gpr[32];
	u64 nip;	/* nip..ctr in the order of their guest state ids */
	u64 msr;
	u64 lr;
	u64 xer;
	u64 ctr;
	u64 cr;
	u64 srr0;
	u64 srr1;
	u64 sprg[8];
};

/* Bits of vcpu->arch.irq. */
#define KVMPPC_IRQ_PENDING	0	/* an external interrupt is asserted */
#define KVMPPC_IRQ_LEVEL	1	/* ... and stays until KVM_INTERRUPT_UNSET */

/**
 * struct kvmppc_mmio - an emulated load or store in flight
 * @pending: a load waits for user space's data
 * @is_load: load (else store)
 * @fp: the register is an FPR (VSR doubleword 0), not a GPR
 * @sp_conv: single precision in memory, double in the register
 * @sign_extend: sign-extend the loaded value
 * @big_endian: the bytes in kvm_run->mmio.data are big-endian
 * @len: access size in bytes
 * @insn_len: instruction length (8 for a prefixed one)
 * @rt: target (load) or source (store) GPR
 * @update_reg: GPR an update form writes the address to, or -1
 * @ea: effective address, for the update form
 */
struct kvmppc_mmio {
	bool pending;
	bool is_load;
	bool fp;
	bool sp_conv;
	bool sign_extend;
	bool big_endian;
	u8 len;
	u8 insn_len;
	s8 rt;
	s8 update_reg;
	u64 ea;
};

/**
 * struct kvmppc_vpa - a per-processor area the guest registered
 * @addr: its guest real address, 0 for none
 * @len: its length in bytes
 */
struct kvmppc_vpa {
	u64 addr;
	u64 len;
};

/* Index into vcpu->arch.vpa[]: the VPA, the SLB shadow, the trace log. */
#define KVMPPC_VPA		0
#define KVMPPC_VPA_SLB		1
#define KVMPPC_VPA_DTL		2
#define KVMPPC_NR_VPAS		3

/**
 * struct kvmppc_spr_pending - an mtspr/mfspr user space is handling
 * @pending: KVM_EXIT_SPR was returned and not yet completed
 * @write: mtspr
 * @reg: the GPR an mfspr writes
 * @fail_cause: SRR1 cause bits for KVM_SPR_STATUS_FAIL
 */
struct kvmppc_spr_pending {
	bool pending;
	bool write;
	u8 reg;
	u64 fail_cause;
};

/**
 * struct kvm_vcpu_arch - per-vCPU powerpc state
 * @regs: GPRs, NIA, MSR and the branch/fixed-point SPRs
 * @vsr: VSR 0-63, doubleword 0 first (FPR n is doubleword 0 of VSR n;
 *	VR n is VSR 32 + n)
 * @fpscr: floating-point status and control register
 * @vscr: vector status and control register
 * @spr: every SPR the register table stores, indexed by enum kvmppc_spr
 * @irq: external interrupt line from KVM_INTERRUPT: KVMPPC_IRQ_PENDING,
 *	KVMPPC_IRQ_LEVEL
 * @mmio: the emulated load or store in flight
 * @spr_pending: the mtspr/mfspr handed to user space, if any
 * @hcall_pending: a KVM_EXIT_PAPR_HCALL waits for user space's return
 * @vpa: the guest's VPA, SLB shadow and dispatch trace log registrations
 *	(KVM_REG_PPC_VPA_*), kept for user space
 * @backend: backend private vCPU state
 * @ran: the vCPU has entered KVM_RUN at least once
 * @wake_timer: wakes the vCPU when its decrementer expires while it is
 *	ceded (H_CEDE)
 * @wake_timer_fired: ... and it did
 * @prodded: another vCPU called H_PROD on this one since its last cede
 */
struct kvm_vcpu_arch {
	struct kvmppc_core_regs regs;
	u64 vsr[64][2];
	u64 fpscr;
	u64 vscr;
	u64 spr[KVMPPC_NR_SPRS];
	unsigned long irq;
	struct kvmppc_mmio mmio;
	struct kvmppc_spr_pending spr_pending;
	bool hcall_pending;
	struct kvmppc_vpa vpa[KVMPPC_NR_VPAS];
	void *backend;
	bool ran;
	struct hrtimer wake_timer;
	bool wake_timer_fired;
	bool prodded;
};

static inline void kvm_arch_sync_events(struct kvm *kvm) {}
static inline void kvm_arch_memslots_updated(struct kvm *kvm, u64 gen) {}
static inline void kvm_arch_vcpu_blocking(struct kvm_vcpu *vcpu) {}
static inline void kvm_arch_vcpu_unblocking(struct kvm_vcpu *vcpu) {}

#endif /* _ASM_POWERPC_KVM_HOST_H */
