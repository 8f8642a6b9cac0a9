// SPDX-License-Identifier: GPL-2.0-only
/*
 * memslot_test - guest memory behind memslots: a large slot is faulted in
 * page by page and every write lands; a slot deleted and added again with
 * new backing shows the guest the new memory, not the old; dirty logging
 * reports exactly the pages the guest wrote, round after round.
 */
#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define SLOT		1
#define SLOT_GPA	0x80000000UL
/* The smallest host page; getpagesize() is the one at hand. */
#define SUB_PAGE	4096UL

static void run_ucall(struct kvm_vcpu *vcpu, uint64_t want, struct ucall *uc)
{
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, uc), want);
}

static void add_slot(struct kvm_vm *vm, uint64_t npages, uint32_t flags)
{
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, SLOT_GPA, SLOT,
				    npages, flags);
	virt_map(vm, SLOT_GPA, SLOT_GPA, npages);
}

/* Write a marker into every host page of [SLOT_GPA, +size). */
static void guest_fill(uint64_t size)
{
	uint64_t off;

	for (off = 0; off < size; off += SUB_PAGE)
		*(volatile uint64_t *)(SLOT_GPA + off) = off ^ 0xa5a5a5a5a5a5a5a5UL;
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST_SUITE(memslot);

KVM_ONE_VCPU_TEST(memslot, fault_in_large_slot, guest_fill)
{
	struct kvm_vm *vm = vcpu->vm;
	uint64_t size = 32UL << 20, off;
	uint64_t npages = size / vm->page_size;
	struct ucall uc;

	add_slot(vm, npages, 0);
	vcpu_args_set(vcpu, 1, size);
	run_ucall(vcpu, UCALL_DONE, &uc);
	for (off = 0; off < size; off += SUB_PAGE) {
		uint64_t v = *(uint64_t *)addr_gpa2hva(vm, SLOT_GPA + off);

		TEST_ASSERT(v == (off ^ 0xa5a5a5a5a5a5a5a5UL),
			    "offset %#lx holds %#lx", off, v);
	}
}

static void guest_read_twice(void)
{
	GUEST_SYNC(*(volatile uint64_t *)SLOT_GPA);
	GUEST_SYNC(*(volatile uint64_t *)SLOT_GPA);
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST(memslot, delete_and_readd, guest_read_twice)
{
	struct kvm_vm *vm = vcpu->vm;
	struct ucall uc;

	add_slot(vm, 1, 0);
	*(uint64_t *)addr_gpa2hva(vm, SLOT_GPA) = 0x1111;
	run_ucall(vcpu, UCALL_SYNC, &uc);
	TEST_ASSERT_EQ(uc.args[1], 0x1111);

	vm_mem_region_delete(vm, SLOT);
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, SLOT_GPA, SLOT, 1, 0);
	*(uint64_t *)addr_gpa2hva(vm, SLOT_GPA) = 0x2222;
	/* A stale translation would still show the old page. */
	run_ucall(vcpu, UCALL_SYNC, &uc);
	TEST_ASSERT_EQ(uc.args[1], 0x2222);
	run_ucall(vcpu, UCALL_DONE, &uc);
}

#define DIRTY_PAGES	16	/* guest pages (64K) in the logged slot */

static void guest_dirty(void)
{
	uint64_t page_size = 0x10000;

	*(volatile uint64_t *)(SLOT_GPA + 0 * page_size) = 1;
	*(volatile uint64_t *)(SLOT_GPA + 3 * page_size) = 1;
	*(volatile uint64_t *)(SLOT_GPA + 7 * page_size + SUB_PAGE) = 1;
	GUEST_SYNC(1);
	*(volatile uint64_t *)(SLOT_GPA + 3 * page_size) = 2;
	*(volatile uint64_t *)(SLOT_GPA + 9 * page_size) = 2;
	/* Reading a page does not dirty it. */
	(void)*(volatile uint64_t *)(SLOT_GPA + 11 * page_size);
	GUEST_SYNC(2);
	GUEST_DONE();
}

static void expect_dirty(struct kvm_vm *vm, unsigned long *bmap,
			 const unsigned long *want, unsigned int nwant)
{
	unsigned long nbits = DIRTY_PAGES * vm->page_size / getpagesize();
	unsigned long bit, i, found = 0;

	memset(bmap, 0, nbits / 8);
	kvm_vm_get_dirty_log(vm, SLOT, bmap);
	for (bit = 0; bit < nbits; bit++) {
		bool set = bmap[bit / 64] & (1UL << (bit % 64));
		bool wanted = false;

		for (i = 0; i < nwant; i++)
			wanted |= want[i] == bit;
		TEST_ASSERT(set == wanted, "host page %lu: dirty %d, expected %d",
			    bit, set, wanted);
		found += set;
	}
	TEST_ASSERT_EQ(found, nwant);
}

KVM_ONE_VCPU_TEST(memslot, dirty_log, guest_dirty)
{
	struct kvm_vm *vm = vcpu->vm;
	unsigned long host_page = getpagesize();
	unsigned long per = vm->page_size / host_page;
	unsigned long round1[] = { 0, 3 * per,
				   (7 * vm->page_size + SUB_PAGE) / host_page };
	unsigned long round2[] = { 3 * per, 9 * per };
	unsigned long *bmap;
	struct ucall uc;

	add_slot(vm, DIRTY_PAGES, KVM_MEM_LOG_DIRTY_PAGES);
	bmap = calloc(DIRTY_PAGES * per / 64 + 1, sizeof(*bmap));
	TEST_ASSERT(bmap, "out of memory");

	/* Nothing written yet. */
	expect_dirty(vm, bmap, NULL, 0);
	run_ucall(vcpu, UCALL_SYNC, &uc);
	expect_dirty(vm, bmap, round1, ARRAY_SIZE(round1));
	run_ucall(vcpu, UCALL_SYNC, &uc);
	expect_dirty(vm, bmap, round2, ARRAY_SIZE(round2));
	run_ucall(vcpu, UCALL_DONE, &uc);
	free(bmap);
}

#define DIRTY_ROUNDS	100

static void guest_dirty_rounds(void)
{
	int i;

	for (i = 0; i < DIRTY_ROUNDS; i++) {
		*(volatile uint64_t *)SLOT_GPA = i;
		GUEST_SYNC(i);
	}
	GUEST_DONE();
}

/*
 * Each KVM_GET_DIRTY_LOG write-protects the page again, so every round's
 * store faults on the same page: a fault that maps the page writable
 * again is progress, however often it comes (the guest used to be
 * declared stuck after 64 rounds, as a migrating guest would be).
 */
KVM_ONE_VCPU_TEST(memslot, dirty_log_many_rounds, guest_dirty_rounds)
{
	struct kvm_vm *vm = vcpu->vm;
	unsigned long *bmap;
	struct ucall uc;
	int i;

	add_slot(vm, DIRTY_PAGES, KVM_MEM_LOG_DIRTY_PAGES);
	bmap = calloc(DIRTY_PAGES * vm->page_size / getpagesize() / 64 + 1,
		      sizeof(*bmap));
	TEST_ASSERT(bmap, "out of memory");
	for (i = 0; i < DIRTY_ROUNDS; i++) {
		run_ucall(vcpu, UCALL_SYNC, &uc);
		TEST_ASSERT_EQ(uc.args[1], i);
		expect_dirty(vm, bmap, (unsigned long[]){ 0 }, 1);
	}
	run_ucall(vcpu, UCALL_DONE, &uc);
	free(bmap);
}

TEST_HARNESS_MAIN
