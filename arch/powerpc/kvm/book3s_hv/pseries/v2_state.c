// SPDX-License-Identifier: GPL-2.0-only
/*
 * The nested-v2 state cache.  vcpu->arch holds every tracked element of
 * vCPU state; two bitmaps say which values are current (valid) and which
 * the L0 has not seen yet (dirty).
 *
 *   - After a run, only what the L0 put in the run output buffer is valid.
 *   - Whoever changes state marks it dirty; dirty state rides in the next
 *     run input buffer, so it costs no extra hcall.
 *   - Whoever reads state first loads it; only invalid elements are
 *     fetched, in one H_GUEST_GET_STATE.
 *
 * The elements are every register of every register table row that has a
 * guest state id: adding a row there adds it here.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_gsb.h>
#include <asm/kvm_ppc_regs.h>
#include <asm/reg.h>
#include <asm/time.h>
#include <linux/unaligned.h>

#include "pseries.h"

/**
 * struct kvmhv_elem - one tracked element
 * @gsid: guest state element id
 * @size: its size in the buffer (4, 8, or 16 for a VSR: two u64s)
 * @off: offset of its (first) u64 in struct kvm_vcpu
 * @rd: the register table row it comes from (its run bits, mask, flags)
 */
struct kvmhv_elem {
	u16 gsid;
	u16 size;
	u32 off;
	const struct kvmppc_reg_desc *rd;
};

static struct kvmhv_elem elems[KVMHV_MAX_ELEMS];
static unsigned int nr_elems;
/* Index of the decrementer expiry. */
static int dec_idx;
/*
 * QEMU as the L0 (through 10.0 at least) keeps a vCPU's decrementer expiry
 * with the sign of the DEC flipped when the vCPU exits: exit time - DEC
 * instead of + DEC, which it loads into DEC at the next entry, so the
 * guest would take a decrementer interrupt after every exit.  Under such
 * an L0 the expiry is read back after each run, with the next read the
 * exit makes anyway if it makes one, put right and sent with the next run
 * (kvmhv_v2_vcpu.dec_stale).
 */
static bool l0_flips_dec;

#define VCPU_OFF(field)	offsetof(struct kvm_vcpu, arch.field)

static bool have_elem(u16 gsid)
{
	unsigned int i;

	for (i = 0; i < nr_elems; i++)
		if (elems[i].gsid == gsid)
			return true;
	return false;
}

static int add_elem(u16 gsid, u32 off, const struct kvmppc_reg_desc *rd)
{
	const struct kvmppc_gsid_desc *d = kvmppc_gsid_lookup(gsid);

	if (!d || (d->size != 4 && d->size != 8 && d->size != 16) ||
	    nr_elems == KVMHV_MAX_ELEMS)
		return -EINVAL;
	elems[nr_elems++] = (struct kvmhv_elem){ gsid, d->size, off, rd };
	return 0;
}

static int cmp_elem(const void *a, const void *b)
{
	return ((const struct kvmhv_elem *)a)->gsid -
	       ((const struct kvmhv_elem *)b)->gsid;
}

/* Element of each id (by kvmppc_gsid_index()), plus one; 0: not tracked. */
static u8 elem_at[KVMPPC_GSID_INDEX_MAX];

static_assert(KVMHV_MAX_ELEMS < U8_MAX);

static int elem_index(u16 gsid)
{
	int i = kvmppc_gsid_index(gsid);

	return i < 0 ? -1 : (int)elem_at[i] - 1;
}

/**
 * kvmhv_state_init() - build the element list from the register table
 *
 * Return: 0, or -EINVAL if an id is unknown to the guest state buffer
 * table or there are more than KVMHV_MAX_ELEMS elements.
 */
int kvmhv_state_init(void)
{
	unsigned int i, k;
	int r = 0;

	nr_elems = 0;
	for (i = 0; i < kvmppc_nr_regs && !r; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		if (!rd->gsid || (rd->flags & KVMPPC_REG_VM) ||
		    !kvmppc_reg_on_host(rd, KVMPPC_HV))
			continue;
		for (k = 0; k < kvmppc_reg_count(rd) && !r; k++) {
			/* FPR n is half of VSR n: one element serves both rows. */
			if (have_elem(rd->gsid + k))
				continue;
			r = add_elem(rd->gsid + k, rd->get ?
				     rd->off + k * rd->stride :
				     VCPU_OFF(spr[rd->slot]), rd);
		}
	}
	if (r)
		return r;
	sort(elems, nr_elems, sizeof(elems[0]), cmp_elem, NULL);
	memset(elem_at, 0, sizeof(elem_at));
	for (i = 0; i < nr_elems; i++) {
		int k = kvmppc_gsid_index(elems[i].gsid);

		if (k < 0 || elem_at[k])
			return -EINVAL;
		elem_at[k] = i + 1;
	}
	dec_idx = elem_index(KVMPPC_GSID_DEC_EXPIRY_TB);
	l0_flips_dec = kvmhv_l0_is_qemu;
	return dec_idx < 0 ? -EINVAL : 0;
}

static u64 *elem_ptr(struct kvm_vcpu *vcpu, unsigned int i)
{
	return (u64 *)((u8 *)vcpu + elems[i].off);
}

/**
 * kvmhv_state_all_dirty() - everything in vcpu->arch is current and new
 * @vcpu: the vCPU, at creation (before the L0 has seen any of it)
 */
void kvmhv_state_all_dirty(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);

	bitmap_fill(v2->valid, nr_elems);
	bitmap_fill(v2->dirty, nr_elems);
}

/**
 * kvmhv_state_dirty() - note that state in vcpu->arch changed
 * @vcpu: the vCPU
 * @gsids: the elements
 * @n: how many
 *
 * Only what changed becomes dirty: marking an element whose value in
 * vcpu->arch is stale would hand the L0 the stale value.
 */
void kvmhv_state_dirty(struct kvm_vcpu *vcpu, const u16 *gsids, unsigned int n)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	unsigned int i;
	int idx;

	for (i = 0; i < n; i++) {
		idx = elem_index(gsids[i]);
		if (idx >= 0) {
			__set_bit(idx, v2->valid);
			__set_bit(idx, v2->dirty);
		}
		/* A new expiry replaces whatever the L0 keeps. */
		if (idx == dec_idx)
			v2->dec_stale = false;
	}
}

/*
 * The expiry an L0 that flips it keeps: exit time - DEC.  With a 32-bit
 * decrementer (the guest's LPCR[LD] clear) QEMU takes the DEC unsigned,
 * so one that had gone negative (an interrupt due) comes back about 2^32
 * ticks off: take the DEC at the exit as 32 bits then, and put the
 * expiry right, in the past for an interrupt due.  Our exit time is a
 * little later than the L0's, so a DEC near its largest, 0x7fffffff,
 * can come out above it: only the top quarter of the 32-bit range, more
 * than 2^30 ticks, is read as negative (a guest more than a second late
 * to take its interrupt is not one to expect).  With the large
 * decrementer, a flipped expiry in the past is a DEC that had time left;
 * one in the future is taken as it is: on this QEMU that delays an
 * interrupt already due by as long as it was due, and so would flipping
 * it on a QEMU that does not flip.
 */
static u64 unflip_dec(struct kvm_vcpu *vcpu, u64 v)
{
	u64 exit_tb = to_v2_vcpu(vcpu)->exit_tb;
	u32 dec = exit_tb - v;

	if (!(vcpu->arch.spr[KVMPPC_SPR_LPCR] & LPCR_LD))
		return exit_tb + (dec >= 0xc0000000 ? (s64)(s32)dec : (s64)dec);
	if ((s64)(v - exit_tb) < 0)
		return 2 * exit_tb - v;
	return v;
}

static int take_elem(const struct kvmppc_gse *e, void *arg)
{
	struct kvm_vcpu *vcpu = arg;
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	int idx = e->index < KVMPPC_GSID_INDEX_MAX ? elem_at[e->index] - 1 : -1;
	struct kvmhv_vcpu *hv;

	if (idx >= 0 && e->size == 16) {
		elem_ptr(vcpu, idx)[0] = kvmppc_gse_u64(e);
		elem_ptr(vcpu, idx)[1] = get_unaligned_be64((const u8 *)e->data + 8);
		__set_bit(idx, v2->valid);
		return 0;
	}
	if (idx >= 0) {
		const struct kvmppc_reg_desc *rd = elems[idx].rd;
		u64 v = kvmppc_gse_value(e) & rd->mask;

		if (idx == dec_idx && l0_flips_dec) {
			v = unflip_dec(vcpu, v);
			v2->dec_stale = false;
			__set_bit(idx, v2->dirty);
		}
		if (rd->flags & KVMPPC_REG_GUEST_TB)
			v += READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
		*elem_ptr(vcpu, idx) = v;
		__set_bit(idx, v2->valid);
		return 0;
	}
	hv = to_hv_vcpu(vcpu);
	switch (e->id) {
	case KVMPPC_GSID_HDSISR:
		hv->hdsisr = kvmppc_gse_u32(e);
		break;
	case KVMPPC_GSID_ASDR:
		hv->asdr = kvmppc_gse_u64(e);
		break;
	case KVMPPC_GSID_HEIR:
		hv->heir = kvmppc_gse_u32(e);
		break;
	case KVMPPC_GSID_HDAR:
		hv->hdar = kvmppc_gse_u64(e);
		break;
	default:
		break;
	}
	return 0;
}

/**
 * kvmhv_state_load() - make state in vcpu->arch current
 * @vcpu: the vCPU
 * @gsids: the elements needed
 * @n: how many
 *
 * Fetches, in one H_GUEST_GET_STATE, the ones that are not valid.  The
 * request is built in the run input buffer: the L0 reads that only during
 * H_GUEST_RUN_VCPU, and it is filled afresh before each run, so between
 * runs it is free, and an exit path allocates nothing.
 *
 * Return: 0, or a negative errno if the L0 refused.
 */
int kvmhv_state_load(struct kvm_vcpu *vcpu, const u16 *gsids, unsigned int n)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	DECLARE_BITMAP(want, KVMHV_MAX_ELEMS);
	size_t cap = v2->run_in_size;
	void *buf = v2->run_in;
	struct kvmppc_gsb gsb;
	unsigned int i;
	u32 bad;
	long rc;
	int r;

	if (!v2->created)
		return 0;	/* nothing has run: vcpu->arch is all there is */
	/* The run input buffer is the vCPU's: only its ioctls use it. */
	lockdep_assert_held(&vcpu->mutex);
	/* The common case on an exit path: all there already, no call. */
	for (i = 0; i < n; i++) {
		int idx = elem_index(gsids[i]);

		if (idx >= 0 && !test_bit(idx, v2->valid))
			break;
	}
	if (i == n)
		return 0;
	bitmap_zero(want, nr_elems);
	for (; i < n; i++) {
		int idx = elem_index(gsids[i]);

		if (idx >= 0 && !test_bit(idx, v2->valid))
			__set_bit(idx, want);
	}
	/* A call is made: the stale decrementer expiry rides along. */
	if (v2->dec_stale)
		__set_bit(dec_idx, want);

	kvmppc_gsb_init(&gsb, buf, cap);
	for_each_set_bit(i, want, nr_elems) {
		r = kvmppc_gsb_put_id(&gsb, elems[i].gsid);
		if (r)
			return r;
	}
	rc = kvmhv_l0_call(vcpu, H_GUEST_GET_STATE, ret, 0, hvm->guest_id,
			   v2->l0_id, __pa(buf), cap);
	r = kvmhv_errno(rc);
	if (r) {
		pr_err_ratelimited("kvm-ppc: H_GUEST_GET_STATE failed: rc=%ld element %lu\n",
				   rc, ret[0]);
		return r;
	}
	return kvmppc_gsb_parse(buf, cap, KVMPPC_GSF_VCPU, take_elem, vcpu, &bad);
}

/**
 * kvmhv_state_fill_run_input() - put dirty state in the run input buffer
 * @vcpu: the vCPU about to run
 *
 * Return: 0, or -ENOSPC if the buffer cannot hold it (cannot happen with a
 * page-sized buffer and KVMHV_MAX_ELEMS elements).
 */
int kvmhv_state_fill_run_input(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	struct kvmppc_gsb gsb;
	unsigned int i;
	int r;

	kvmppc_gsb_init(&gsb, v2->run_in, v2->run_in_size);
	for_each_set_bit(i, v2->dirty, nr_elems) {
		const struct kvmppc_reg_desc *rd = elems[i].rd;
		u64 v = kvmppc_reg_run_value(rd, *elem_ptr(vcpu, i));

		if (rd->flags & KVMPPC_REG_GUEST_TB)
			v = kvmhv_tb_to_l1(vcpu, v);
		if (elems[i].size == 16)
			r = kvmppc_gsb_put_u64s(&gsb, elems[i].gsid, elem_ptr(vcpu, i), 2);
		else if (elems[i].size == 4)
			r = kvmppc_gsb_put_u32(&gsb, elems[i].gsid, v);
		else
			r = kvmppc_gsb_put_u64(&gsb, elems[i].gsid, v);
		if (r)
			return r;
	}
	/*
	 * The decrementer expiry is not sent unless it changed: the guest
	 * sets its DEC without exiting, so the L0 has the live value (but
	 * see l0_flips_dec).
	 */
	/* The time slice, set right before the call: kvmhv_state_slice(). */
	v2->slice_at = gsb.len + KVMPPC_GSE_HDR_SIZE;
	r = kvmppc_gsb_put_u64(&gsb, KVMPPC_GSID_HDEC_EXPIRY_TB, 0);
	if (r)
		return r;
	bitmap_zero(v2->dirty, nr_elems);
	return 0;
}

/**
 * kvmhv_state_take_run_output() - absorb what the L0 returned after a run
 * @vcpu: the vCPU that exited
 *
 * Return: 0, or the parser's error for a malformed output buffer.
 */
int kvmhv_state_take_run_output(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	u32 bad;
	int r;

	bitmap_zero(v2->valid, nr_elems);
	r = kvmppc_gsb_parse(v2->run_out, v2->run_out_size, KVMPPC_GSF_VCPU,
			     take_elem, vcpu, &bad);
	if (r)
		pr_err_ratelimited("kvm-ppc: malformed run output buffer: %d at element %u\n",
				   r, bad);
	if (l0_flips_dec && !test_bit(dec_idx, v2->valid))
		v2->dec_stale = true;
	return r;
}

/**
 * kvmhv_state_slice() - set the time slice in the run input buffer
 * @vcpu: the vCPU about to run, its run input filled
 *
 * When the L0 hands the vCPU back at the latest (kvmhv_slice_end()), read
 * as late as can be: an entry that waited for a timer would otherwise
 * send a slice end already past.
 *
 * Context: interrupts disabled, right before the call.
 */
void kvmhv_state_slice(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);

	put_unaligned_be64(kvmhv_slice_end(), (u8 *)v2->run_in + v2->slice_at);
}

/**
 * kvmhv_state_preflip_host_dec() - before H_GUEST_RUN_VCPU, set the L1's
 *	own DEC so that an L0 that flips it gives it back right
 *
 * QEMU flips the L1's decrementer across the run as it flips the guest's
 * (see l0_flips_dec): it keeps entry time - DEC and, at the exit, loads
 * that minus the exit time.  Every run would end with the L1's DEC
 * negative: a decrementer interrupt for nothing after each exit, and the
 * L1's next timer event lost until the handler reprograms it.  Under such
 * an L0 set DEC to minus the time left to the L1's next timer event (so
 * interrupts must be hard-disabled: a negative DEC is an interrupt due):
 * the flip makes it what is left of that time at the exit.  Anywhere
 * else, nothing.
 *
 * Context: interrupts hard-disabled, right before the call.
 */
void kvmhv_state_preflip_host_dec(void)
{
	u64 now, next;

	if (!l0_flips_dec)
		return;
	now = get_tb();
	next = timer_get_next_tb();
	mtspr(SPRN_DEC, -(s64)min(next > now ? next - now : 0, decrementer_max));
}

/**
 * kvmhv_state_fix_dec() - before a run, put right the decrementer expiry
 *	an L0 that flips it keeps (see l0_flips_dec)
 * @vcpu: the vCPU about to run
 *
 * Return: 0, or a negative errno if the L0 refused.
 */
int kvmhv_state_fix_dec(struct kvm_vcpu *vcpu)
{
	const u16 gsid = KVMPPC_GSID_DEC_EXPIRY_TB;

	if (!to_v2_vcpu(vcpu)->dec_stale)
		return 0;
	return kvmhv_state_load(vcpu, &gsid, 1);
}

/*
 * The register table's guest-wide rows (the timebase offset, the
 * compatibility level, ...), each as its element; a row whose 0 means
 * "not set" (KVMPPC_REG_UNSET_0) is left out then.
 */
static int put_wide_rows(struct kvm *kvm, struct kvmppc_gsb *gsb)
{
	const struct kvmppc_gsid_desc *d;
	unsigned int i;
	int r = 0;
	u64 v;

	for (i = 0; i < kvmppc_nr_regs && !r; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		if (!(rd->flags & KVMPPC_REG_VM) || !rd->gsid ||
		    !kvmppc_reg_on_host(rd, KVMPPC_HV))
			continue;
		v = READ_ONCE(kvm->arch.spr[rd->slot]);
		if (!v && (rd->flags & KVMPPC_REG_UNSET_0))
			continue;
		d = kvmppc_gsid_lookup(rd->gsid);
		if (WARN_ON_ONCE(!d))
			return -EINVAL;
		r = d->size == 4 ? kvmppc_gsb_put_u32(gsb, rd->gsid, v) :
				   kvmppc_gsb_put_u64(gsb, rd->gsid, v);
	}
	return r;
}

/**
 * kvmhv_push_wide_state() - send guest-wide state to the L0
 * @kvm: the VM; the backend's lock held, kvmhv_wide_take() said so
 *
 * The partition-scoped table, the process table (once user space set it)
 * and the register table's guest-wide rows, in one H_GUEST_SET_STATE.
 * On failure the state stays marked for pushing.
 *
 * Return: 0, or a negative errno if the L0 refused.
 */
int kvmhv_push_wide_state(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	u64 ptbl[3], prtb[2];
	struct kvmppc_gsb gsb;
	size_t cap = 256;
	void *buf;
	long rc;
	int r;

	lockdep_assert_held(&hvm->lock);
	buf = kzalloc(cap, GFP_KERNEL);
	if (!buf) {
		WRITE_ONCE(hvm->wide_dirty, true);
		return -ENOMEM;
	}
	kvmppc_gsb_init(&gsb, buf, cap);
	ptbl[0] = kvmhv_pgtable_root_pa(&hvm->pgt);
	ptbl[1] = KVMHV_PGT_ADDR_BITS;
	ptbl[2] = KVMHV_PGT_ROOT_SIZE;
	r = kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_PARTITION_TABLE, ptbl, 3);
	if (!r && hvm->process_table) {
		prtb[0] = hvm->process_table & PRTB_MASK;
		/*
		 * QEMU as the L0 stops on any size but 4 KiB and 16 MiB, so
		 * only those are sent.  16 MiB covers every PID (20 bits) but
		 * needs a base aligned to it; otherwise 4 KiB, which covers
		 * PIDs 0-255 (a larger table's other PIDs then fault).
		 */
		prtb[1] = (hvm->process_table & PRTS_MASK) &&
			  IS_ALIGNED(prtb[0], SZ_16M) ? SZ_16M : SZ_4K;
		r = kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_PROCESS_TABLE, prtb, 2);
	}
	if (!r)
		r = put_wide_rows(kvm, &gsb);
	if (r)
		goto out;
	rc = kvmhv_l0_call(NULL, H_GUEST_SET_STATE, ret, H_GUEST_FLAGS_WIDE,
			   hvm->guest_id, 0, __pa(buf), cap);
	r = kvmhv_errno(rc);
	if (r)
		pr_err_ratelimited("kvm-ppc: H_GUEST_SET_STATE (guest-wide) failed: rc=%ld element %lu\n",
				   rc, ret[0]);
out:
	if (r)
		WRITE_ONCE(hvm->wide_dirty, true);
	kfree(buf);
	return r;
}
