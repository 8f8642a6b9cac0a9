// SPDX-License-Identifier: GPL-2.0-only
/*
 * wide_reg_race_test - a guest-wide register written through ONE_REG
 * while another vCPU of the VM runs is never lost.
 *
 * The timebase offset is one value for the whole guest, written through
 * any vCPU's fd.  Under nested v2 it is sent to the L0 once when it
 * changes, by whichever vCPU enters next; a write that lands while that
 * push is under way must be sent by a later one.  Here a thread keeps
 * writing ever larger offsets (steps of 2^36 ticks, far more than the
 * test runs) through vCPU 1, which never runs, and publishes how many it
 * has written after each write returns; the main thread keeps running
 * vCPU 0, whose guest reports its timebase at every exit.
 *
 * Checked: each run of vCPU 0 sees at least the offset that had been
 * written before that run started (the guest's timebase less the host's
 * just before KVM_RUN, in steps), never more than the last one written
 * (or the one being written), and after the last write a run sees exactly it.  A kernel that clears
 * its "changed" mark after the push instead of before it drops a write
 * that races the push, and the next run sees an older offset.
 */
#include <pthread.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define STEP_SHIFT	36
#define MAX_WRITES	50000
#define MAX_SECS	3

static void guest_code(void)
{
	for (;;)
		GUEST_SYNC(mftb());
}

struct writer {
	struct kvm_vcpu *vcpu;
	uint64_t written;	/* offsets written so far */
	bool stop;
};

static void *writer_fn(void *arg)
{
	struct writer *w = arg;
	uint64_t i;

	for (i = 1; i <= MAX_WRITES && !READ_ONCE(w->stop); i++) {
		vcpu_set_reg(w->vcpu, KVM_REG_PPC_TB_OFFSET, i << STEP_SHIFT);
		/* The ioctl returned: the offset is the VM's now. */
		WRITE_ONCE(w->written, i);
	}
	return NULL;
}

/* Runs @vcpu once; returns the offset, in steps, its guest ran under. */
static uint64_t run_offset(struct kvm_vcpu *vcpu)
{
	uint64_t before = mftb();
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_SYNC);
	/* The guest read its timebase after @before; round to a step. */
	return (uc.args[1] - before + (1ULL << (STEP_SHIFT - 1))) >> STEP_SHIFT;
}

TEST(tb_offset_written_while_running)
{
	struct kvm_vcpu *vcpus[2];
	struct writer w = { 0 };
	uint64_t runs = 0, seen, want;
	struct kvm_vm *vm;
	pthread_t thread;
	time_t end;

	vm = vm_create_with_vcpus(2, guest_code, vcpus);
	w.vcpu = vcpus[1];
	ASSERT_EQ(run_offset(vcpus[0]), 0);

	end = time(NULL) + MAX_SECS;
	ASSERT_EQ(pthread_create(&thread, NULL, writer_fn, &w), 0);
	while (READ_ONCE(w.written) < MAX_WRITES && time(NULL) < end) {
		want = READ_ONCE(w.written);
		seen = run_offset(vcpus[0]);
		runs++;
		ASSERT_GE(seen, want)
			TH_LOG("run %lu: offset %lu written before it, guest saw %lu",
			       runs, want, seen);
		/* One more may be written but not yet published. */
		ASSERT_LE(seen, READ_ONCE(w.written) + 1);
	}
	WRITE_ONCE(w.stop, true);
	ASSERT_EQ(pthread_join(thread, NULL), 0);

	want = READ_ONCE(w.written);
	TH_LOG("%lu offsets written during %lu runs", want, runs);
	ASSERT_GT(runs, 10);
	ASSERT_EQ(run_offset(vcpus[0]), want);
	kvm_vm_free(vm);
}

TEST_HARNESS_MAIN
