// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest state buffer library (see asm/kvm_ppc_gsb.h): the id table, a
 * builder and a two-pass parser.  No hcalls, no allocation.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/bsearch.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/cache.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>
#include <asm/kvm_ppc_gsb.h>

#define G	KVMPPC_GSF_GUEST
#define T	KVMPPC_GSF_VCPU
#define RO	KVMPPC_GSF_RO
#define META	KVMPPC_GSF_META

/* A single id leaves .last at 0; see kvmppc_gsid_last(). */
#define ONE(_id, _size, _flags, _name) \
	{ .first = _id, .size = _size, .flags = _flags, .name = _name }
#define RANGE(_first, _last, _size, _flags, _name) \
	{ .first = _first, .last = _last, .size = _size, .flags = _flags, .name = _name }

/* Sorted by id; kvmppc_gsb KUnit checks the order and that ranges are disjoint. */
static const struct kvmppc_gsid_desc gsids[] = {
	ONE(KVMPPC_GSID_NOP, 0, G | T | META, "NOP"),
	ONE(KVMPPC_GSID_L0_VCPU_STATE_SIZE, 8, G | RO | META, "L0 vCPU state size"),
	ONE(KVMPPC_GSID_RUN_OUTPUT_MIN_SIZE, 8, G | RO | META, "run output minimum size"),
	ONE(KVMPPC_GSID_LOGICAL_PVR, 4, G, "logical PVR"),
	ONE(KVMPPC_GSID_TB_OFFSET, 8, G, "TB offset"),
	ONE(KVMPPC_GSID_PARTITION_TABLE, 24, G, "partition-scoped page table"),
	ONE(KVMPPC_GSID_PROCESS_TABLE, 16, G, "process table"),
	ONE(KVMPPC_GSID_RUN_INPUT, 16, T | META, "run input buffer"),
	ONE(KVMPPC_GSID_RUN_OUTPUT, 16, T | META, "run output buffer"),
	ONE(KVMPPC_GSID_VPA, 8, T | META, "VPA"),
	RANGE(KVMPPC_GSID_GPR(0), KVMPPC_GSID_GPR(31), 8, T, "GPR"),
	ONE(KVMPPC_GSID_HDEC_EXPIRY_TB, 8, T, "HDEC expiry TB"),
	ONE(KVMPPC_GSID_NIA, 8, T, "NIA"),
	ONE(KVMPPC_GSID_MSR, 8, T, "MSR"),
	ONE(KVMPPC_GSID_LR, 8, T, "LR"),
	ONE(KVMPPC_GSID_XER, 8, T, "XER"),
	ONE(KVMPPC_GSID_CTR, 8, T, "CTR"),
	ONE(KVMPPC_GSID_CFAR, 8, T, "CFAR"),
	ONE(KVMPPC_GSID_SRR0, 8, T, "SRR0"),
	ONE(KVMPPC_GSID_SRR1, 8, T, "SRR1"),
	ONE(KVMPPC_GSID_DAR, 8, T, "DAR"),
	ONE(KVMPPC_GSID_DEC_EXPIRY_TB, 8, T, "DEC expiry TB"),
	ONE(KVMPPC_GSID_VTB, 8, T, "VTB"),
	ONE(KVMPPC_GSID_LPCR, 8, T, "LPCR"),
	ONE(KVMPPC_GSID_HFSCR, 8, T, "HFSCR"),
	ONE(KVMPPC_GSID_FSCR, 8, T, "FSCR"),
	ONE(KVMPPC_GSID_FPSCR, 8, T, "FPSCR"),
	ONE(KVMPPC_GSID_DAWR0, 8, T, "DAWR0"),
	ONE(KVMPPC_GSID_DAWR1, 8, T, "DAWR1"),
	ONE(KVMPPC_GSID_CIABR, 8, T, "CIABR"),
	ONE(KVMPPC_GSID_PURR, 8, T, "PURR"),
	ONE(KVMPPC_GSID_SPURR, 8, T, "SPURR"),
	ONE(KVMPPC_GSID_IC, 8, T, "IC"),
	RANGE(KVMPPC_GSID_SPRG(0), KVMPPC_GSID_SPRG(3), 8, T, "SPRG"),
	ONE(KVMPPC_GSID_PPR, 8, T, "PPR"),
	RANGE(KVMPPC_GSID_MMCR0, KVMPPC_GSID_MMCR3, 8, T, "MMCR"),
	ONE(KVMPPC_GSID_MMCRA, 8, T, "MMCRA"),
	ONE(KVMPPC_GSID_SIER, 8, T, "SIER"),
	ONE(KVMPPC_GSID_SIER2, 8, T, "SIER2"),
	ONE(KVMPPC_GSID_SIER3, 8, T, "SIER3"),
	ONE(KVMPPC_GSID_BESCR, 8, T, "BESCR"),
	ONE(KVMPPC_GSID_EBBHR, 8, T, "EBBHR"),
	ONE(KVMPPC_GSID_EBBRR, 8, T, "EBBRR"),
	ONE(KVMPPC_GSID_AMR, 8, T, "AMR"),
	ONE(KVMPPC_GSID_IAMR, 8, T, "IAMR"),
	ONE(KVMPPC_GSID_AMOR, 8, T, "AMOR"),
	ONE(KVMPPC_GSID_UAMOR, 8, T, "UAMOR"),
	ONE(KVMPPC_GSID_SDAR, 8, T, "SDAR"),
	ONE(KVMPPC_GSID_SIAR, 8, T, "SIAR"),
	ONE(KVMPPC_GSID_DSCR, 8, T, "DSCR"),
	ONE(KVMPPC_GSID_TAR, 8, T, "TAR"),
	ONE(KVMPPC_GSID_DEXCR, 8, T, "DEXCR"),
	ONE(KVMPPC_GSID_HDEXCR, 8, T, "HDEXCR"),
	ONE(KVMPPC_GSID_HASHKEYR, 8, T, "HASHKEYR"),
	ONE(KVMPPC_GSID_HASHPKEYR, 8, T, "HASHPKEYR"),
	ONE(KVMPPC_GSID_CTRL, 8, T, "CTRL"),
	ONE(KVMPPC_GSID_DPDES, 8, T, "DPDES"),
	ONE(KVMPPC_GSID_CR, 4, T, "CR"),
	ONE(KVMPPC_GSID_PIDR, 4, T, "PIDR"),
	ONE(KVMPPC_GSID_DSISR, 4, T, "DSISR"),
	ONE(KVMPPC_GSID_VSCR, 4, T, "VSCR"),
	ONE(KVMPPC_GSID_VRSAVE, 4, T, "VRSAVE"),
	ONE(KVMPPC_GSID_DAWRX0, 4, T, "DAWRX0"),
	ONE(KVMPPC_GSID_DAWRX1, 4, T, "DAWRX1"),
	RANGE(KVMPPC_GSID_PMC(1), KVMPPC_GSID_PMC(6), 4, T, "PMC"),
	ONE(KVMPPC_GSID_WORT, 4, T, "WORT"),
	ONE(KVMPPC_GSID_PSPB, 4, T, "PSPB"),
	RANGE(KVMPPC_GSID_VSR(0), KVMPPC_GSID_VSR(63), 16, T, "VSR"),
	ONE(KVMPPC_GSID_HDAR, 8, T | RO, "HDAR"),
	ONE(KVMPPC_GSID_HDSISR, 4, T | RO, "HDSISR"),
	ONE(KVMPPC_GSID_HEIR, 4, T | RO, "HEIR"),
	ONE(KVMPPC_GSID_ASDR, 8, T | RO, "ASDR"),
};

/**
 * kvmppc_gsid_last() - the last id of a table row
 * @d: the row
 *
 * Return: @d->last, or @d->first for a single-id row.
 */
u16 kvmppc_gsid_last(const struct kvmppc_gsid_desc *d)
{
	return d->last ?: d->first;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_gsid_last);

static int cmp_gsid(const void *key, const void *elt)
{
	u16 id = *(const u16 *)key;
	const struct kvmppc_gsid_desc *d = elt;

	if (id < d->first)
		return -1;
	return id > kvmppc_gsid_last(d);
}

/*
 * The ids by page of 256: for each page that holds ids, the row of each id
 * in it (plus one; 0: none).  Run input and output buffers name some
 * twenty ids per exit, each looked up when built and twice when parsed.
 */
#define GSID_PAGES	8
static u8 gsid_page_slot[256] __ro_after_init;		/* slot + 1, or 0 */
static u8 gsid_row[GSID_PAGES][256] __ro_after_init;	/* row + 1, or 0 */
static bool gsid_indexed __ro_after_init;
/* Each row's first id's place among all ids (kvmppc_gsid_index()). */
static u16 gsid_base[ARRAY_SIZE(gsids)] __ro_after_init;

static_assert(ARRAY_SIZE(gsids) < U8_MAX);

/**
 * kvmppc_gsid_init() - index the id table, for lookups on exit paths
 *
 * Called once at module init; until then, and if the table's ids fill
 * more pages than the index has, lookups search.
 */
void __init kvmppc_gsid_init(void)
{
	unsigned int i, id, slots = 0, total = 0;

	for (i = 0; i < ARRAY_SIZE(gsids); i++) {
		gsid_base[i] = total;
		total += kvmppc_gsid_last(&gsids[i]) - gsids[i].first + 1;
	}
	if (total > KVMPPC_GSID_INDEX_MAX) {
		pr_warn("kvm-ppc: %u guest state ids, more than %u: not indexed\n",
			total, KVMPPC_GSID_INDEX_MAX);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(gsids); i++) {
		for (id = gsids[i].first; id <= kvmppc_gsid_last(&gsids[i]); id++) {
			u8 *slot = &gsid_page_slot[id >> 8];

			if (!*slot) {
				if (slots == GSID_PAGES) {
					pr_warn("kvm-ppc: guest state ids fill more than %u pages: not indexed\n",
						GSID_PAGES);
					return;
				}
				*slot = ++slots;
			}
			gsid_row[*slot - 1][id & 0xff] = i + 1;
		}
	}
	gsid_indexed = true;
}

/**
 * kvmppc_gsid_lookup() - what the table says about an element id
 * @id: the element id
 *
 * Return: the range holding @id, or NULL for an id the API does not define.
 */
const struct kvmppc_gsid_desc *kvmppc_gsid_lookup(u16 id)
{
	unsigned int slot, row;

	if (unlikely(!gsid_indexed))
		return bsearch(&id, gsids, ARRAY_SIZE(gsids), sizeof(gsids[0]),
			       cmp_gsid);
	slot = gsid_page_slot[id >> 8];
	if (!slot)
		return NULL;
	row = gsid_row[slot - 1][id & 0xff];
	return row ? &gsids[row - 1] : NULL;
}
EXPORT_SYMBOL_GPL(kvmppc_gsid_lookup);

/**
 * kvmppc_gsid_index() - an id's place among all the ids the table defines
 * @id: the element id
 *
 * For tables of per-id state indexed without a search.
 *
 * Return: 0 to KVMPPC_GSID_INDEX_MAX - 1, or -1 for an undefined id (or
 * any id, if the table could not be indexed).
 */
int kvmppc_gsid_index(u16 id)
{
	const struct kvmppc_gsid_desc *d = kvmppc_gsid_lookup(id);

	if (!d || !gsid_indexed)
		return -1;
	return gsid_base[d - gsids] + id - d->first;
}
EXPORT_SYMBOL_GPL(kvmppc_gsid_index);

/**
 * kvmppc_gsid_table() - the id table, for KUnit
 * @n: set to the number of rows
 *
 * Return: the first row.
 */
const struct kvmppc_gsid_desc *kvmppc_gsid_table(unsigned int *n)
{
	*n = ARRAY_SIZE(gsids);
	return gsids;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_gsid_table);

/**
 * kvmppc_gsb_init() - start an empty buffer
 * @gsb: the builder
 * @buf: memory for the buffer
 * @cap: its size in bytes
 *
 * Return: 0, or -ENOSPC if @cap cannot hold even the header.
 */
int kvmppc_gsb_init(struct kvmppc_gsb *gsb, void *buf, size_t cap)
{
	if (cap < KVMPPC_GSB_HDR_SIZE)
		return -ENOSPC;
	gsb->hdr = buf;
	gsb->cap = cap;
	gsb->len = KVMPPC_GSB_HDR_SIZE;
	gsb->count = 0;
	put_unaligned_be32(0, buf);
	return 0;
}
EXPORT_SYMBOL_GPL(kvmppc_gsb_init);

/**
 * kvmppc_gsb_put() - append an element
 * @gsb: the builder
 * @id: element id
 * @be_val: the value, already big-endian, or NULL for zeroes
 * @size: its size, which must be the one the table gives @id
 *
 * Return: 0; -ENOENT for an unknown id; -EINVAL for a wrong size; -ENOSPC
 * if the buffer is full (it is left as it was).
 */
int kvmppc_gsb_put(struct kvmppc_gsb *gsb, u16 id, const void *be_val, u16 size)
{
	const struct kvmppc_gsid_desc *d = kvmppc_gsid_lookup(id);
	u8 *p;

	if (!d)
		return -ENOENT;
	if (size != d->size)
		return -EINVAL;
	if (gsb->cap - gsb->len < KVMPPC_GSE_HDR_SIZE + (size_t)size)
		return -ENOSPC;
	p = (u8 *)gsb->hdr + gsb->len;
	put_unaligned_be16(id, p);
	put_unaligned_be16(size, p + 2);
	if (be_val)
		memcpy(p + KVMPPC_GSE_HDR_SIZE, be_val, size);
	else
		memset(p + KVMPPC_GSE_HDR_SIZE, 0, size);
	gsb->len += KVMPPC_GSE_HDR_SIZE + size;
	put_unaligned_be32(++gsb->count, gsb->hdr);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kvmppc_gsb_put);

/**
 * kvmppc_gsb_put_u32() - append a 4-byte element
 * @gsb: the builder
 * @id: element id
 * @val: value in CPU order
 *
 * Return: as kvmppc_gsb_put().
 */
int kvmppc_gsb_put_u32(struct kvmppc_gsb *gsb, u16 id, u32 val)
{
	__be32 v = cpu_to_be32(val);

	return kvmppc_gsb_put(gsb, id, &v, sizeof(v));
}
EXPORT_SYMBOL_GPL(kvmppc_gsb_put_u32);

/**
 * kvmppc_gsb_put_u64() - append an 8-byte element
 * @gsb: the builder
 * @id: element id
 * @val: value in CPU order
 *
 * Return: as kvmppc_gsb_put().
 */
int kvmppc_gsb_put_u64(struct kvmppc_gsb *gsb, u16 id, u64 val)
{
	__be64 v = cpu_to_be64(val);

	return kvmppc_gsb_put(gsb, id, &v, sizeof(v));
}
EXPORT_SYMBOL_GPL(kvmppc_gsb_put_u64);

/**
 * kvmppc_gsb_put_u64s() - append an element made of doublewords
 * @gsb: the builder
 * @id: element id (e.g. a VSR, or the partition table information)
 * @vals: the doublewords, most significant first, in CPU order
 * @n: how many (the element's size must be 8 * @n)
 *
 * Return: as kvmppc_gsb_put(); -EINVAL also for @n above 3.
 */
int kvmppc_gsb_put_u64s(struct kvmppc_gsb *gsb, u16 id, const u64 *vals,
			unsigned int n)
{
	__be64 v[3];
	unsigned int i;

	if (n > ARRAY_SIZE(v))
		return -EINVAL;
	for (i = 0; i < n; i++)
		v[i] = cpu_to_be64(vals[i]);
	return kvmppc_gsb_put(gsb, id, v, n * sizeof(v[0]));
}
EXPORT_SYMBOL_GPL(kvmppc_gsb_put_u64s);

/**
 * kvmppc_gsb_put_id() - append a request for an element (H_GUEST_GET_STATE)
 * @gsb: the builder
 * @id: element id; the value is zeroed, at the size the table gives
 *
 * Return: as kvmppc_gsb_put().
 */
int kvmppc_gsb_put_id(struct kvmppc_gsb *gsb, u16 id)
{
	const struct kvmppc_gsid_desc *d = kvmppc_gsid_lookup(id);

	return d ? kvmppc_gsb_put(gsb, id, NULL, d->size) : -ENOENT;
}
EXPORT_SYMBOL_GPL(kvmppc_gsb_put_id);

/*
 * One pass over a buffer: check each element; hand it to @fn if there is
 * one, else keep the first @cap of them, decoded, in @keep.  Returns 0
 * with *@count set to the number of elements, or the first error.
 */
static int walk(const u8 *buf, size_t len, u16 scope,
		int (*fn)(const struct kvmppc_gse *e, void *arg), void *arg,
		struct kvmppc_gse *keep, u32 cap, u32 *count, u32 *bad_index)
{
	const struct kvmppc_gsid_desc *d;
	struct kvmppc_gse e;
	size_t off = KVMPPC_GSB_HDR_SIZE;
	u32 i, n;
	int r;

	if (len < KVMPPC_GSB_HDR_SIZE)
		return -EBADMSG;
	n = get_unaligned_be32(buf);
	for (i = 0; i < n; i++) {
		*bad_index = i;
		if (len - off < KVMPPC_GSE_HDR_SIZE)
			return -EBADMSG;
		e.id = get_unaligned_be16(buf + off);
		e.size = get_unaligned_be16(buf + off + 2);
		off += KVMPPC_GSE_HDR_SIZE;
		if (len - off < e.size)
			return -EBADMSG;
		e.data = buf + off;
		off += e.size;
		d = kvmppc_gsid_lookup(e.id);
		if (!d)
			return -ENOENT;
		if (e.size != d->size || (scope && !(d->flags & scope)))
			return -EINVAL;
		e.index = gsid_base[d - gsids] + e.id - d->first;
		if (fn) {
			r = fn(&e, arg);
			if (r)
				return r;
		} else if (i < cap) {
			keep[i] = e;
		}
	}
	*count = n;
	return 0;
}

/**
 * kvmppc_gsb_parse() - check a buffer, then hand each element to @fn
 * @buf: the buffer
 * @len: bytes available at @buf (bytes after the last element are ignored)
 * @scope: KVMPPC_GSF_GUEST or KVMPPC_GSF_VCPU to require that scope of
 *	every element, or 0 for either
 * @fn: called for each element in order, once the whole buffer has been
 *	found sound; a non-zero return stops the walk and is returned
 * @arg: passed to @fn
 * @bad_index: set to the index of the offending element on error
 *
 * A malformed buffer is rejected before @fn sees any element.
 *
 * Return: 0; -EBADMSG, -ENOENT or -EINVAL (see asm/kvm_ppc_gsb.h); or what
 * @fn returned.
 */
int kvmppc_gsb_parse(const void *buf, size_t len, u16 scope,
		     int (*fn)(const struct kvmppc_gse *e, void *arg), void *arg,
		     u32 *bad_index)
{
	/*
	 * Decode each element once: a run output buffer holds a dozen, a
	 * read of every GPR some forty.
	 */
	struct kvmppc_gse keep[48];
	u32 i, n;
	int r;

	r = walk(buf, len, scope, NULL, NULL, keep, ARRAY_SIZE(keep), &n,
		 bad_index);
	if (r || !fn)
		return r;
	if (n > ARRAY_SIZE(keep))
		return walk(buf, len, scope, fn, arg, NULL, 0, &n, bad_index);
	for (i = 0; i < n; i++) {
		*bad_index = i;
		r = fn(&keep[i], arg);
		if (r)
			return r;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kvmppc_gsb_parse);

/**
 * kvmppc_gse_u64() - the value of an 8-byte element
 * @e: the element
 *
 * Return: the value in CPU order (the first doubleword of a wider element).
 */
u64 kvmppc_gse_u64(const struct kvmppc_gse *e)
{
	return get_unaligned_be64(e->data);
}
EXPORT_SYMBOL_GPL(kvmppc_gse_u64);

/**
 * kvmppc_gse_u32() - the value of a 4-byte element
 * @e: the element
 *
 * Return: the value in CPU order.
 */
u32 kvmppc_gse_u32(const struct kvmppc_gse *e)
{
	return get_unaligned_be32(e->data);
}
EXPORT_SYMBOL_GPL(kvmppc_gse_u32);

/**
 * kvmppc_gse_value() - the value of a 4- or 8-byte element
 * @e: the element
 *
 * Return: the value in CPU order, zero-extended; 0 for other sizes.
 */
u64 kvmppc_gse_value(const struct kvmppc_gse *e)
{
	switch (e->size) {
	case 4:
		return kvmppc_gse_u32(e);
	case 8:
		return kvmppc_gse_u64(e);
	default:
		return 0;
	}
}
EXPORT_SYMBOL_GPL(kvmppc_gse_value);
