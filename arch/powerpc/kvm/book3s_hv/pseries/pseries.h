/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Book3S HV as an L1 hypervisor on pseries: the two ways to have the L0
 * run guests (the PAPR nested v2 API and the v1 API).  The only place that
 * knows guest state element ids or makes L0 calls.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _KVM_PPC_BOOK3S_HV_PSERIES_H
#define _KVM_PPC_BOOK3S_HV_PSERIES_H

#include <linux/bitmap.h>
#include <asm/hvcall.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/kvm_ppc_regs.h>

#include "../hv.h"

/* Most vCPU state elements the v2 state cache tracks. */
#define KVMHV_MAX_ELEMS		192

/**
 * struct kvmhv_v2_vcpu - a vCPU under nested v2
 * @l0_id: the vCPU's id at the L0 (creation order: the L0 wants 0, 1, ...)
 * @created: the L0 knows the vCPU
 * @run_in: run input buffer (registered with the L0)
 * @run_out: run output buffer (registered with the L0)
 * @run_in_size: its size
 * @run_out_size: its size
 * @slice_at: offset in the run input of the time slice's value
 * @valid: state elements whose value in vcpu->arch is current
 * @dirty: state elements changed in vcpu->arch that the L0 has not seen
 * @exit_tb: the L1's timebase when the last run returned
 * @dec_stale: the L0 keeps a wrong decrementer expiry since that run,
 *	which must be read, put right and sent before the next
 */
struct kvmhv_v2_vcpu {
	u32 l0_id;
	bool created;
	bool dec_stale;
	u64 exit_tb;
	void *run_in;
	void *run_out;
	size_t run_in_size;
	size_t run_out_size;
	size_t slice_at;
	DECLARE_BITMAP(valid, KVMHV_MAX_ELEMS);
	DECLARE_BITMAP(dirty, KVMHV_MAX_ELEMS);
};

static inline struct kvmhv_v2_vcpu *to_v2_vcpu(struct kvm_vcpu *vcpu)
{
	return to_hv_vcpu(vcpu)->plat;
}

/* The v1 partition table: 2^12 entries of 16 bytes (LPIDs 1..4095). */
#define KVMHV_V1_PTB_ORDER	12

/**
 * struct kvmhv_v1_state - a vCPU under nested v1: what H_ENTER_NESTED reads
 *	and writes back
 * @hs: hypervisor state of the vCPU
 * @regs: its registers
 * @fp: the guest's FP and VSX state (the L0 runs the guest on the L1's)
 * @vr: the guest's VMX state
 * @host_spr: the L1's own values of the SPRs switched around the call
 * @host_pmu_inuse: the L1's lppaca pmcregs_in_use, likewise
 */
struct kvmhv_v1_state {
	struct hv_guest_state hs;
	struct pt_regs regs;
	struct thread_fp_state fp;
	struct thread_vr_state vr;
	u64 host_spr[KVMPPC_NR_SPRS];
	u8 host_pmu_inuse;
};

static inline struct kvmhv_v1_state *to_v1_vcpu(struct kvm_vcpu *vcpu)
{
	return to_hv_vcpu(vcpu)->plat;
}

/* l0.c */
int kvmhv_errno(long rc);
long kvmhv_l0_call(struct kvm_vcpu *vcpu, unsigned long nr,
		   unsigned long *ret, unsigned long a0, unsigned long a1,
		   unsigned long a2, unsigned long a3, unsigned long a4);
void kvmhv_l0_count(struct kvm_vcpu *vcpu, unsigned long nr);
u64 kvmhv_tb_to_l1(struct kvm_vcpu *vcpu, u64 t);
extern bool kvmhv_l0_is_qemu;
void kvmhv_l0_probe(void);
u64 kvmhv_slice_end(void);
bool kvmhv_timer_due(void);
int kvmhv_pseries_cpu_char(struct kvm_ppc_cpu_char *cc);

/* v2_state.c */
int kvmhv_state_init(void);
void kvmhv_state_all_dirty(struct kvm_vcpu *vcpu);
void kvmhv_state_dirty(struct kvm_vcpu *vcpu, const u16 *gsids, unsigned int n);
int kvmhv_state_load(struct kvm_vcpu *vcpu, const u16 *gsids, unsigned int n);
void kvmhv_state_slice(struct kvm_vcpu *vcpu);
void kvmhv_state_preflip_host_dec(void);
int kvmhv_state_fill_run_input(struct kvm_vcpu *vcpu);
int kvmhv_state_take_run_output(struct kvm_vcpu *vcpu);
int kvmhv_state_fix_dec(struct kvm_vcpu *vcpu);
int kvmhv_push_wide_state(struct kvm *kvm);

/* v1_spr.c */
void kvmhv_v1_spr_init(void);
void kvmhv_v1_load_sprs(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st);
void kvmhv_v1_put_sprs(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st);

#endif /* _KVM_PPC_BOOK3S_HV_PSERIES_H */
