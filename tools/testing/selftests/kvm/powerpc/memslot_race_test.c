// SPDX-License-Identifier: GPL-2.0-only
/*
 * memslot_race_test - memslot changes racing running vCPUs.
 *
 * Two vCPU threads run a guest that reads and writes every host page of a
 * 1 MiB test slot, round after round, with a GUEST_SYNC after each round,
 * while the main thread keeps deleting the slot, adding it again with fresh
 * backing, moving it away and back, and turning dirty logging on (reading
 * the dirty log) and off.  While the slot is absent or moved the guest's
 * accesses leave KVM_RUN as KVM_EXIT_MMIO; the threads answer loads with
 * zero and carry on.
 *
 * Checked: every vCPU keeps completing rounds; KVM_RUN returns nothing but
 * ucalls and MMIO exits inside the slot's range; every value the guest
 * reads is zero or what it wrote itself at that place (never another
 * page's or another vCPU's data); and at the end, with the slot back and
 * dirty logging on, a last round of guest writes is in the host's memory
 * and the dirty log shows every host page of the slot.
 *
 * On a kernel that uses memslots in its run loop without holding kvm->srcu
 * the debug kernel (KASAN, PROVE_RCU) reports use-after-free or suspicious
 * RCU usage while this runs.
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define NR_VCPUS	2
#define SLOT		1
#define SLOT_GPA	0x80000000UL
#define MOVED_GPA	0xc0000000UL
#define SLOT_SIZE	0x100000UL

/* Bounds of the racing phase: whichever comes first. */
#define MAX_ITERATIONS	300
#define MAX_RACE_SECS	10
/* Every vCPU must complete a round at least once per this many iterations. */
#define PROGRESS_EVERY	25
/* How long a vCPU may take to complete one round (TCG is slow). */
#define ROUND_SECS	15

#define TAG_RACE	0xa5UL
#define TAG_FINAL	0x5fUL

/* Set by the host before the last round; read by the guest. */
static uint64_t final_round;

/* What vCPU @id writes at offset @off of the slot in a round tagged @tag. */
static uint64_t pattern(uint64_t tag, uint64_t id, uint64_t off)
{
	return tag << 56 | id << 48 | off;
}

/*
 * Each vCPU uses its own doubleword in every host page: at @off + 8 * @id.
 * The last round (final_round set) is written with TAG_FINAL and ends
 * with GUEST_DONE instead of GUEST_SYNC.
 */
static void guest_code(uint64_t id, uint64_t host_page)
{
	uint64_t round, off, tag, v, *p;

	for (round = 1;; round++) {
		tag = READ_ONCE(final_round) ? TAG_FINAL : TAG_RACE;
		for (off = 0; off < SLOT_SIZE; off += host_page) {
			p = (uint64_t *)(SLOT_GPA + off + id * 8);
			v = READ_ONCE(*p);
			__GUEST_ASSERT(!v || v == pattern(TAG_RACE, id, off),
				       "vCPU %lu read %#lx at offset %#lx in round %lu",
				       id, v, off, round);
			WRITE_ONCE(*p, pattern(tag, id, off));
		}
		if (tag == TAG_FINAL)
			GUEST_DONE();
		GUEST_SYNC(round);
	}
}

struct vcpu_thread {
	struct kvm_vcpu *vcpu;
	pthread_t thread;
	uint64_t syncs;		/* rounds completed (atomic) */
	uint64_t mmio_exits;
	bool done;		/* the thread has returned (atomic) */
	bool kicked_out;	/* it stopped on a signal, not at a sync */
};

static bool stop;		/* atomic: threads stop at their next sync */
static __thread struct kvm_run *thread_run;

/* SIGUSR1: make this thread's KVM_RUN return at once, now or next time. */
static void kick(int sig)
{
	if (thread_run)
		thread_run->immediate_exit = 1;
}

static void check_mmio(struct vcpu_thread *t)
{
	struct kvm_run *run = t->vcpu->run;

	TEST_ASSERT(run->mmio.phys_addr >= SLOT_GPA &&
		    run->mmio.phys_addr < SLOT_GPA + SLOT_SIZE &&
		    run->mmio.len == 8,
		    "vCPU %u: KVM_EXIT_MMIO at %#llx, length %u: outside the test slot",
		    t->vcpu->id, run->mmio.phys_addr, run->mmio.len);
	/* The slot is absent or moved: loads read zero, stores are dropped. */
	if (!run->mmio.is_write)
		memset(run->mmio.data, 0, sizeof(run->mmio.data));
	t->mmio_exits++;
}

static void *vcpu_worker(void *arg)
{
	struct vcpu_thread *t = arg;
	struct kvm_vcpu *vcpu = t->vcpu;
	struct kvm_run *run = vcpu->run;
	struct ucall uc;
	int r;

	thread_run = run;
	for (;;) {
		r = __vcpu_run(vcpu);
		if (r == -1 && errno == EINTR) {
			run->immediate_exit = 0;
			if (__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
				t->kicked_out = true;
				break;
			}
			continue;
		}
		TEST_ASSERT(!r, "vCPU %u: KVM_RUN failed: %d, errno %d (%s)",
			    vcpu->id, r, errno, strerror(errno));
		if (run->exit_reason == KVM_EXIT_MMIO) {
			check_mmio(t);
			continue;
		}
		TEST_ASSERT(run->exit_reason == UCALL_EXIT_REASON,
			    "vCPU %u: unexpected exit %u (%s)", vcpu->id,
			    run->exit_reason, exit_reason_str(run->exit_reason));
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			__atomic_add_fetch(&t->syncs, 1, __ATOMIC_RELEASE);
			break;
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(uc);
			break;
		default:
			TEST_FAIL("vCPU %u: unexpected ucall %lu", vcpu->id, uc.cmd);
		}
		if (__atomic_load_n(&stop, __ATOMIC_ACQUIRE))
			break;
	}
	thread_run = NULL;
	__atomic_store_n(&t->done, true, __ATOMIC_RELEASE);
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t syncs_of(struct vcpu_thread *t)
{
	return __atomic_load_n(&t->syncs, __ATOMIC_ACQUIRE);
}

/* Wait until every vCPU has completed a round since @seen was taken. */
static void wait_progress(struct vcpu_thread *t, uint64_t *seen, int iteration)
{
	double deadline = now() + ROUND_SECS;
	int i;

	for (i = 0; i < NR_VCPUS; i++) {
		while (syncs_of(&t[i]) == seen[i]) {
			TEST_ASSERT(!__atomic_load_n(&t[i].done, __ATOMIC_ACQUIRE),
				    "vCPU %d thread ended early", i);
			TEST_ASSERT(now() < deadline,
				    "vCPU %d completed no round in %d s (iteration %d, %lu rounds so far)",
				    i, ROUND_SECS, iteration, seen[i]);
			usleep(1000);
		}
		seen[i] = syncs_of(&t[i]);
	}
}

static void add_slot(struct kvm_vm *vm, uint32_t flags)
{
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, SLOT_GPA, SLOT,
				    SLOT_SIZE / vm->page_size, flags);
}

/* Stop the threads at their next sync; kick any that does not come back. */
static void stop_threads(struct vcpu_thread *t)
{
	double deadline = now() + ROUND_SECS;
	int i;

	__atomic_store_n(&stop, true, __ATOMIC_RELEASE);
	for (i = 0; i < NR_VCPUS; i++) {
		while (!__atomic_load_n(&t[i].done, __ATOMIC_ACQUIRE)) {
			if (now() > deadline)
				pthread_kill(t[i].thread, SIGUSR1);
			usleep(10000);
		}
		pthread_join(t[i].thread, NULL);
		TEST_ASSERT(!t[i].kicked_out,
			    "vCPU %d did not reach a sync within %d s of being told to stop",
			    i, ROUND_SECS);
	}
}

/* Run one vCPU through the last round: no exit but the final ucall. */
static void run_final_round(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	vcpu_run(vcpu);
	TEST_ASSERT(vcpu->run->exit_reason == UCALL_EXIT_REASON,
		    "vCPU %u: exit %u (%s) in the last round, with the slot present",
		    vcpu->id, vcpu->run->exit_reason,
		    exit_reason_str(vcpu->run->exit_reason));
	switch (get_ucall(vcpu, &uc)) {
	case UCALL_DONE:
		break;
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	default:
		TEST_FAIL("vCPU %u: ucall %lu in the last round", vcpu->id, uc.cmd);
	}
}

FIXTURE(race) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpus[NR_VCPUS];
};

FIXTURE_SETUP(race)
{
	self->vm = vm_create_with_vcpus(NR_VCPUS, guest_code, self->vcpus);
}

FIXTURE_TEARDOWN(race)
{
	kvm_vm_free(self->vm);
}

TEST_F_TIMEOUT(race, delete_add_move_dirty_log, 120)
{
	struct sigaction sa = { .sa_handler = kick };
	unsigned long host_page = getpagesize();
	unsigned long nbits = SLOT_SIZE / host_page;
	struct vcpu_thread t[NR_VCPUS] = {};
	struct kvm_vm *vm = self->vm;
	uint64_t seen[NR_VCPUS] = {};
	unsigned long *bmap, off, bit;
	int iterations, i;
	double start;

	TEST_ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	bmap = calloc(nbits / 64 + 1, sizeof(*bmap));
	TEST_ASSERT(bmap, "out of memory");

	add_slot(vm, 0);
	virt_map(vm, SLOT_GPA, SLOT_GPA, SLOT_SIZE / vm->page_size);
	for (i = 0; i < NR_VCPUS; i++) {
		t[i].vcpu = self->vcpus[i];
		vcpu_args_set(t[i].vcpu, 2, (uint64_t)i, (uint64_t)host_page);
		TEST_ASSERT_EQ(pthread_create(&t[i].thread, NULL, vcpu_worker, &t[i]), 0);
	}
	/* Every vCPU gets going with the slot in place. */
	wait_progress(t, seen, 0);

	start = now();
	for (iterations = 0; iterations < MAX_ITERATIONS &&
	     now() - start < MAX_RACE_SECS; iterations++) {
		vm_mem_region_delete(vm, SLOT);
		add_slot(vm, 0);
		vm_mem_region_move(vm, SLOT, MOVED_GPA);
		vm_mem_region_move(vm, SLOT, SLOT_GPA);
		vm_mem_region_set_flags(vm, SLOT, KVM_MEM_LOG_DIRTY_PAGES);
		kvm_vm_get_dirty_log(vm, SLOT, bmap);
		kvm_vm_get_dirty_log(vm, SLOT, bmap);
		vm_mem_region_set_flags(vm, SLOT, 0);
		if (iterations % PROGRESS_EVERY == PROGRESS_EVERY - 1)
			wait_progress(t, seen, iterations);
	}
	wait_progress(t, seen, iterations);
	stop_threads(t);
	for (i = 0; i < NR_VCPUS; i++)
		ksft_print_msg("vCPU %d: %lu rounds, %lu MMIO exits\n", i,
			       t[i].syncs, t[i].mmio_exits);
	ksft_print_msg("%d iterations of delete/add/move/dirty-log in %.1f s\n",
		       iterations, now() - start);

	/* The last round: fresh memory, logged, no vCPU running. */
	vm_mem_region_delete(vm, SLOT);
	add_slot(vm, KVM_MEM_LOG_DIRTY_PAGES);
	memset(bmap, 0, nbits / 8);
	kvm_vm_get_dirty_log(vm, SLOT, bmap);
	for (bit = 0; bit < nbits; bit++)
		TEST_ASSERT(!(bmap[bit / 64] & (1UL << (bit % 64))),
			    "host page %lu dirty before the guest ran", bit);
	final_round = 1;
	sync_global_to_guest(vm, final_round);
	for (i = 0; i < NR_VCPUS; i++)
		run_final_round(t[i].vcpu);

	for (off = 0; off < SLOT_SIZE; off += host_page) {
		for (i = 0; i < NR_VCPUS; i++) {
			uint64_t *p = addr_gpa2hva(vm, SLOT_GPA + off + i * 8);

			TEST_ASSERT(*p == pattern(TAG_FINAL, i, off),
				    "offset %#lx, vCPU %d: host sees %#lx, guest wrote %#lx",
				    off, i, *p, pattern(TAG_FINAL, i, off));
		}
	}
	memset(bmap, 0, nbits / 8);
	kvm_vm_get_dirty_log(vm, SLOT, bmap);
	for (bit = 0; bit < nbits; bit++)
		TEST_ASSERT(bmap[bit / 64] & (1UL << (bit % 64)),
			    "host page %lu written by the guest but not in the dirty log",
			    bit);
	free(bmap);
}

TEST_HARNESS_MAIN
