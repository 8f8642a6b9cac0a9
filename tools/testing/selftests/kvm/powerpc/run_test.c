// SPDX-License-Identifier: GPL-2.0-only
/*
 * run_test - KVM_RUN control: kvm_run->immediate_exit returns at once
 * without running the guest; a signal gets a guest that never exits out of
 * KVM_RUN with EINTR; two vCPUs of one VM run at the same time.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

static void guest_spin(void)
{
	GUEST_SYNC(1);
	for (;;)
		;
}

static void run_ucall(struct kvm_vcpu *vcpu, uint64_t want)
{
	struct ucall uc;

	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), want);
}

KVM_ONE_VCPU_TEST_SUITE(run);

KVM_ONE_VCPU_TEST(run, immediate_exit, guest_spin)
{
	struct kvm_regs before, after;
	int r;

	vcpu_regs_get(vcpu, &before);
	vcpu->run->immediate_exit = 1;
	r = __vcpu_run(vcpu);
	TEST_ASSERT(r == -1 && errno == EINTR, "KVM_RUN: %d, errno %d", r, errno);
	TEST_ASSERT_EQ(vcpu->run->exit_reason, KVM_EXIT_INTR);
	vcpu_regs_get(vcpu, &after);
	TEST_ASSERT_EQ(after.pc, before.pc);
	vcpu->run->immediate_exit = 0;
	run_ucall(vcpu, UCALL_SYNC);
}

static void on_alarm(int sig)
{
}

KVM_ONE_VCPU_TEST(run, signal_interrupts_guest, guest_spin)
{
	struct itimerval it = { .it_value = { .tv_usec = 200000 } };
	struct sigaction sa = { .sa_handler = on_alarm };
	int r;

	run_ucall(vcpu, UCALL_SYNC);
	TEST_ASSERT_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	TEST_ASSERT_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	/* The guest spins forever: only the signal brings KVM_RUN back. */
	r = __vcpu_run(vcpu);
	TEST_ASSERT(r == -1 && errno == EINTR, "KVM_RUN: %d, errno %d", r, errno);
	TEST_ASSERT_EQ(vcpu->run->exit_reason, KVM_EXIT_INTR);
}

#define SPINS	2000

static void guest_count(uint64_t id)
{
	uint64_t i;

	for (i = 0; i < SPINS; i++)
		GUEST_SYNC(id);
	GUEST_DONE();
}

static void *vcpu_thread(void *arg)
{
	struct kvm_vcpu *vcpu = arg;
	struct ucall uc;
	uint64_t n = 0;

	for (;;) {
		vcpu_run(vcpu);
		TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			TEST_ASSERT_EQ(uc.args[1], vcpu->id);
			n++;
			break;
		case UCALL_DONE:
			TEST_ASSERT_EQ(n, SPINS);
			return NULL;
		default:
			REPORT_GUEST_ASSERT(uc);
		}
	}
}

TEST(two_vcpus_at_once)
{
	struct kvm_vcpu *vcpus[2];
	pthread_t threads[2];
	struct kvm_vm *vm;
	int i;

	vm = vm_create_with_vcpus(2, guest_count, vcpus);
	for (i = 0; i < 2; i++) {
		vcpu_args_set(vcpus[i], 1, (uint64_t)i);
		pthread_create(&threads[i], NULL, vcpu_thread, vcpus[i]);
	}
	for (i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	kvm_vm_free(vm);
}

TEST_HARNESS_MAIN
