// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the register table: the shipped table keeps its rules,
 * every row can be found by its id, and broken tables are refused.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/kvm_host.h>
#include <asm/kvm_ppc_regs.h>

static unsigned int id_size(u64 id)
{
	return 1U << ((id & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT);
}

static int check(const struct kvmppc_reg_desc *t, unsigned int n,
		 unsigned int *row)
{
	const char *why = NULL;
	unsigned int r = ~0U;
	int ret = kvmppc_regs_check(t, n, &r, &why);

	if (row)
		*row = r;
	return ret;
}

static void regs_table_is_sound(struct kunit *test)
{
	unsigned int row = ~0U;

	KUNIT_EXPECT_EQ(test, check(kvmppc_regs, kvmppc_nr_regs, &row), 0);
	KUNIT_EXPECT_EQ(test, row, ~0U);
	KUNIT_EXPECT_GT(test, kvmppc_nr_regs, 0U);
}

static void row_desc(const struct kvmppc_reg_desc *rd, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", rd->name);
}

static const void *row_gen(const void *prev, char *desc)
{
	const struct kvmppc_reg_desc *rd = prev;

	rd = rd ? rd + 1 : kvmppc_regs;
	if (rd >= kvmppc_regs + kvmppc_nr_regs)
		return NULL;
	row_desc(rd, desc);
	return rd;
}

/*
 * Each row is found by its first and last id, and by the same number at
 * another size; the numbers around it belong to other rows or to none.
 */
static void regs_row_lookup(struct kunit *test)
{
	const struct kvmppc_reg_desc *rd = test->param_value;
	unsigned int n = kvmppc_reg_count(rd);
	u64 other = (rd->id & ~KVM_REG_SIZE_MASK) |
		    (id_size(rd->id) == 8 ? KVM_REG_SIZE_U32 : KVM_REG_SIZE_U64);

	KUNIT_EXPECT_PTR_EQ(test, kvmppc_find_reg(rd->id), rd);
	KUNIT_EXPECT_PTR_EQ(test, kvmppc_find_reg(rd->id + n - 1), rd);
	KUNIT_EXPECT_PTR_NE(test, kvmppc_find_reg(rd->id + n), rd);
	KUNIT_EXPECT_PTR_NE(test, kvmppc_find_reg(rd->id - 1), rd);
	KUNIT_EXPECT_PTR_EQ(test, kvmppc_find_reg(other), rd);
	KUNIT_EXPECT_EQ(test, rd->reset & ~rd->mask, 0ULL);
	KUNIT_EXPECT_TRUE(test, id_size(rd->id) == 4 || id_size(rd->id) == 8 ||
			  (id_size(rd->id) == 16 && rd->get));
	if (rd->gsid)
		KUNIT_EXPECT_EQ(test, kvmppc_reg_gsid(rd, rd->id + n - 1),
				rd->gsid + n - 1);
	if (!rd->get)
		KUNIT_EXPECT_LT(test, rd->slot, (u16)KVMPPC_NR_SPRS);
	KUNIT_EXPECT_NE(test, rd->flavours, 0);
}

static void regs_unknown_ids(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, kvmppc_find_reg(KVM_REG_PPC | KVM_REG_SIZE_U64 | 0xfff0));
	KUNIT_EXPECT_NULL(test, kvmppc_find_reg(0));
	KUNIT_EXPECT_NULL(test, kvmppc_find_reg(KVM_REG_PPC | KVM_REG_SIZE_U64));
}

#define ROW(_num, _sprn, _mask, _reset)					\
	{ .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | (_num), .name = #_num,	\
	  .sprn = (_sprn), .slot = 0, .flavours = KVMPPC_HV,		\
	  .mask = (_mask), .reset = (_reset) }

struct bad_table {
	const char *name;
	struct kvmppc_reg_desc rows[2];
	bool second_bad_alone;
};

static const struct bad_table bad_tables[] = {
	{ "unsorted", { ROW(2, 0, ~0ULL, 0), ROW(1, 0, ~0ULL, 0) } },
	{ "duplicate id", { ROW(1, 0, ~0ULL, 0), ROW(1, 0, ~0ULL, 0) } },
	{ "same number, other size",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U32 | 1, .name = "u32",
	      .flavours = KVMPPC_HV, .mask = U32_MAX } } },
	{ "duplicate sprn", { ROW(1, 17, ~0ULL, 0), ROW(2, 17, ~0ULL, 0) } },
	{ "reset outside mask", { ROW(1, 0, ~0ULL, 0), ROW(2, 0, 0xff, 0x100) }, true },
	{ "not powerpc",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | 2, .name = "arm",
	      .flavours = KVMPPC_HV, .mask = ~0ULL } }, true },
	{ "128-bit",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U128 | 2, .name = "vsx",
	      .flavours = KVMPPC_HV, .mask = ~0ULL } }, true },
	{ "32-bit with 64-bit mask",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U32 | 2, .name = "wide",
	      .flavours = KVMPPC_HV, .mask = ~0ULL } }, true },
	{ "slot out of range",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | 2, .name = "slot",
	      .slot = KVMPPC_NR_SPRS, .flavours = KVMPPC_HV, .mask = ~0ULL } }, true },
	{ "overlapping ranges",
	  { { .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | 1, .name = "eight", .count = 8,
	      .flavours = KVMPPC_HV, .mask = ~0ULL },
	    ROW(5, 0, ~0ULL, 0) } },
	{ "no backend",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | 2, .name = "orphan",
	      .mask = ~0ULL } }, true },
	{ "guest access without an SPR number",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | 2, .name = "nosprn",
	      .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW,
	      .mask = ~0ULL } }, true },
	{ "guest access to a guest-wide row",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | 2, .name = "wide", .sprn = 5,
	      .flavours = KVMPPC_HV, .flags = KVMPPC_REG_VM | KVMPPC_GUEST_RO,
	      .mask = ~0ULL } }, true },
	{ "reset function and reset value",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVM_REG_PPC | KVM_REG_SIZE_U64 | 2, .name = "both",
	      .flavours = KVMPPC_HV, .mask = ~0ULL, .reset = 1,
	      .reset_fn = kvmppc_host_pvr } }, true },
	{ "guest access to an internal row",
	  { ROW(1, 0, ~0ULL, 0),
	    { .id = KVMPPC_REG_INTERNAL(U64, 0), .name = "hidden", .sprn = 5,
	      .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW,
	      .mask = ~0ULL } }, true },
};

static void bad_table_desc(const struct bad_table *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_tables, bad_tables, bad_table_desc);

static void regs_bad_table_refused(struct kunit *test)
{
	const struct bad_table *t = test->param_value;

	unsigned int row = ~0U;

	KUNIT_EXPECT_EQ(test, check(t->rows, 2, &row), -EINVAL);
	KUNIT_EXPECT_EQ(test, row, 1U);
	/* The first row is fine on its own ... */
	KUNIT_EXPECT_EQ(test, check(t->rows, 1, NULL), 0);
	/* ... and the second is refused alone exactly when the defect is its own. */
	KUNIT_EXPECT_EQ(test, check(&t->rows[1], 1, NULL),
			t->second_bad_alone ? -EINVAL : 0);
}

static void regs_find_in_small_table(struct kunit *test)
{
	static const struct kvmppc_reg_desc t[] = {
		ROW(1, 0, ~0ULL, 0), ROW(5, 0, ~0ULL, 0), ROW(9, 0, ~0ULL, 0),
	};

	KUNIT_EXPECT_PTR_EQ(test, kvmppc_find_reg_in(t, 3, t[0].id), &t[0]);
	KUNIT_EXPECT_PTR_EQ(test, kvmppc_find_reg_in(t, 3, t[2].id), &t[2]);
	KUNIT_EXPECT_NULL(test, kvmppc_find_reg_in(t, 3, t[1].id + 1));
	KUNIT_EXPECT_NULL(test, kvmppc_find_reg_in(t, 0, t[0].id));
}

static struct kunit_case kvm_ppc_regs_cases[] = {
	KUNIT_CASE(regs_table_is_sound),
	KUNIT_CASE_PARAM(regs_row_lookup, row_gen),
	KUNIT_CASE(regs_unknown_ids),
	KUNIT_CASE_PARAM(regs_bad_table_refused, bad_tables_gen_params),
	KUNIT_CASE(regs_find_in_small_table),
	{}
};

static struct kunit_suite kvm_ppc_regs_suite = {
	.name = "kvm_ppc_regs",
	.test_cases = kvm_ppc_regs_cases,
};

kunit_test_suites(&kvm_ppc_regs_suite);

MODULE_DESCRIPTION("KUnit tests for the powerpc KVM register table");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
