// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated loads and stores to guest real addresses no memslot backs: the
 * instruction is decoded with the kernel's analyse_instr(), the access is
 * offered to the in-kernel MMIO bus (ioeventfd, coalesced MMIO, in-kernel
 * devices) and otherwise leaves KVM_RUN as KVM_EXIT_MMIO; such a load
 * completes on the next KVM_RUN with the data user space left in
 * kvm_run->mmio.data.
 *
 * Data in kvm_run->mmio.data is in the order the bytes have in memory: a
 * little-endian guest's stw of 0x11223344 writes 44 33 22 11.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/unaligned.h>
#include <asm/reg.h>
#include <asm/sstep.h>

#include "kvm_ppc_internal.h"

static bool bytes_big_endian(const struct kvm_vcpu *vcpu, int type)
{
	bool le = vcpu->arch.regs.msr & MSR_LE;

	return !le ^ !!(type & BYTEREV);
}

/**
 * kvmppc_get_bytes() - a value of 1, 2, 4 or 8 bytes from memory
 * @p: the bytes
 * @len: how many (anything but 1, 2 or 4 is taken as 8)
 * @be: they are big-endian
 *
 * Return: the value.
 */
u64 kvmppc_get_bytes(const u8 *p, unsigned int len, bool be)
{
	switch (len) {
	case 1:
		return *p;
	case 2:
		return be ? get_unaligned_be16(p) : get_unaligned_le16(p);
	case 4:
		return be ? get_unaligned_be32(p) : get_unaligned_le32(p);
	default:
		return be ? get_unaligned_be64(p) : get_unaligned_le64(p);
	}
}

/**
 * kvmppc_put_bytes() - store a value as 1, 2, 4 or 8 bytes
 * @p: where
 * @len: how many (as kvmppc_get_bytes())
 * @be: big-endian
 * @v: the value; the bytes beyond @len are dropped
 */
void kvmppc_put_bytes(u8 *p, unsigned int len, bool be, u64 v)
{
	switch (len) {
	case 1:
		*p = v;
		break;
	case 2:
		if (be)
			put_unaligned_be16(v, p);
		else
			put_unaligned_le16(v, p);
		break;
	case 4:
		if (be)
			put_unaligned_be32(v, p);
		else
			put_unaligned_le32(v, p);
		break;
	default:
		if (be)
			put_unaligned_be64(v, p);
		else
			put_unaligned_le64(v, p);
		break;
	}
}

/* Load Floating-Point Single: single precision in memory to double. */
static u64 sp_to_dp(u32 w)
{
	u64 sign = (u64)(w >> 31) << 63, frac = w & 0x7fffff;
	u32 exp = (w >> 23) & 0xff;
	int e;

	if (exp == 0xff)
		return sign | (0x7ffULL << 52) | (frac << 29);
	if (exp) {
		e = exp - 127;
	} else {
		if (!frac)
			return sign;
		for (e = -126; !(frac & 0x800000); e--)
			frac <<= 1;
		frac &= 0x7fffff;
	}
	return sign | ((u64)(e + 1023) << 52) | (frac << 29);
}

/* Store Floating-Point Single: the ISA's bit selection, or denormalise. */
static u32 dp_to_sp(u64 d)
{
	u32 exp = (d >> 52) & 0x7ff;
	u64 frac;
	int e;

	if (exp > 896 || !(d << 1))
		return ((d >> 32) & 0xc0000000) | ((d >> 29) & 0x3fffffff);
	if (exp < 874)
		return (d >> 63) << 31;
	frac = BIT_ULL(52) | (d & (BIT_ULL(52) - 1));
	for (e = exp - 1023; e < -126; e++)
		frac >>= 1;
	return ((d >> 63) << 31) | ((frac >> 29) & 0x7fffff);
}

/* Tell the backend what an access wrote: its target, RA, NIA. */
static void regs_written(struct kvm_vcpu *vcpu, bool target)
{
	const struct kvmppc_mmio *m = &vcpu->arch.mmio;
	u64 ids[3];
	unsigned int n = 0;

	ids[n++] = KVM_REG_PPC_NIA;
	if (target)
		ids[n++] = m->fp ? KVM_REG_PPC_FPR(m->rt) : KVM_REG_PPC_GPR(m->rt);
	if (m->update_reg >= 0)
		ids[n++] = KVM_REG_PPC_GPR(m->update_reg);
	kvmppc_regs_changed(vcpu, ids, n);
}

/* Write a load's data to its target; NIA moves past the instruction. */
static void finish_load(struct kvm_vcpu *vcpu, const u8 *data)
{
	struct kvmppc_mmio *m = &vcpu->arch.mmio;
	u64 v;

	m->pending = false;
	v = kvmppc_get_bytes(data, m->len, m->big_endian);
	if (m->sp_conv)
		v = sp_to_dp(v);
	else if (m->sign_extend)
		v = sign_extend64(v, m->len * 8 - 1);
	if (m->fp)
		vcpu->arch.vsr[m->rt][0] = v;
	else
		vcpu->arch.regs.gpr[m->rt] = v;
	if (m->update_reg >= 0)
		vcpu->arch.regs.gpr[m->update_reg] = m->ea;
	vcpu->arch.regs.nip += m->insn_len;
	regs_written(vcpu, true);
}

/**
 * kvmppc_mmio_source() - the register whose value emulating an access needs
 * @vcpu: the vCPU; MSR current
 * @insn: the instruction
 * @fp: set if that register is an FPR (VSR doubleword 0)
 *
 * A store needs its source; a floating-point load needs the rest of the
 * VSR it writes half of.  A GPR load needs nothing: its address comes from
 * the fault.  Lets a backend fetch just that before kvmppc_mmio_start().
 *
 * Return: the register number, or -1 if none is needed.
 */
int kvmppc_mmio_source(struct kvm_vcpu *vcpu, ppc_inst_t insn, bool *fp)
{
	struct instruction_op op;
	struct pt_regs regs = {};
	int type;

	regs.msr = vcpu->arch.regs.msr;
	if (analyse_instr(&op, &regs, insn) != 0)
		return -1;
	type = GETTYPE(op.type);
	*fp = type == LOAD_FP || type == STORE_FP;
	return (*fp || type == STORE) ? op.reg : -1;
}
EXPORT_SYMBOL_GPL(kvmppc_mmio_source);

/**
 * kvmppc_mmio_start() - emulate a load or store to an unbacked address
 * @vcpu: the vCPU; NIA, MSR and the register kvmppc_mmio_source() names
 *	must be current
 * @gpa: the guest real address accessed
 * @ea: the effective address accessed (for the update forms)
 * @insn: the instruction at NIA
 *
 * The in-kernel MMIO bus is tried first; a device there completes the
 * access at once.  Otherwise a store is complete when this returns (the
 * data is in kvm_run, NIA is past the instruction, an update form has
 * written RA), and a load waits for kvmppc_mmio_complete().  Called under
 * the vCPU's SRCU read lock.
 *
 * Floating-point forms (lfd, stfd, lfs, stfs with their conversion,
 * lfiwax, lfiwzx, stfiwx, and the indexed and update forms) use FPR n,
 * doubleword 0 of VSR n, which must be current too.
 *
 * Registers it writes are reported to the backend (kvmppc_regs_changed()).
 *
 * Return: 1 if a device on the MMIO bus did the access; 0 with
 * kvm_run->exit_reason = KVM_EXIT_MMIO; -EOPNOTSUPP for an instruction
 * that is not a GPR or FPR load or store of 1, 2, 4 or 8 bytes (the
 * caller gives the guest a data storage interrupt).
 */
int kvmppc_mmio_start(struct kvm_vcpu *vcpu, u64 gpa, u64 ea, ppc_inst_t insn)
{
	struct kvmppc_mmio *m = &vcpu->arch.mmio;
	struct kvm_run *run = vcpu->run;
	struct instruction_op op;
	struct pt_regs regs = {};
	unsigned int len, type;
	u8 data[8] = {};
	u64 v;

	memcpy(regs.gpr, vcpu->arch.regs.gpr, sizeof(regs.gpr));
	regs.nip = vcpu->arch.regs.nip;
	regs.msr = vcpu->arch.regs.msr;
	if (analyse_instr(&op, &regs, insn) != 0)
		return -EOPNOTSUPP;
	type = GETTYPE(op.type);
	len = GETSIZE(op.type);
	if (type == LOAD_FP || type == STORE_FP) {
		if (len != 4 && len != 8)
			return -EOPNOTSUPP;
	} else if ((type != LOAD && type != STORE) ||
		   (len != 1 && len != 2 && len != 4 && len != 8)) {
		return -EOPNOTSUPP;
	}

	memset(m, 0, sizeof(*m));
	m->len = len;
	m->insn_len = GETLENGTH(op.type);
	m->rt = op.reg;
	m->update_reg = (op.type & UPDATE) ? op.update_reg : -1;
	m->ea = ea;
	m->sign_extend = op.type & SIGNEXT;
	m->big_endian = bytes_big_endian(vcpu, op.type);
	m->is_load = type == LOAD || type == LOAD_FP;
	m->fp = type == LOAD_FP || type == STORE_FP;
	m->sp_conv = m->fp && (op.type & FPCONV);

	if (m->is_load) {
		m->pending = true;
		if (!kvm_io_bus_read(vcpu, KVM_MMIO_BUS, gpa, len, data)) {
			finish_load(vcpu, data);
			vcpu->stat.mmio_exit_kernel++;
			return 1;
		}
	} else {
		if (!m->fp)
			v = vcpu->arch.regs.gpr[op.reg];
		else if (m->sp_conv)
			v = dp_to_sp(vcpu->arch.vsr[op.reg][0]);
		else
			v = vcpu->arch.vsr[op.reg][0];	/* stfiwx: the low word */
		kvmppc_put_bytes(data, len, m->big_endian, v);
		if (m->update_reg >= 0)
			vcpu->arch.regs.gpr[m->update_reg] = m->ea;
		vcpu->arch.regs.nip += m->insn_len;
		regs_written(vcpu, false);
		if (!kvm_io_bus_write(vcpu, KVM_MMIO_BUS, gpa, len, data)) {
			vcpu->stat.mmio_exit_kernel++;
			return 1;
		}
	}
	vcpu->stat.mmio_exit_user++;
	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = gpa;
	run->mmio.len = len;
	run->mmio.is_write = !m->is_load;
	memcpy(run->mmio.data, data, sizeof(run->mmio.data));
	return 0;
}
EXPORT_SYMBOL_GPL(kvmppc_mmio_start);

/**
 * kvmppc_mmio_complete() - finish a load with the data user space supplied
 * @vcpu: the vCPU re-entering KVM_RUN after KVM_EXIT_MMIO
 *
 * The target register (GPR, or FPR for the floating-point forms), RA for
 * an update form, and NIA are written and reported to the backend.
 *
 * Return: 0 (also when no load was pending).
 */
int kvmppc_mmio_complete(struct kvm_vcpu *vcpu)
{
	if (vcpu->arch.mmio.pending)
		finish_load(vcpu, vcpu->run->mmio.data);
	return 0;
}
