// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the guest state buffer library: the id table, building,
 * parsing, and the rejection of every kind of malformed buffer.  Buffers
 * are allocated at their exact size so that KASAN sees any read past the
 * end.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/unaligned.h>
#include <asm/kvm_ppc_gsb.h>

static void gsb_table_sorted_and_sane(struct kunit *test)
{
	const struct kvmppc_gsid_desc *t;
	unsigned int i, n;

	t = kvmppc_gsid_table(&n);
	KUNIT_ASSERT_GT(test, n, 0U);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_LE_MSG(test, t[i].first, kvmppc_gsid_last(&t[i]), "%s",
				    t[i].name);
		if (i)
			KUNIT_EXPECT_GT_MSG(test, t[i].first, kvmppc_gsid_last(&t[i - 1]),
					    "%s after %s", t[i].name, t[i - 1].name);
		KUNIT_EXPECT_TRUE_MSG(test, t[i].flags &
				      (KVMPPC_GSF_GUEST | KVMPPC_GSF_VCPU),
				      "%s has no scope", t[i].name);
		KUNIT_EXPECT_TRUE_MSG(test, t[i].size == 0 || t[i].size == 4 ||
				      t[i].size == 8 || t[i].size == 16 ||
				      t[i].size == 24, "%s size %u", t[i].name,
				      t[i].size);
	}
}

static const void *row_gen(const void *prev, char *desc)
{
	const struct kvmppc_gsid_desc *t, *d = prev;
	unsigned int n;

	t = kvmppc_gsid_table(&n);
	d = d ? d + 1 : t;
	if (d >= t + n)
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%#06x %s", d->first, d->name);
	return d;
}

struct seen {
	unsigned int calls;
	unsigned int bad_index;	/* elements whose index was not their id's */
	u16 ids[8];
	u64 vals[8];
};

static int record(const struct kvmppc_gse *e, void *arg)
{
	struct seen *s = arg;

	if (e->index != kvmppc_gsid_index(e->id))
		s->bad_index++;
	if (s->calls < ARRAY_SIZE(s->ids)) {
		s->ids[s->calls] = e->id;
		s->vals[s->calls] = kvmppc_gse_value(e);
	}
	s->calls++;
	return 0;
}

/* The index finds exactly what a walk of the table finds, for all ids. */
static void gsb_index_matches_table(struct kunit *test)
{
	const struct kvmppc_gsid_desc *t, *want;
	unsigned int n, i, id, wrong = 0;

	t = kvmppc_gsid_table(&n);
	for (id = 0; id <= U16_MAX; id++) {
		want = NULL;
		for (i = 0; i < n && !want; i++)
			if (id >= t[i].first && id <= kvmppc_gsid_last(&t[i]))
				want = &t[i];
		if (kvmppc_gsid_lookup(id) != want && wrong++ < 4)
			KUNIT_FAIL(test, "id %#x: row %td, expected %td", id,
				   kvmppc_gsid_lookup(id) ? kvmppc_gsid_lookup(id) - t : -1,
				   want ? want - t : -1);
	}
	KUNIT_EXPECT_EQ(test, wrong, 0U);
}

/* Every id class: found by its first and last id, and round-trips. */
static void gsb_every_id_round_trips(struct kunit *test)
{
	const struct kvmppc_gsid_desc *d = test->param_value;
	size_t cap = KVMPPC_GSB_HDR_SIZE + 2 * (KVMPPC_GSE_HDR_SIZE + d->size);
	void *buf = kunit_kzalloc(test, cap, GFP_KERNEL);
	struct kvmppc_gsb gsb;
	struct seen s = {};
	u32 bad;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_PTR_EQ(test, kvmppc_gsid_lookup(d->first), d);
	KUNIT_EXPECT_PTR_EQ(test, kvmppc_gsid_lookup(kvmppc_gsid_last(d)), d);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_init(&gsb, buf, cap), 0);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_put_id(&gsb, d->first), 0);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_put_id(&gsb, kvmppc_gsid_last(d)), 0);
	KUNIT_EXPECT_EQ(test, gsb.len, cap);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, cap, 0, record, &s, &bad), 0);
	KUNIT_EXPECT_EQ(test, s.calls, 2U);
	KUNIT_EXPECT_EQ(test, s.bad_index, 0U);
	KUNIT_EXPECT_EQ(test, s.ids[0], d->first);
	KUNIT_EXPECT_EQ(test, s.ids[1], kvmppc_gsid_last(d));
	/* Its own scope is accepted, the other one refused. */
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, cap, d->flags &
			(KVMPPC_GSF_GUEST | KVMPPC_GSF_VCPU), NULL, NULL, &bad), 0);
	if (!(d->flags & KVMPPC_GSF_GUEST))
		KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, cap, KVMPPC_GSF_GUEST,
						       NULL, NULL, &bad), -EINVAL);
	if (!(d->flags & KVMPPC_GSF_VCPU))
		KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, cap, KVMPPC_GSF_VCPU,
						       NULL, NULL, &bad), -EINVAL);
}

static void gsb_values_are_big_endian(struct kunit *test)
{
	static const u64 ptbl[3] = { 0x1234560000ULL, 52, 13 };
	u8 *buf = kunit_kzalloc(test, 256, GFP_KERNEL);
	struct kvmppc_gsb gsb;
	struct seen s = {};
	u32 bad;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_init(&gsb, buf, 256), 0);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_put_u64(&gsb, KVMPPC_GSID_GPR(3),
						 0x0102030405060708ULL), 0);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_put_u32(&gsb, KVMPPC_GSID_CR, 0xa1b2c3d4), 0);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_PARTITION_TABLE,
						  ptbl, 3), 0);
	/* Header, then GPR3: id 0x1003, size 8, value MSB first. */
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf), 3U);
	KUNIT_EXPECT_EQ(test, buf[4], 0x10);
	KUNIT_EXPECT_EQ(test, buf[5], 0x03);
	KUNIT_EXPECT_EQ(test, buf[6], 0x00);
	KUNIT_EXPECT_EQ(test, buf[7], 0x08);
	KUNIT_EXPECT_EQ(test, buf[8], 0x01);
	KUNIT_EXPECT_EQ(test, buf[15], 0x08);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf + 16 + 4), 0xa1b2c3d4U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(buf + 24 + 4 + 16), 13ULL);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, gsb.len, KVMPPC_GSF_VCPU,
					       record, &s, &bad), -EINVAL);
	KUNIT_EXPECT_EQ(test, bad, 2U);
	KUNIT_EXPECT_EQ(test, s.calls, 0U);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, gsb.len, 0, record, &s, &bad), 0);
	KUNIT_EXPECT_EQ(test, s.calls, 3U);
	KUNIT_EXPECT_EQ(test, s.vals[0], 0x0102030405060708ULL);
	KUNIT_EXPECT_EQ(test, s.vals[1], 0xa1b2c3d4ULL);
}

static void gsb_builder_refuses(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 16, GFP_KERNEL);
	struct kvmppc_gsb gsb;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_init(&gsb, buf, 3), -ENOSPC);
	KUNIT_ASSERT_EQ(test, kvmppc_gsb_init(&gsb, buf, 16), 0);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_put_u64(&gsb, 0x0007, 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_put_u32(&gsb, KVMPPC_GSID_NIA, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_put_u64(&gsb, KVMPPC_GSID_NIA, 1), 0);
	/* 16 bytes: header (4) + one 8-byte element (12); nothing else fits. */
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_put_u32(&gsb, KVMPPC_GSID_CR, 1), -ENOSPC);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf), 1U);
	KUNIT_EXPECT_EQ(test, gsb.len, 16UL);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_VSR(0), NULL, 4),
			-EINVAL);
}

/* Malformed buffers, written byte by byte. */
struct bad_gsb {
	const char *name;
	u8 bytes[32];
	size_t len;
	u16 scope;
	int err;
	u32 index;
};

static const struct bad_gsb bad_gsbs[] = {
	{ "empty buffer", {}, 0, 0, -EBADMSG, 0 },
	{ "short header", { 0, 0, 0 }, 3, 0, -EBADMSG, 0 },
	{ "count past the end",
	  { 0, 0, 0, 2, 0x10, 0x03, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1 }, 16, 0, -EBADMSG, 1 },
	{ "huge count",
	  { 0xff, 0xff, 0xff, 0xff, 0x10, 0x03, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1 }, 16, 0,
	  -EBADMSG, 1 },
	{ "element header cut", { 0, 0, 0, 1, 0x10, 0x03 }, 6, 0, -EBADMSG, 0 },
	{ "value cut", { 0, 0, 0, 1, 0x10, 0x03, 0, 8, 1, 2, 3 }, 11, 0, -EBADMSG, 0 },
	{ "size past the end", { 0, 0, 0, 1, 0x10, 0x03, 0xff, 0xff, 1 }, 9, 0,
	  -EBADMSG, 0 },
	{ "unknown id", { 0, 0, 0, 1, 0x00, 0x07, 0, 8 }, 16, 0, -ENOENT, 0 },
	{ "unknown high id",
	  { 0, 0, 0, 2, 0x10, 0x03, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 0, 0 }, 20, 0,
	  -ENOENT, 1 },
	{ "wrong size for id", { 0, 0, 0, 1, 0x10, 0x03, 0, 4, 0, 0, 0, 1 }, 12, 0,
	  -EINVAL, 0 },
	{ "overlong element", { 0, 0, 0, 1, 0x10, 0x21, 0, 16 }, 24, 0, -EINVAL, 0 },
	{ "zero-length value for 8-byte id", { 0, 0, 0, 1, 0x10, 0x21, 0, 0 }, 8, 0,
	  -EINVAL, 0 },
	{ "guest-wide id in vCPU scope", { 0, 0, 0, 1, 0x00, 0x04, 0, 8 }, 16,
	  KVMPPC_GSF_VCPU, -EINVAL, 0 },
	{ "vCPU id in guest scope",
	  { 0, 0, 0, 1, 0x10, 0x21, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1 }, 16, KVMPPC_GSF_GUEST,
	  -EINVAL, 0 },
};

static void bad_gsb_desc(const struct bad_gsb *b, char *desc)
{
	strscpy(desc, b->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_gsbs, bad_gsbs, bad_gsb_desc);

static void gsb_malformed_rejected(struct kunit *test)
{
	const struct bad_gsb *b = test->param_value;
	u8 *buf = kunit_kmalloc(test, b->len ?: 1, GFP_KERNEL);
	struct seen s = {};
	u32 bad = ~0U;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, b->bytes, b->len);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, b->len, b->scope, record, &s,
					       &bad), b->err);
	/* Nothing of a malformed buffer reaches the callback. */
	KUNIT_EXPECT_EQ(test, s.calls, 0U);
	if (b->len >= KVMPPC_GSB_HDR_SIZE)
		KUNIT_EXPECT_EQ(test, bad, b->index);
}

static void gsb_empty_is_fine(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 4, GFP_KERNEL);
	struct seen s = {};
	u32 bad;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, kvmppc_gsb_parse(buf, 4, KVMPPC_GSF_VCPU, record, &s,
					       &bad), 0);
	KUNIT_EXPECT_EQ(test, s.calls, 0U);
}

static struct kunit_case kvm_ppc_gsb_cases[] = {
	KUNIT_CASE(gsb_table_sorted_and_sane),
	KUNIT_CASE(gsb_index_matches_table),
	KUNIT_CASE_PARAM(gsb_every_id_round_trips, row_gen),
	KUNIT_CASE(gsb_values_are_big_endian),
	KUNIT_CASE(gsb_builder_refuses),
	KUNIT_CASE_PARAM(gsb_malformed_rejected, bad_gsbs_gen_params),
	KUNIT_CASE(gsb_empty_is_fine),
	{}
};

static struct kunit_suite kvm_ppc_gsb_suite = {
	.name = "kvm_ppc_gsb",
	.test_cases = kvm_ppc_gsb_cases,
};

kunit_test_suites(&kvm_ppc_gsb_suite);

MODULE_DESCRIPTION("KUnit tests for the powerpc KVM guest state buffer library");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
