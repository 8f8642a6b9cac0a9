// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmu_notifier_test - changes to the host mapping of guest memory reach the
 * guest (KVM's MMU notifier protocol, KVM_CAP_SYNC_MMU):
 *
 *  - after madvise(MADV_DONTNEED) of one host page, and then of a whole
 *    guest page, the guest reads zeroes there and not the marker it read
 *    before, while memory next to the range keeps its contents; what the
 *    guest writes afterwards is what the host reads through the same
 *    address, and the other way round;
 *  - the same after munmap() and mmap(MAP_FIXED | MAP_ANONYMOUS) of a
 *    guest page's host range at the same address;
 *  - a guest polling the page while another thread drops it sees zero,
 *    at the latest in the first poll it starts after madvise() returned;
 *  - KVM_CHECK_EXTENSION(KVM_CAP_SYNC_MMU) is 1.
 *
 * A kernel that keeps the pages behind guest memory pinned, with no MMU
 * notifier, leaves the guest reading the old page: the marker.
 */
#include <pthread.h>
#include <sys/mman.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define SLOT		1
#define SLOT_GPA	0x80000000UL
#define SLOT_PAGES	4		/* guest pages (64K) */

#define MARKER_A	0x6d61726b65720a0aUL
#define MARKER_B	0x6d61726b65720b0bUL
#define MARKER_C	0x6d61726b65720c0cUL
#define GUEST_A		0x6775657374000a0aUL
#define GUEST_B		0x6775657374000b0bUL
#define HOST_A		0x686f7374000a0a0aUL

/*
 * The slot's guest pages, mapped guest virtual == guest real.  Returns
 * the host address of guest real address SLOT_GPA.
 */
static void *add_slot(struct kvm_vm *vm)
{
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, SLOT_GPA, SLOT,
				    SLOT_PAGES, 0);
	virt_map(vm, SLOT_GPA, SLOT_GPA, SLOT_PAGES);
	return addr_gpa2hva(vm, SLOT_GPA);
}

static uint64_t *host_u64(void *base, unsigned long off)
{
	return (uint64_t *)((char *)base + off);
}

/* Run to the next GUEST_SYNC of @stage; returns the ucall. */
static void expect_sync(struct kvm_vcpu *vcpu, uint64_t stage, struct ucall *uc)
{
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, uc), UCALL_SYNC);
	TEST_ASSERT_EQ(uc->args[1], stage);
}

static void expect_read(struct ucall *uc, int arg, uint64_t want,
			const char *what)
{
	TEST_ASSERT(uc->args[2 + arg] == want,
		    "stage %lu: guest read %#lx %s, expected %#lx",
		    uc->args[1], uc->args[2 + arg], what, want);
}

/*
 * @host_page is the host's page size: p0 is the first host page of the
 * slot, p1 the second one, p2 the first one past @span, the whole guest
 * pages that hold p0 and p1 (guest page 0 with 4K host pages, guest
 * pages 0 and 1 with 64K ones).
 */
static void guest_dontneed(uint64_t host_page, uint64_t span)
{
	uint64_t *p0 = (void *)SLOT_GPA;
	uint64_t *p1 = (void *)(SLOT_GPA + host_page);
	uint64_t *p2 = (void *)(SLOT_GPA + span);

	GUEST_SYNC_ARGS(1, READ_ONCE(*p0), READ_ONCE(*p1), READ_ONCE(*p2), 0);
	GUEST_SYNC_ARGS(2, READ_ONCE(*p0), READ_ONCE(*p1), READ_ONCE(*p2), 0);
	GUEST_SYNC_ARGS(3, READ_ONCE(*p0), READ_ONCE(*p1), READ_ONCE(*p2), 0);
	WRITE_ONCE(*p0, GUEST_A);
	WRITE_ONCE(*p1, GUEST_B);
	GUEST_SYNC(4);
	GUEST_SYNC_ARGS(5, READ_ONCE(*p0), READ_ONCE(*p1), READ_ONCE(*p2), 0);
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST_SUITE(notifier);

KVM_ONE_VCPU_TEST(notifier, madvise_dontneed, guest_dontneed)
{
	unsigned long host_page = getpagesize();
	struct kvm_vm *vm = vcpu->vm;
	unsigned long span = vm->page_size > 2 * host_page ? vm->page_size :
							  2 * host_page;
	struct ucall uc;
	void *hva;

	hva = add_slot(vm);
	vcpu_args_set(vcpu, 2, (uint64_t)host_page, (uint64_t)span);
	*host_u64(hva, 0) = MARKER_A;
	*host_u64(hva, host_page) = MARKER_B;
	*host_u64(hva, span) = MARKER_C;

	expect_sync(vcpu, 1, &uc);
	expect_read(&uc, 0, MARKER_A, "in host page 0");
	expect_read(&uc, 1, MARKER_B, "in host page 1");
	expect_read(&uc, 2, MARKER_C, "in guest page 1");

	/* One host page: the guest must see it zeroed, and only it. */
	TEST_ASSERT_EQ(madvise(host_u64(hva, host_page), host_page, MADV_DONTNEED), 0);
	expect_sync(vcpu, 2, &uc);
	expect_read(&uc, 0, MARKER_A, "in host page 0, next to the dropped page");
	expect_read(&uc, 1, 0, "in host page 1 after MADV_DONTNEED of it");
	expect_read(&uc, 2, MARKER_C, "in guest page 1");

	/* The whole guest page(s). */
	TEST_ASSERT_EQ(madvise(hva, span, MADV_DONTNEED), 0);
	expect_sync(vcpu, 3, &uc);
	expect_read(&uc, 0, 0, "in host page 0 after MADV_DONTNEED of the guest page");
	expect_read(&uc, 1, 0, "in host page 1 after MADV_DONTNEED of the guest page");
	expect_read(&uc, 2, MARKER_C, "in guest page 1, next to the dropped page");

	/* Guest writes land in the host's new pages... */
	expect_sync(vcpu, 4, &uc);
	TEST_ASSERT(*host_u64(hva, 0) == GUEST_A && *host_u64(hva, host_page) == GUEST_B,
		    "host reads %#lx and %#lx after the guest wrote %#lx and %#lx",
		    *host_u64(hva, 0), *host_u64(hva, host_page), GUEST_A, GUEST_B);
	/* ...and host writes reach the guest. */
	*host_u64(hva, 0) = HOST_A;
	expect_sync(vcpu, 5, &uc);
	expect_read(&uc, 0, HOST_A, "after the host wrote it");
	expect_read(&uc, 1, GUEST_B, "that it wrote itself");
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
}

static void guest_remap(uint64_t page_size)
{
	uint64_t *p0 = (void *)SLOT_GPA;
	uint64_t *p2 = (void *)(SLOT_GPA + page_size);

	GUEST_SYNC_ARGS(1, READ_ONCE(*p0), READ_ONCE(*p2), 0, 0);
	GUEST_SYNC_ARGS(2, READ_ONCE(*p0), READ_ONCE(*p2), 0, 0);
	WRITE_ONCE(*p0, GUEST_A);
	GUEST_SYNC(3);
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST(notifier, munmap_mmap_fixed, guest_remap)
{
	struct kvm_vm *vm = vcpu->vm;
	struct ucall uc;
	void *hva, *p;

	hva = add_slot(vm);
	vcpu_args_set(vcpu, 1, (uint64_t)vm->page_size);
	*host_u64(hva, 0) = MARKER_A;
	*host_u64(hva, vm->page_size) = MARKER_C;

	expect_sync(vcpu, 1, &uc);
	expect_read(&uc, 0, MARKER_A, "in guest page 0");
	expect_read(&uc, 1, MARKER_C, "in guest page 1");

	TEST_ASSERT_EQ(munmap(hva, vm->page_size), 0);
	p = mmap(hva, vm->page_size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	TEST_ASSERT(p == hva, "mmap(MAP_FIXED) at %p gave %p, errno %d", hva, p, errno);

	expect_sync(vcpu, 2, &uc);
	expect_read(&uc, 0, 0, "in guest page 0 after munmap and mmap of it");
	expect_read(&uc, 1, MARKER_C, "in guest page 1, next to the remapped page");

	expect_sync(vcpu, 3, &uc);
	TEST_ASSERT(*host_u64(hva, 0) == GUEST_A,
		    "host reads %#lx in the new mapping after the guest wrote %#lx",
		    *host_u64(hva, 0), GUEST_A);
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
}

/*
 * Poll guest page 0 in chunks of POLL_READS reads, with a GUEST_SYNC of
 * (POLLING, chunk, last value) after each, until a read gives zero (or
 * POLL_CHUNKS chunks went by); then report the chunk and the value read
 * (SAW_ZERO), write GUEST_A and finish.
 */
#define POLLING		1
#define SAW_ZERO	2
#define POLL_READS	1000
#define POLL_CHUNKS	10000000UL
/* How long the guest may go on seeing the marker after madvise(). */
#define POLL_SECS	10

static void guest_poll(void)
{
	uint64_t *p = (void *)SLOT_GPA;
	uint64_t chunk, i, v = 0;

	for (chunk = 0; chunk < POLL_CHUNKS; chunk++) {
		for (i = 0; i < POLL_READS; i++) {
			v = READ_ONCE(*p);
			if (!v)
				break;
		}
		if (!v)
			break;
		GUEST_SYNC_ARGS(POLLING, chunk, v, 0, 0);
	}
	GUEST_SYNC_ARGS(SAW_ZERO, chunk, v, 0, 0);
	WRITE_ONCE(*p, GUEST_A);
	GUEST_DONE();
}

struct poller {
	struct kvm_vcpu *vcpu;
	uint64_t polls;		/* POLLING syncs seen (atomic) */
	bool madvised;		/* set by the main thread (atomic) */
	double madvise_time;
	bool saw_zero;
	uint64_t zero_chunk;
	bool done;		/* the thread has returned (atomic) */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *poll_worker(void *arg)
{
	struct poller *pl = arg;
	struct ucall uc;

	for (;;) {
		if (ppc_run_ucall(pl->vcpu, &uc) == UCALL_DONE)
			break;
		TEST_ASSERT_EQ(uc.cmd, UCALL_SYNC);
		if (uc.args[1] == SAW_ZERO) {
			TEST_ASSERT(!uc.args[3], "the guest gave up polling after %lu polls",
				    uc.args[2]);
			pl->saw_zero = true;
			pl->zero_chunk = uc.args[2];
			continue;
		}
		TEST_ASSERT_EQ(uc.args[1], POLLING);
		/* A sync's own read may already be of the new page. */
		TEST_ASSERT(uc.args[3] == MARKER_A || uc.args[3] == 0,
			    "guest polled %#lx, neither the marker nor zero", uc.args[3]);
		__atomic_add_fetch(&pl->polls, 1, __ATOMIC_RELEASE);
		/* Give up (the main thread reports it) this long after madvise(). */
		if (__atomic_load_n(&pl->madvised, __ATOMIC_ACQUIRE) &&
		    now() - pl->madvise_time > POLL_SECS)
			break;
	}
	__atomic_store_n(&pl->done, true, __ATOMIC_RELEASE);
	return NULL;
}

KVM_ONE_VCPU_TEST(notifier, concurrent_madvise, guest_poll)
{
	struct poller pl = { .vcpu = vcpu };
	double deadline = now() + 30;
	uint64_t polls_after;
	pthread_t thread;
	void *hva;

	hva = add_slot(vcpu->vm);
	*host_u64(hva, 0) = MARKER_A;
	TEST_ASSERT_EQ(pthread_create(&thread, NULL, poll_worker, &pl), 0);

	/* The guest is polling and sees the marker. */
	while (__atomic_load_n(&pl.polls, __ATOMIC_ACQUIRE) < 2) {
		TEST_ASSERT(!__atomic_load_n(&pl.done, __ATOMIC_ACQUIRE),
			    "the guest stopped polling before madvise()");
		TEST_ASSERT(now() < deadline, "the guest did not start polling");
		usleep(1000);
	}

	pl.madvise_time = now();
	__atomic_store_n(&pl.madvised, true, __ATOMIC_RELEASE);
	TEST_ASSERT_EQ(madvise(hva, vcpu->vm->page_size, MADV_DONTNEED), 0);
	polls_after = __atomic_load_n(&pl.polls, __ATOMIC_ACQUIRE);
	pthread_join(thread, NULL);

	TEST_ASSERT(pl.saw_zero,
		    "the guest still read the marker %d s after MADV_DONTNEED (%lu polls of %d reads)",
		    POLL_SECS, pl.polls, POLL_READS);
	/*
	 * Poll number polls_after + 1 started after madvise() returned: a
	 * stale translation may not survive that long.
	 */
	TEST_ASSERT(pl.zero_chunk <= polls_after + 1,
		    "the guest saw zero only in poll %lu; poll %lu already started after madvise() returned",
		    pl.zero_chunk, polls_after + 1);
	TEST_ASSERT(*host_u64(hva, 0) == GUEST_A,
		    "host reads %#lx after the guest wrote %#lx",
		    *host_u64(hva, 0), GUEST_A);
	ksft_print_msg("guest saw zero in poll %lu, %lu polls done when madvise() returned\n",
		       pl.zero_chunk, polls_after);
}

TEST(sync_mmu_cap)
{
	struct kvm_vm *vm;
	int r;

	r = kvm_check_cap(KVM_CAP_SYNC_MMU);
	TEST_ASSERT(r == 1, "/dev/kvm: KVM_CHECK_EXTENSION(KVM_CAP_SYNC_MMU) is %d, expected 1", r);
	vm = vm_create_barebones();
	r = vm_check_cap(vm, KVM_CAP_SYNC_MMU);
	TEST_ASSERT(r == 1, "VM: KVM_CHECK_EXTENSION(KVM_CAP_SYNC_MMU) is %d, expected 1", r);
	kvm_vm_free(vm);
}

TEST_HARNESS_MAIN
