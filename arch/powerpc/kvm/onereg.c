// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET_ONE_REG, KVM_SET_ONE_REG and KVM_GET_REG_LIST, all derived from
 * the register table.
 *
 * Errors: -ENOENT for an id the vCPU does not have, -EINVAL for a wrong size
 * or a value the register cannot hold, -EFAULT for a bad user pointer,
 * -EBUSY for state that cannot change once the vCPU has run.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/time.h>
#include <linux/uaccess.h>
#include <asm/cputable.h>
#include <asm/reg.h>
#include <asm/kvm_ppc_backend.h>

#include "kvm_ppc_internal.h"

static unsigned int id_size(u64 id)
{
	return 1U << ((id & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT);
}

/**
 * kvmppc_reg_check_value() - whether a register may take a value
 * @vcpu: the vCPU
 * @rd: the row
 * @val: the value, already masked for KVMPPC_REG_MASKED rows; on success,
 *	in the form the register keeps (the timebase offset is rounded up)
 *
 * Return: 0 if it may, -EINVAL if the value is not one the register can
 * hold, -EBUSY if the register is fixed once the vCPU has run and the value
 * differs from the current one.
 */
int kvmppc_reg_check_value(struct kvm_vcpu *vcpu,
			   const struct kvmppc_reg_desc *rd, u64 *val)
{
	u64 cur = READ_ONCE(*kvmppc_reg_slot(vcpu, rd));
	int r;

	if (*val & ~rd->mask)
		return -EINVAL;
	if (rd->check) {
		r = rd->check(val);
		if (r)
			return r;
	}
	if (rd->flags & KVMPPC_REG_RO)
		return *val == cur ? 0 : -EINVAL;
	if ((rd->flags & KVMPPC_REG_PRERUN) && *val != cur &&
	    ((rd->flags & KVMPPC_REG_VM) ? READ_ONCE(vcpu->kvm->arch.ran) :
					    vcpu->arch.ran))
		return -EBUSY;
	return 0;
}

/*
 * Find the row for @id and check the size the id carries.  A 32-bit id of
 * a KVMPPC_REG_ALIAS32 row reaches the low word (*@low32 is set).
 */
static const struct kvmppc_reg_desc *lookup(struct kvm_vcpu *vcpu, u64 id,
					    bool *low32, int *err)
{
	const struct kvmppc_reg_desc *rd;

	*err = -ENOENT;
	if ((id & KVM_REG_ARCH_MASK) != KVM_REG_PPC)
		return NULL;
	rd = kvmppc_find_reg(id);
	if (!rd || kvmppc_reg_internal(rd) || !kvmppc_reg_visible(vcpu, rd))
		return NULL;
	*low32 = false;
	if (id_size(id) != id_size(rd->id)) {
		*err = -EINVAL;
		if (!(rd->flags & KVMPPC_REG_ALIAS32) || id_size(id) != 4)
			return NULL;
		*low32 = true;
	}
	*err = 0;
	return rd;
}

static unsigned int reg_index(const struct kvmppc_reg_desc *rd, u64 id)
{
	return (id & ~KVM_REG_SIZE_MASK) - (rd->id & ~KVM_REG_SIZE_MASK);
}

/* The value of register @id of row @rd: val[0], or val[0..1] for 128 bits. */
static int read_reg(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		    u64 id, u64 *val)
{
	int r = kvmppc_regs_load(vcpu, &id, 1);

	if (r)
		return r;
	if (rd->get)
		return rd->get(vcpu, rd, reg_index(rd, id), val);
	val[0] = READ_ONCE(*kvmppc_reg_slot(vcpu, rd));
	return 0;
}

/**
 * kvmppc_get_one_reg() - KVM_GET_ONE_REG
 * @vcpu: the vCPU
 * @reg: id and user address, from user space
 *
 * Return: 0 on success, or -ENOENT, -EINVAL or -EFAULT (see above).
 */
int kvmppc_get_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	const struct kvmppc_reg_desc *rd;
	void __user *uaddr = u64_to_user_ptr(reg->addr);
	u64 val[2] = {};
	bool low32;
	u32 v32;
	int r;

	rd = lookup(vcpu, reg->id, &low32, &r);
	if (!rd)
		return r;
	r = read_reg(vcpu, rd, reg->id, val);
	if (r)
		return r;
	if (id_size(reg->id) == 4) {
		v32 = val[0];
		return copy_to_user(uaddr, &v32, sizeof(v32)) ? -EFAULT : 0;
	}
	return copy_to_user(uaddr, val, id_size(reg->id)) ? -EFAULT : 0;
}

/*
 * A vCPU's decrementer expiry starts at 0, as upstream's: expired.  User
 * space that sets the timebase offset and not the expiry (QEMU, which
 * does not migrate it) gets an expiry of "now" in the new timebase, so
 * that the guest takes one decrementer interrupt and sets its DEC again,
 * rather than one at a time that means nothing in that timebase.
 */
static void dec_follows_tb(struct kvm_vcpu *vcpu)
{
	static const u64 id = KVM_REG_PPC_DEC_EXPIRY;
	const struct kvmppc_reg_desc *rd = kvmppc_find_reg(id);
	u64 *exp = &vcpu->arch.spr[KVMPPC_SPR_DEC_EXPIRY];

	if (!rd || !kvmppc_reg_visible(vcpu, rd) ||
	    kvmppc_regs_load(vcpu, &id, 1) || *exp)
		return;
	*exp = get_tb() + READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	kvmppc_regs_changed(vcpu, &id, 1);
}

/**
 * kvmppc_set_one_reg() - KVM_SET_ONE_REG
 * @vcpu: the vCPU
 * @reg: id and user address, from user space
 *
 * Return: 0 on success, or -ENOENT, -EINVAL, -EFAULT or -EBUSY (see above).
 */
int kvmppc_set_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	const struct kvmppc_reg_desc *rd;
	void __user *uaddr = u64_to_user_ptr(reg->addr);
	u64 val[2] = {}, cur[2];
	bool low32;
	u32 v32;
	int r;

	rd = lookup(vcpu, reg->id, &low32, &r);
	if (!rd)
		return r;
	if (id_size(reg->id) == 4) {
		if (copy_from_user(&v32, uaddr, sizeof(v32)))
			return -EFAULT;
		val[0] = v32;
	} else if (copy_from_user(val, uaddr, id_size(reg->id))) {
		return -EFAULT;
	}
	if (low32) {
		r = read_reg(vcpu, rd, reg->id, cur);
		if (r)
			return r;
		val[0] |= cur[0] & ~(u64)U32_MAX;
	}
	if (rd->set) {
		/* Half a VSR may change: the other half must be current. */
		r = kvmppc_regs_load(vcpu, &reg->id, 1);
		if (!r)
			r = rd->set(vcpu, rd, reg_index(rd, reg->id), val);
		if (!r)
			kvmppc_regs_changed(vcpu, &reg->id, 1);
		return r;
	}
	if (rd->flags & KVMPPC_REG_MASKED)
		val[0] &= rd->mask;
	r = kvmppc_reg_check_value(vcpu, rd, &val[0]);
	if (r)
		return r;
	WRITE_ONCE(*kvmppc_reg_slot(vcpu, rd), val[0]);
	kvmppc_regs_changed(vcpu, &reg->id, 1);
	if (reg->id == KVM_REG_PPC_TB_OFFSET)
		dec_follows_tb(vcpu);
	return 0;
}

/* Count the registers of @vcpu and, if @uids is not NULL, copy their ids. */
static int walk_regs(struct kvm_vcpu *vcpu, u64 __user *uids)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];
		unsigned int k;

		if (kvmppc_reg_internal(rd) || !kvmppc_reg_visible(vcpu, rd))
			continue;
		for (k = 0; k < kvmppc_reg_count(rd); k++, n++)
			if (uids && put_user(rd->id + k, uids++))
				return -EFAULT;
	}
	return n;
}

/**
 * kvmppc_get_reg_list() - KVM_GET_REG_LIST
 * @vcpu: the vCPU
 * @ureg: struct kvm_reg_list in user memory
 *
 * Return: 0 with the ids copied out; -E2BIG with ureg->n set to the number
 * needed if the caller's array is too small; -EFAULT for a bad pointer.
 */
int kvmppc_get_reg_list(struct kvm_vcpu *vcpu, struct kvm_reg_list __user *ureg)
{
	u64 n, want = walk_regs(vcpu, NULL);
	int r;

	if (get_user(n, &ureg->n))
		return -EFAULT;
	if (put_user(want, &ureg->n))
		return -EFAULT;
	if (n < want)
		return -E2BIG;
	r = walk_regs(vcpu, ureg->reg);
	return r < 0 ? r : 0;
}
