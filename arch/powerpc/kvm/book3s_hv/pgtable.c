// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partition-scoped radix tree the L1 builds for each L2: it maps guest
 * real addresses to L1 real addresses, and the L0 walks it (it is
 * registered with the L0 as the guest's partition-scoped page table).
 *
 * Geometry: 52-bit guest real addresses, 4K leaves, levels of 13, 9, 9 and
 * 9 bits.  Entries are big-endian, as the ISA defines radix trees.  Pages
 * are mapped when the guest first touches them, and the L1 page behind each
 * leaf stays pinned until the leaf is removed.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/gfp.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>

#include "nested.h"

#define ADDR_BITS	52
#define ROOT_BITS	13
#define LEVEL_BITS	9
#define LEAF_SHIFT	12
#define LEVELS		4

#define RPTE_VALID	BIT_ULL(63)
#define RPTE_LEAF	BIT_ULL(62)
#define RPTE_RPN	0x01fffffffffff000ULL
#define RPTE_NLB	0x0fffffffffffff00ULL
#define RPTE_ACCESSED	0x100ULL
#define RPTE_DIRTY	0x080ULL
#define RPTE_PRIV	0x008ULL
#define RPTE_READ	0x004ULL
#define RPTE_WRITE	0x002ULL
#define RPTE_EXEC	0x001ULL

static unsigned int level_bits(int level)
{
	return level ? LEVEL_BITS : ROOT_BITS;
}

/* Bit position of the lowest address bit a level indexes. */
static unsigned int level_shift(int level)
{
	return LEAF_SHIFT + (LEVELS - 1 - level) * LEVEL_BITS;
}

static unsigned long level_index(u64 gpa, int level)
{
	return (gpa >> level_shift(level)) & ((1UL << level_bits(level)) - 1);
}

/**
 * kvmhv_pgtable_bits() - guest real address bits the tree covers
 *
 * Return: 52.
 */
u64 kvmhv_pgtable_bits(void)
{
	return ADDR_BITS;
}

/**
 * kvmhv_pgtable_root_size() - size of the root directory
 *
 * Return: its size in bytes.
 */
u64 kvmhv_pgtable_root_size(void)
{
	return sizeof(__be64) << ROOT_BITS;
}

/**
 * kvmhv_pgtable_root_pa() - where the root lives, for the L0
 * @pgt: the tree
 *
 * Return: the L1 real address of the root directory.
 */
u64 kvmhv_pgtable_root_pa(const struct kvmhv_pgtable *pgt)
{
	return __pa(pgt->root);
}

/**
 * kvmhv_pgtable_init() - allocate an empty tree
 * @pgt: the tree
 *
 * Return: 0, or -ENOMEM.
 */
int kvmhv_pgtable_init(struct kvmhv_pgtable *pgt)
{
	/* The root must be aligned to its size; the page allocator does that. */
	pgt->root = (__be64 *)__get_free_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO,
					       get_order(kvmhv_pgtable_root_size()));
	spin_lock_init(&pgt->lock);
	return pgt->root ? 0 : -ENOMEM;
}

/* Drop the tree's reference on a leaf's page; callable under pgt->lock. */
static void release_leaf(u64 pte)
{
	kvm_release_pfn((pte & RPTE_RPN) >> PAGE_SHIFT, pte & RPTE_WRITE);
}

/* Drop every leaf in [start, end) below @table (a table of @level). */
static void unmap_table(__be64 *table, int level, u64 base, u64 start, u64 end,
			bool free_tables)
{
	unsigned long i, n = 1UL << level_bits(level);
	u64 span = 1ULL << level_shift(level);

	for (i = 0; i < n; i++) {
		u64 lo = base + i * span, pte = be64_to_cpu(table[i]);

		if (!(pte & RPTE_VALID) || lo + span <= start || lo >= end)
			continue;
		if (pte & RPTE_LEAF) {
			table[i] = 0;
			release_leaf(pte);
			continue;
		}
		unmap_table(__va(pte & RPTE_NLB), level + 1, lo, start, end,
			    free_tables);
		if (free_tables) {
			table[i] = 0;
			free_page((unsigned long)__va(pte & RPTE_NLB));
		}
	}
}

/**
 * kvmhv_pgtable_unmap_range() - remove the leaves of a guest real range
 * @pgt: the tree
 * @gpa: start of the range
 * @size: its length
 *
 * The pages behind the leaves are released.  The caller invalidates the
 * L0's cached translations afterwards.
 */
void kvmhv_pgtable_unmap_range(struct kvmhv_pgtable *pgt, u64 gpa, u64 size)
{
	spin_lock(&pgt->lock);
	unmap_table(pgt->root, 0, 0, gpa, gpa + size, false);
	spin_unlock(&pgt->lock);
}

/**
 * kvmhv_pgtable_write_protect() - make one page's mapping read-only
 * @pgt: the tree
 * @gpa: guest real address of the page
 *
 * The page keeps its reference; it is marked dirty now, since the guest
 * may have written it through the mapping being taken away.  The caller
 * invalidates the L0's cached translations afterwards.
 */
void kvmhv_pgtable_write_protect(struct kvmhv_pgtable *pgt, u64 gpa)
{
	__be64 *table = pgt->root;
	u64 pte = 0;
	int level;

	spin_lock(&pgt->lock);
	for (level = 0; level < LEVELS; level++) {
		pte = be64_to_cpu(table[level_index(gpa, level)]);
		if (!(pte & RPTE_VALID))
			goto out;
		if (level < LEVELS - 1)
			table = __va(pte & RPTE_NLB);
	}
	if (pte & RPTE_WRITE) {
		table[level_index(gpa, LEVELS - 1)] =
			cpu_to_be64(pte & ~(RPTE_WRITE | RPTE_DIRTY));
		kvm_set_pfn_dirty((pte & RPTE_RPN) >> PAGE_SHIFT);
	}
out:
	spin_unlock(&pgt->lock);
}

/**
 * kvmhv_pgtable_free() - release every page and table of a tree
 * @pgt: the tree; nothing may walk it any more (the L0 included)
 */
void kvmhv_pgtable_free(struct kvmhv_pgtable *pgt)
{
	if (!pgt->root)
		return;
	unmap_table(pgt->root, 0, 0, 0, 1ULL << ADDR_BITS, true);
	free_pages((unsigned long)pgt->root, get_order(kvmhv_pgtable_root_size()));
	pgt->root = NULL;
}

/**
 * kvmhv_pgtable_map() - map one 4K guest page
 * @pgt: the tree
 * @gpa: guest real address (page aligned)
 * @hpa: L1 real address of the page, whose reference the tree takes over
 * @writable: whether the guest may write it
 *
 * If the page is already mapped as needed (another vCPU got there first),
 * the reference on @hpa's page is dropped and the mapping kept; a read-only
 * mapping is replaced when @writable.  The L0 (QEMU under TCG) drops its
 * cached translations at every L1/L2 switch, so an upgrade needs no
 * invalidation there.
 *
 * Return: 0, or -ENOMEM.
 */
int kvmhv_pgtable_map(struct kvmhv_pgtable *pgt, u64 gpa, u64 hpa, bool writable)
{
	void *spare[LEVELS - 1] = {};
	unsigned int used = 0, i;
	__be64 *table;
	u64 pte, old;
	int level, r = 0;

	for (i = 0; i < ARRAY_SIZE(spare); i++) {
		spare[i] = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
		if (!spare[i]) {
			r = -ENOMEM;
			goto out;
		}
	}
	pte = RPTE_VALID | RPTE_LEAF | (hpa & RPTE_RPN) | RPTE_ACCESSED |
	      RPTE_PRIV | RPTE_READ | RPTE_EXEC;
	if (writable)
		pte |= RPTE_WRITE | RPTE_DIRTY;

	spin_lock(&pgt->lock);
	table = pgt->root;
	for (level = 0; level < LEVELS - 1; level++) {
		__be64 *e = &table[level_index(gpa, level)];
		u64 pde = be64_to_cpu(*e);

		if (!(pde & RPTE_VALID)) {
			pde = RPTE_VALID | __pa(spare[used++]) | LEVEL_BITS;
			/* The L0 may walk concurrently: publish a filled table. */
			smp_wmb();
			WRITE_ONCE(*e, cpu_to_be64(pde));
		}
		table = __va(pde & RPTE_NLB);
	}
	table = &table[level_index(gpa, LEVELS - 1)];
	old = be64_to_cpu(READ_ONCE(*table));
	if ((old & RPTE_VALID) && (!writable || (old & RPTE_WRITE))) {
		/* Another vCPU mapped it already, with what we need. */
		kvm_release_pfn_clean(hpa >> PAGE_SHIFT);
		old = 0;
	} else {
		/* New, or a read-only mapping becoming writable. */
		WRITE_ONCE(*table, cpu_to_be64(pte));
	}
	spin_unlock(&pgt->lock);
	if (old & RPTE_VALID)
		release_leaf(old);
	/* Make the entry visible before the L0 is asked to walk again. */
	smp_mb();
out:
	for (i = used; i < ARRAY_SIZE(spare); i++)
		free_page((unsigned long)spare[i]);
	return r;
}
