// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partition-scoped radix tree of each HV guest: it maps guest real
 * addresses to host real addresses (the L1's, on pseries), and whoever runs
 * the guest walks it (the L0, with which the platform registers it).
 *
 * Geometry: 52-bit guest real addresses and leaves of the host's page
 * size, as Linux lays out its own radix trees: levels of 13, 9, 9 and 9
 * bits with 4K pages, 13, 9, 9 and 5 with 64K ones.  Entries are
 * big-endian, as the ISA defines radix trees.  Pages are mapped when the
 * guest first touches them.  The tree holds no reference on the pages it
 * maps: KVM's MMU notifier removes a leaf (under kvm->mmu_lock, followed
 * by a TLB flush) before the host frees, reclaims or migrates the page
 * behind it.
 *
 * Every change to the tree is made under kvm->mmu_lock.  The L0 walks the
 * tree concurrently, so a new table is filled before it is linked in.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/gfp.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>

#include "book3s/book3s.h"
#include "hv.h"

#define LEVELS		4
#define ROOT_BITS	KVMHV_PGT_ROOT_BITS
#define MID_BITS	9
#define LEAF_SHIFT	PAGE_SHIFT
/* The last level takes what is left of the address. */
#define LAST_BITS	(KVMHV_PGT_ADDR_BITS - ROOT_BITS - 2 * MID_BITS - LEAF_SHIFT)

static unsigned int level_bits(int level)
{
	if (!level)
		return ROOT_BITS;
	return level == LEVELS - 1 ? LAST_BITS : MID_BITS;
}

/* Bit position of the lowest address bit a level indexes. */
static unsigned int level_shift(int level)
{
	unsigned int shift = LEAF_SHIFT;

	while (++level < LEVELS)
		shift += level_bits(level);
	return shift;
}

static unsigned long level_index(u64 gpa, int level)
{
	return (gpa >> level_shift(level)) & ((1UL << level_bits(level)) - 1);
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
					       get_order(KVMHV_PGT_ROOT_SIZE));
	return pgt->root ? 0 : -ENOMEM;
}

/* What a walk over a range of leaves does to each. */
enum leaf_op {
	LEAF_UNMAP,
	LEAF_AGE,
	LEAF_TEST_AGE,
};

/*
 * Apply @op to every leaf in [start, end) below @table (a table of @level).
 * Returns true if any leaf was unmapped (LEAF_UNMAP) or young (the others).
 */
static bool walk_leaves(__be64 *table, int level, u64 base, u64 start, u64 end,
			enum leaf_op op)
{
	unsigned long i, last, n = 1UL << level_bits(level);
	unsigned int shift = level_shift(level);
	u64 span = 1ULL << shift;
	bool hit = false;

	/*
	 * Only the entries the range covers: the MMU notifier calls this for
	 * each memslot a host range overlaps, under kvm->mmu_lock.
	 */
	i = start > base ? (start - base) >> shift : 0;
	last = min_t(u64, n - 1, (end - 1 - base) >> shift);
	for (; i <= last; i++) {
		u64 lo = base + i * span, pte = be64_to_cpu(table[i]);

		if (!(pte & RPTE_VALID) || lo + span <= start || lo >= end)
			continue;
		if (!(pte & RPTE_LEAF)) {
			hit |= walk_leaves(__va(pte & RPTE_NLB), level + 1, lo,
					   start, end, op);
			continue;
		}
		switch (op) {
		case LEAF_UNMAP:
			WRITE_ONCE(table[i], 0);
			/* Written through a mapping the host is taking back. */
			if (pte & RPTE_WRITE)
				kvm_set_pfn_dirty((pte & RPTE_RPN) >> PAGE_SHIFT);
			hit = true;
			break;
		case LEAF_AGE:
			if (pte & RPTE_ACCESSED)
				WRITE_ONCE(table[i], cpu_to_be64(pte & ~RPTE_ACCESSED));
			fallthrough;
		case LEAF_TEST_AGE:
			hit |= !!(pte & RPTE_ACCESSED);
			break;
		}
	}
	return hit;
}

static bool walk_range(struct kvm *kvm, struct kvmhv_pgtable *pgt, u64 gpa,
		       u64 size, enum leaf_op op)
{
	lockdep_assert_held(&kvm->mmu_lock);
	if (!pgt->root || !size)
		return false;
	return walk_leaves(pgt->root, 0, 0, gpa, gpa + size, op);
}

/**
 * kvmhv_pgtable_unmap_range() - remove the leaves of a guest real range
 * @kvm: the VM; its mmu_lock held
 * @pgt: the tree
 * @gpa: start of the range
 * @size: its length
 *
 * Pages that were mapped writable are marked dirty.
 *
 * Return: true if a leaf was removed: the caller must then flush the
 * guest's translations before the pages may be reused.
 */
bool kvmhv_pgtable_unmap_range(struct kvm *kvm, struct kvmhv_pgtable *pgt,
			       u64 gpa, u64 size)
{
	return walk_range(kvm, pgt, gpa, size, LEAF_UNMAP);
}

/**
 * kvmhv_pgtable_age_range() - report, and optionally clear, the referenced
 *	bits of a guest real range
 * @kvm: the VM; its mmu_lock held
 * @pgt: the tree
 * @gpa: start of the range
 * @size: its length
 * @clear: clear the bits (the next guest access faults and sets it again)
 *
 * Return: true if any page of the range was referenced.
 */
bool kvmhv_pgtable_age_range(struct kvm *kvm, struct kvmhv_pgtable *pgt,
			     u64 gpa, u64 size, bool clear)
{
	return walk_range(kvm, pgt, gpa, size, clear ? LEAF_AGE : LEAF_TEST_AGE);
}

/**
 * kvmhv_pgtable_write_protect() - make one page's mapping read-only
 * @kvm: the VM; its mmu_lock held
 * @pgt: the tree
 * @gpa: guest real address of the page
 *
 * The page is marked dirty now, since the guest may have written it
 * through the mapping being taken away.  The caller invalidates the L0's
 * cached translations afterwards.
 */
void kvmhv_pgtable_write_protect(struct kvm *kvm, struct kvmhv_pgtable *pgt,
				 u64 gpa)
{
	__be64 *table = pgt->root;
	u64 pte = 0;
	int level;

	lockdep_assert_held(&kvm->mmu_lock);
	for (level = 0; level < LEVELS; level++) {
		pte = be64_to_cpu(table[level_index(gpa, level)]);
		if (!(pte & RPTE_VALID))
			return;
		if (level < LEVELS - 1)
			table = __va(pte & RPTE_NLB);
	}
	if (pte & RPTE_WRITE) {
		WRITE_ONCE(table[level_index(gpa, LEVELS - 1)],
			   cpu_to_be64(pte & ~(RPTE_WRITE | RPTE_DIRTY)));
		kvm_set_pfn_dirty((pte & RPTE_RPN) >> PAGE_SHIFT);
	}
}

/* Free the tables below @table (a table of @level); no leaf holds a page. */
static void free_tables(__be64 *table, int level)
{
	unsigned long i, n = 1UL << level_bits(level);

	for (i = 0; i < n; i++) {
		u64 pte = be64_to_cpu(table[i]);

		if (!(pte & RPTE_VALID) || (pte & RPTE_LEAF))
			continue;
		free_tables(__va(pte & RPTE_NLB), level + 1);
		free_page((unsigned long)__va(pte & RPTE_NLB));
	}
}

/**
 * kvmhv_pgtable_free() - free every table of a tree
 * @pgt: the tree; nothing may walk it any more (the L0 included)
 */
void kvmhv_pgtable_free(struct kvmhv_pgtable *pgt)
{
	if (!pgt->root)
		return;
	free_tables(pgt->root, 0);
	free_pages((unsigned long)pgt->root, get_order(KVMHV_PGT_ROOT_SIZE));
	pgt->root = NULL;
}

/**
 * kvmhv_pgtable_map() - map one host page into the guest
 * @kvm: the VM; its mmu_lock held
 * @pgt: the tree
 * @mc: where missing tables come from (topped up with
 *	KVMHV_PGT_TABLES_PER_MAP pages before the lock was taken)
 * @gpa: guest real address (page aligned)
 * @hpa: L1 real address of the page
 * @writable: whether the guest may write it
 *
 * A page already mapped as needed (another vCPU got there first) is left
 * alone; a read-only mapping is replaced when @writable, and a mapping whose
 * referenced bit was cleared by aging gets it back.  The L0 (QEMU under
 * TCG) drops its cached translations at every L1/L2 switch, so an upgrade
 * needs no invalidation there.
 *
 * Return: true if the tree changed, false if the page was mapped already.
 */
bool kvmhv_pgtable_map(struct kvm *kvm, struct kvmhv_pgtable *pgt,
		       struct kvm_mmu_memory_cache *mc, u64 gpa, u64 hpa,
		       bool writable)
{
	__be64 *table = pgt->root;
	u64 pte, old;
	int level;

	lockdep_assert_held(&kvm->mmu_lock);
	pte = RPTE_VALID | RPTE_LEAF | (hpa & RPTE_RPN) | RPTE_ACCESSED |
	      RPTE_PRIV | RPTE_READ | RPTE_EXEC;
	if (writable)
		pte |= RPTE_WRITE | RPTE_DIRTY;

	for (level = 0; level < LEVELS - 1; level++) {
		__be64 *e = &table[level_index(gpa, level)];
		u64 pde = be64_to_cpu(*e);

		if (!(pde & RPTE_VALID)) {
			pde = RPTE_VALID | __pa(kvm_mmu_memory_cache_alloc(mc)) |
			      level_bits(level + 1);
			/*
			 * The L0 may walk concurrently: the table (zeroed by
			 * the cache) is visible before the entry that links it.
			 */
			smp_wmb();
			WRITE_ONCE(*e, cpu_to_be64(pde));
		}
		table = __va(pde & RPTE_NLB);
	}
	table = &table[level_index(gpa, LEVELS - 1)];
	old = be64_to_cpu(READ_ONCE(*table));
	if ((old & RPTE_VALID) && (old & RPTE_ACCESSED) &&
	    (old & RPTE_RPN) == (hpa & RPTE_RPN) &&
	    (!writable || (old & RPTE_WRITE)))
		return false;
	WRITE_ONCE(*table, cpu_to_be64(pte));
	/* Make the entry visible before the L0 is asked to walk again. */
	smp_mb();
	return true;
}
