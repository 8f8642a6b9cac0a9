// SPDX-License-Identifier: GPL-2.0-only
/*
 * The register table (see asm/kvm_ppc_regs.h): its rows, the check made at
 * module init, lookup and reset.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/bsearch.h>
#include <linux/kvm_host.h>
#include <kunit/visibility.h>
#include <asm/dtl.h>
#include <asm/cputable.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/lppaca.h>

#include "kvm_ppc_internal.h"

/*
 * 128-bit registers cross ONE_REG as a host-endian 128-bit value: on a
 * little-endian host the low doubleword (VSR doubleword 1) comes first.
 */
static void u128_out(const u64 *dw, u64 *val)
{
	bool le = IS_ENABLED(CONFIG_CPU_LITTLE_ENDIAN);

	val[0] = dw[le];
	val[1] = dw[!le];
}

static void u128_in(const u64 *val, u64 *dw)
{
	bool le = IS_ENABLED(CONFIG_CPU_LITTLE_ENDIAN);

	dw[le] = val[0];
	dw[!le] = val[1];
}

/* Register @idx of a range row, in struct kvm_vcpu. */
static u64 *range_reg(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		      unsigned int idx)
{
	return (u64 *)((u8 *)vcpu + rd->off + idx * rd->stride);
}

/* A register of up to 64 bits (a 32-bit id sees the low word). */
static int get_mem(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   unsigned int idx, u64 *val)
{
	val[0] = *range_reg(vcpu, rd, idx);
	return 0;
}

static int set_mem(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   unsigned int idx, const u64 *val)
{
	*range_reg(vcpu, rd, idx) = val[0];
	return 0;
}

/* A 128-bit register: two doublewords, doubleword 0 first. */
static int get_u128(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		    unsigned int idx, u64 *val)
{
	u128_out(range_reg(vcpu, rd, idx), val);
	return 0;
}

static int set_u128(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		    unsigned int idx, const u64 *val)
{
	u128_in(val, range_reg(vcpu, rd, idx));
	return 0;
}

/*
 * The VPA and the SLB shadow and dispatch trace log buffers (a guest
 * registers them with H_REGISTER_VPA, which user space handles): an
 * address and a length each, with upstream's rules.  Addresses are cache
 * line aligned; a buffer needs the VPA, and the VPA cannot go while a
 * buffer is registered; the trace log holds whole entries.
 */
static unsigned int vpa_index(const struct kvmppc_reg_desc *rd, unsigned int idx)
{
	return (rd->off - offsetof(struct kvm_vcpu, arch.vpa)) /
	       sizeof(struct kvmppc_vpa) + idx;
}

static int get_vpa(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   unsigned int idx, u64 *val)
{
	const struct kvmppc_vpa *v = &vcpu->arch.vpa[vpa_index(rd, idx)];

	val[0] = v->addr;
	val[1] = v->len;
	return 0;
}

static int set_vpa(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   unsigned int idx, const u64 *val)
{
	struct kvmppc_vpa *vpa = vcpu->arch.vpa;
	unsigned int i = vpa_index(rd, idx);
	u64 addr = val[0], len = val[1];

	if (addr & (L1_CACHE_BYTES - 1))
		return -EINVAL;
	if (i == KVMPPC_VPA) {
		if (!addr && (vpa[KVMPPC_VPA_SLB].addr || vpa[KVMPPC_VPA_DTL].addr))
			return -EINVAL;
		len = sizeof(struct lppaca);
	} else if (addr && !vpa[KVMPPC_VPA].addr) {
		return -EINVAL;
	}
	if (i == KVMPPC_VPA_DTL && addr) {
		if (len < sizeof(struct dtl_entry))
			return -EINVAL;
		len -= len % sizeof(struct dtl_entry);
	}
	vpa[i].addr = addr;
	vpa[i].len = addr ? len : 0;
	return 0;
}

/* Logical PVRs the compatibility level may name, with what the host needs. */
static const struct {
	u32 pvr;
	unsigned long ftr;
} arch_compat_levels[] = {
	{ PVR_ARCH_205, CPU_FTR_ARCH_206 },
	{ PVR_ARCH_206, CPU_FTR_ARCH_206 },
	{ PVR_ARCH_206p, CPU_FTR_ARCH_206 },
	{ PVR_ARCH_207, CPU_FTR_ARCH_207S },
	{ PVR_ARCH_300, CPU_FTR_ARCH_300 },
	{ PVR_ARCH_31, CPU_FTR_ARCH_31 },
};

/* KVM_REG_PPC_ARCH_COMPAT: 0 (none) or a level the host can provide. */
int kvmppc_check_arch_compat(u64 *val)
{
	unsigned int i;

	if (!*val)
		return 0;
	for (i = 0; i < ARRAY_SIZE(arch_compat_levels); i++)
		if (arch_compat_levels[i].pvr == *val)
			/* Not a constant: cpu_has_feature() needs one. */
			return early_cpu_has_feature(arch_compat_levels[i].ftr) ?
			       0 : -EINVAL;
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_check_arch_compat);

/* The PVR a vCPU starts with: the host's (a guest sets a compat level). */
u64 kvmppc_host_pvr(void)
{
	return mfspr(SPRN_PVR);
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_host_pvr);

/*
 * The timebase offset applies to the upper 40 bits of the timebase only
 * (mttbu40): it is rounded up to a multiple of 2^24, as upstream does.
 */
int kvmppc_round_tb_offset(u64 *val)
{
	*val = ALIGN(*val, 1ULL << 24);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_round_tb_offset);

/* The rows, with the defaults asm/kvm_ppc_reg_table.h promises. */
#define KVMPPC_REG(_name, _sprn, ...)					\
	{ .name = #_name, .sprn = _sprn, .slot = KVMPPC_SPR_##_name,	\
	  .mask = ~0ULL, __VA_ARGS__ },
#define KVMPPC_RANGE(_name, ...)					\
	{ .name = #_name, .mask = ~0ULL, __VA_ARGS__ },
#define KVMPPC_ACCESS(_acc, _field, _stride)				\
	.off = offsetof(struct kvm_vcpu, arch._field), .stride = _stride, \
	.get = get_##_acc, .set = set_##_acc

const struct kvmppc_reg_desc kvmppc_regs[] = {
#include <asm/kvm_ppc_reg_table.h>
};

#undef KVMPPC_REG
#undef KVMPPC_RANGE
#undef KVMPPC_ACCESS
EXPORT_SYMBOL_GPL(kvmppc_regs);

const unsigned int kvmppc_nr_regs = ARRAY_SIZE(kvmppc_regs);
EXPORT_SYMBOL_GPL(kvmppc_nr_regs);

/* The table is sorted by register number: the id without its size field. */
static u64 reg_key(u64 id)
{
	return id & ~KVM_REG_SIZE_MASK;
}

static unsigned int reg_size(u64 id)
{
	return 1U << ((id & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT);
}

/**
 * kvmppc_regs_check() - check the invariants of a register table
 * @table: the rows
 * @n: how many
 * @bad_row: set to the index of the first bad row, if there is one
 * @why: set to what is wrong with it
 *
 * Rows must be powerpc ONE_REG ids of 4 or 8 bytes (16 with accessors),
 * strictly sorted by register number with no two rows covering the same
 * number, with distinct SPR numbers, a reset value inside the writable
 * mask, and either a storage slot or both accessors.  Only SPR rows with
 * a per-vCPU slot may be emulated for the guest (KVMPPC_REG_GUEST_R/W).
 *
 * Return: 0 if the table is sound, -EINVAL if not.
 */
int kvmppc_regs_check(const struct kvmppc_reg_desc *table, unsigned int n,
		      unsigned int *bad_row, const char **why)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		const struct kvmppc_reg_desc *rd = &table[i];
		const char *bad = NULL;

		if ((rd->id & KVM_REG_ARCH_MASK) != KVM_REG_PPC)
			bad = "not a powerpc ONE_REG id";
		else if (reg_size(rd->id) != 4 && reg_size(rd->id) != 8 &&
			 !(reg_size(rd->id) == 16 && rd->get))
			bad = "size is not 4 or 8 bytes (or 16 with accessors)";
		else if (i && reg_key(rd->id) < reg_key(table[i - 1].id) +
			 kvmppc_reg_count(&table[i - 1]))
			bad = "out of order or overlapping";
		else if (rd->reset & ~rd->mask)
			bad = "reset value outside the writable mask";
		else if (rd->reset && rd->get && rd->get != get_mem)
			bad = "reset value on a register wider than 64 bits";
		else if (rd->reset_fn && (rd->reset || rd->get))
			bad = "reset function with a reset value or accessors";
		else if (kvmppc_reg_internal(rd) &&
			 (rd->get || (rd->flags & KVMPPC_GUEST_RW)))
			bad = "internal register with accessors or guest access";
		else if (!rd->get && reg_size(rd->id) == 4 && rd->mask > U32_MAX)
			bad = "32-bit register with a 64-bit mask";
		else if (!rd->get != !rd->set)
			bad = "only one of get/set";
		else if (!rd->get && rd->slot >= KVMPPC_NR_SPRS)
			bad = "storage slot out of range";
		else if (!rd->flavours)
			bad = "no backend";
		else if ((rd->flags & KVMPPC_GUEST_RW) &&
			 (!rd->sprn || rd->get || (rd->flags & KVMPPC_REG_VM)))
			bad = "guest access to something that is not a vCPU SPR slot";
		else if ((rd->flags & KVMPPC_REG_GUEST_W) &&
			 (rd->flags & (KVMPPC_REG_RO | KVMPPC_REG_PRERUN)))
			bad = "guest writes a register user space cannot";
		else if (rd->v1_off && rd->v1_off + kvmppc_reg_count(rd) *
			 sizeof(u64) > sizeof(struct hv_guest_state))
			bad = "v1 field outside struct hv_guest_state";

		for (j = 0; !bad && rd->sprn && j < i; j++)
			if (table[j].sprn == rd->sprn)
				bad = "SPR number used twice";
		if (bad) {
			*bad_row = i;
			*why = bad;
			return -EINVAL;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_regs_check);

static int cmp_reg(const void *key, const void *elt)
{
	const struct kvmppc_reg_desc *rd = elt;
	u64 k = *(const u64 *)key, e = reg_key(rd->id);

	if (k < e)
		return -1;
	return k >= e + kvmppc_reg_count(rd);
}

/**
 * kvmppc_reg_gsid() - the guest state element of one register of a row
 * @rd: the row
 * @id: the register's ONE_REG id
 *
 * Return: its guest state element id, or 0 if it has none.
 */
u16 kvmppc_reg_gsid(const struct kvmppc_reg_desc *rd, u64 id)
{
	return rd->gsid ? rd->gsid + (reg_key(id) - reg_key(rd->id)) : 0;
}
EXPORT_SYMBOL_GPL(kvmppc_reg_gsid);

/* Rows of the core registers (KVM_REG_PPC_CORE + n), by n. */
static const struct kvmppc_reg_desc *core_rows[0x30] __ro_after_init;

/**
 * kvmppc_regs_init() - index the core registers' rows, for lookups on
 *	exit paths
 *
 * Called once at module init, after kvmppc_regs_check() accepted the
 * table; until then lookups search.
 */
void __init kvmppc_regs_init(void)
{
	unsigned int i, k;

	for (i = 0; i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];
		u64 n = reg_key(rd->id) - KVM_REG_PPC_CORE;

		for (k = 0; k < kvmppc_reg_count(rd); k++)
			if (n + k < ARRAY_SIZE(core_rows))
				core_rows[n + k] = rd;
	}
}

/**
 * kvmppc_find_reg_in() - look a register up by ONE_REG id in a table
 * @table: sorted rows
 * @n: how many
 * @id: the id; its size field is ignored
 *
 * Return: the row covering the same register number, or NULL.
 */
const struct kvmppc_reg_desc *kvmppc_find_reg_in(const struct kvmppc_reg_desc *table,
						 unsigned int n, u64 id)
{
	u64 key = reg_key(id);

	return bsearch(&key, table, n, sizeof(*table), cmp_reg);
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_find_reg_in);

/**
 * kvmppc_find_reg() - look a register up in the register table
 * @id: ONE_REG id; its size field is ignored
 *
 * Return: the row, or NULL if there is none.
 */
const struct kvmppc_reg_desc *kvmppc_find_reg(u64 id)
{
	u64 n = reg_key(id) - KVM_REG_PPC_CORE;

	/* The core registers are named on every exit: no search for them. */
	if (n < ARRAY_SIZE(core_rows) && core_rows[n])
		return core_rows[n];
	return kvmppc_find_reg_in(kvmppc_regs, kvmppc_nr_regs, id);
}
EXPORT_SYMBOL_GPL(kvmppc_find_reg);

/**
 * kvmppc_reg_on_host() - whether a backend has a register on this host
 * @rd: the row
 * @flavour: the backend (KVMPPC_HV, KVMPPC_PR, KVMPPC_BOOKE)
 *
 * The one visibility rule: the row is the backend's, and the processor
 * has the register (an ISA 3.1 register needs POWER10 or later).
 *
 * Return: true if it has.
 */
bool kvmppc_reg_on_host(const struct kvmppc_reg_desc *rd, u8 flavour)
{
	return (rd->flavours & flavour) &&
	       (!(rd->flags & KVMPPC_REG_ISA31) || cpu_has_feature(CPU_FTR_ARCH_31));
}
EXPORT_SYMBOL_GPL(kvmppc_reg_on_host);

/**
 * kvmppc_reg_visible() - whether a vCPU has a register
 * @vcpu: the vCPU
 * @rd: the row
 *
 * ONE_REG, KVM_GET_REG_LIST, reset and SPR emulation all ask this, so a
 * vCPU lists exactly the registers it has.
 *
 * Return: kvmppc_reg_on_host() for the backend the vCPU's VM runs on.
 */
bool kvmppc_reg_visible(const struct kvm_vcpu *vcpu,
			const struct kvmppc_reg_desc *rd)
{
	return kvmppc_reg_on_host(rd, vcpu->kvm->arch.ops->flavour);
}

/**
 * kvmppc_regs_load() - make registers current in vcpu->arch, through the
 *	backend, in one go
 * @vcpu: the vCPU
 * @ids: their ONE_REG ids (each must have a per-vCPU row)
 * @n: how many
 *
 * Return: 0, or the backend's negative errno.
 */
int kvmppc_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	return vcpu->kvm->arch.ops->regs_load(vcpu, ids, n);
}
EXPORT_SYMBOL_GPL(kvmppc_regs_load);

/**
 * kvmppc_regs_changed() - tell the backend registers changed in vcpu->arch
 * @vcpu: the vCPU
 * @ids: their ONE_REG ids (each must have a row)
 * @n: how many
 */
void kvmppc_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	vcpu->kvm->arch.ops->regs_changed(vcpu, ids, n);
}
EXPORT_SYMBOL_GPL(kvmppc_regs_changed);

/**
 * kvmppc_find_spr() - the register table row of an SPR number
 * @vcpu: the vCPU, for its backend
 * @sprn: the mtspr/mfspr number
 *
 * Return: the row of the vCPU's backend with that SPR number, or NULL if
 * there is none or the processor does not have the SPR (an ISA 3.1 SPR on
 * an older one).
 */
const struct kvmppc_reg_desc *kvmppc_find_spr(const struct kvm_vcpu *vcpu,
					      unsigned int sprn)
{
	unsigned int i;

	for (i = 0; sprn && i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		if (rd->sprn == sprn && kvmppc_reg_visible(vcpu, rd))
			return rd;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_find_spr);

/**
 * kvmppc_reg_slot() - where a table row's value lives
 * @vcpu: the vCPU
 * @rd: a row without accessors
 *
 * Return: a pointer into the vCPU's or (for guest-wide rows) the VM's
 * register state.
 */
u64 *kvmppc_reg_slot(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd)
{
	if (rd->flags & KVMPPC_REG_VM)
		return &vcpu->kvm->arch.spr[rd->slot];
	return &vcpu->arch.spr[rd->slot];
}

/**
 * kvmppc_regs_reset() - put every per-thread register of a new vCPU at its
 *	reset value
 * @vcpu: the vCPU, not yet visible to user space
 */
void kvmppc_regs_reset(struct kvm_vcpu *vcpu)
{
	unsigned int i;

	for (i = 0; i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		unsigned int k;

		if ((rd->flags & KVMPPC_REG_VM) || !kvmppc_reg_visible(vcpu, rd))
			continue;
		if (!rd->get) {
			vcpu->arch.spr[rd->slot] = rd->reset_fn ? rd->reset_fn() :
						   rd->reset;
			continue;
		}
		/* Accessor rows of up to 64 bits (a new vCPU is all zeroes). */
		for (k = 0; rd->reset && k < kvmppc_reg_count(rd); k++)
			*range_reg(vcpu, rd, k) = rd->reset;
	}
}

/**
 * kvmppc_regs_reset_vm() - put the guest-wide registers of a new VM at their
 *	reset values
 * @kvm: the VM, its backend already chosen
 */
void kvmppc_regs_reset_vm(struct kvm *kvm)
{
	unsigned int i;

	for (i = 0; i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		if (!rd->get && (rd->flags & KVMPPC_REG_VM) &&
		    (rd->flavours & kvm->arch.ops->flavour))
			kvm->arch.spr[rd->slot] = rd->reset;
	}
}
