// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit_bench - the cost of a guest exit round trip, by exit kind.
 *
 * Not a test: it prints figures.  For each kind the guest makes N exits
 * in a loop and the host answers each (or the kernel does, for the kinds
 * that do not reach user space); the figure is the time per round trip.
 * Under QEMU's icount mode (-icount shift=0: one timebase nanosecond per
 * emulated instruction) that time is the number of instructions the L1
 * and L2 execute per round trip, exactly; under MTTCG it is wall time.
 * Where the kernel exports them (ours does), the vCPU's binary statistics
 * give the hypercalls made to the L0 per exit.
 *
 * Kinds:
 *   hcall-to-user    an hcall KVM leaves to user space (KVM_EXIT_PAPR_HCALL)
 *   hcall-in-kernel  H_PROD of the vCPU itself, answered in the kernel
 *   mmio-load        a load from an address no memslot backs (KVM_EXIT_MMIO)
 *   mmio-store       a store to it
 *   spr-exit         mfspr of an SPR KVM has no row for (KVM_EXIT_SPR; a
 *                    kernel without KVM_CAP_PPC_SPR_EXIT prints n/a)
 *   page-fault-in    the first touch of a host page of a new memslot (at
 *                    most 1024 of them)
 *
 * Output, one line per kind:
 *   BENCH <kind> exits=<n> secs=<s> rate=<exits/s> ns_per_exit=<ns>
 *         l0_per_exit=<x|->
 * or "BENCH <kind> n/a <why>".
 *
 * Usage: exit_bench [iterations [kind]]   (default 3000, every kind)
 *
 * The round trips are timed between exit_bench_window_open() and
 * exit_bench_window_close(), where scripts/profile/breakdown.sh's
 * instruction counter opens and closes its window.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"

#define MMIO_GPA	0x40000000UL
#define FAULT_GPA	0x80000000UL
#define FAULT_SLOT	1
#define BENCH_HCALL	0xee08
#define H_PROD		0xe8
#define SPR_UNKNOWN	5	/* no register-table row: KVM_EXIT_SPR */
#define FAULT_MAX	1024	/* pages touched by page-fault-in at most */

enum kind {
	HCALL_USER, HCALL_KERNEL, MMIO_LOAD, MMIO_STORE, SPR_EXIT, FAULT_IN,
	NR_KINDS
};

static const char *const kind_names[] = {
	[HCALL_USER] = "hcall-to-user",
	[HCALL_KERNEL] = "hcall-in-kernel",
	[MMIO_LOAD] = "mmio-load",
	[MMIO_STORE] = "mmio-store",
	[SPR_EXIT] = "spr-exit",
	[FAULT_IN] = "page-fault-in",
};

/* @stride: for FAULT_IN, the host page size. */
static void guest_code(uint64_t kind, uint64_t n, uint64_t stride)
{
	volatile uint32_t *mmio = (void *)MMIO_GPA;
	uint64_t i, v;

	/* The warm-up exit: code, stack and page tables are mapped by now. */
	GUEST_SYNC(0);
	for (i = 0; i < n; i++) {
		switch (kind) {
		case HCALL_USER:
			ppc_hcall1(BENCH_HCALL, i);
			break;
		case HCALL_KERNEL:
			ppc_hcall1(H_PROD, 0);
			break;
		case MMIO_LOAD:
			(void)*mmio;
			break;
		case MMIO_STORE:
			*mmio = i;
			break;
		case SPR_EXIT:
			asm volatile("mfspr %0, " __stringify(SPR_UNKNOWN)
				     : "=r"(v));
			break;
		case FAULT_IN:
			*(volatile uint64_t *)(FAULT_GPA + i * stride) = i;
			break;
		}
	}
	GUEST_DONE();
}

/* Sum of the named vCPU statistics, or -1 if the kernel has none of them. */
static int64_t l0_calls(struct kvm_vcpu *vcpu)
{
	static const char *const names[] = {
		"l0_run_vcpu", "l0_get_state", "l0_set_state", "l0_other",
	};
	struct kvm_stats_header h;
	struct kvm_stats_desc *d, *descs;
	int64_t sum = -1;
	uint64_t v;
	int fd, i;
	size_t j;

	fd = __vcpu_ioctl(vcpu, KVM_GET_STATS_FD, NULL);
	if (fd < 0)
		return -1;
	read_stats_header(fd, &h);
	descs = read_stats_descriptors(fd, &h);
	for (i = 0; i < (int)h.num_desc; i++) {
		d = get_stats_descriptor(descs, i, &h);
		for (j = 0; j < ARRAY_SIZE(names); j++) {
			if (strcmp(d->name, names[j]))
				continue;
			read_stat_data(fd, &h, d, &v, 1);
			sum = (sum < 0 ? 0 : sum) + v;
		}
	}
	free(descs);
	close(fd);
	return sum;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* KVM_EXIT_SPR for SPRs KVM has no row for; false if the kernel has none. */
static bool enable_spr_exit(struct kvm_vm *vm)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_PPC_SPR_EXIT,
		.args = { KVM_PPC_SPR_EXIT_UNKNOWN },
	};

	return !__vm_ioctl(vm, KVM_ENABLE_CAP, &cap);
}

/* Out of line, so that their addresses mark the timed window. */
noinline void exit_bench_window_open(void)
{
	asm volatile("" ::: "memory");
}

noinline void exit_bench_window_close(void)
{
	asm volatile("" ::: "memory");
}

static void bench(enum kind kind, uint64_t n)
{
	uint64_t stride = getpagesize(), exits = 0;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int64_t l0_before, l0_after;
	struct ucall uc;
	double t0, t1;

	if (kind == FAULT_IN && n > FAULT_MAX)
		n = FAULT_MAX;
	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	virt_map(vm, MMIO_GPA, MMIO_GPA, 1);
	if (kind == FAULT_IN) {
		uint64_t pages = n * stride / vm->page_size + 1;

		vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, FAULT_GPA,
					    FAULT_SLOT, pages, 0);
		virt_map(vm, FAULT_GPA, FAULT_GPA, pages);
	}
	if (kind == SPR_EXIT && !enable_spr_exit(vm)) {
		printf("BENCH %s n/a no KVM_CAP_PPC_SPR_EXIT\n", kind_names[kind]);
		kvm_vm_free(vm);
		return;
	}
	vcpu_args_set(vcpu, 3, (uint64_t)kind, n, stride);

	vcpu_run(vcpu);
	TEST_ASSERT_EQ(get_ucall(vcpu, &uc), UCALL_SYNC);
	l0_before = l0_calls(vcpu);
	exit_bench_window_open();
	t0 = now();
	vcpu_run(vcpu);
	for (;;) {
		struct kvm_run *run = vcpu->run;

		if (run->exit_reason == KVM_EXIT_PAPR_HCALL &&
		    run->papr_hcall.nr == BENCH_HCALL) {
			run->papr_hcall.ret = H_SUCCESS;
		} else if (run->exit_reason == KVM_EXIT_MMIO) {
			memset(run->mmio.data, 0, sizeof(run->mmio.data));
		} else if (run->exit_reason == KVM_EXIT_SPR) {
			run->spr.value = exits;
			run->spr.status = KVM_SPR_STATUS_OK;
		} else {
			switch (get_ucall(vcpu, &uc)) {
			case UCALL_DONE:
				goto done;
			case UCALL_ABORT:
				REPORT_GUEST_ASSERT(uc);
				break;
			default:
				TEST_FAIL("%s: unexpected exit %u",
					  kind_names[kind], run->exit_reason);
			}
		}
		exits++;
		vcpu_run(vcpu);
	}
done:
	t1 = now();
	exit_bench_window_close();
	l0_after = l0_calls(vcpu);
	/* The kinds the kernel answers come back to user space only at the end. */
	if (kind == HCALL_KERNEL || kind == FAULT_IN) {
		TEST_ASSERT(!exits, "%s: %lu exits to user space",
			    kind_names[kind], exits);
		exits = n;
	}
	TEST_ASSERT(exits == n, "%s: %lu exits, expected %lu",
		    kind_names[kind], exits, n);
	printf("BENCH %s exits=%lu secs=%.6f rate=%.0f ns_per_exit=%.0f",
	       kind_names[kind], exits, t1 - t0, exits / (t1 - t0),
	       (t1 - t0) * 1e9 / exits);
	if (l0_before >= 0 && exits)
		printf(" l0_per_exit=%.2f\n", (double)(l0_after - l0_before) / exits);
	else
		printf(" l0_per_exit=-\n");
	kvm_vm_free(vm);
}

int main(int argc, char *argv[])
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 3000;
	int k, ran = 0;

	TEST_ASSERT(n > 0, "iterations must be positive");
	for (k = 0; k < NR_KINDS; k++) {
		if (argc > 2 && strcmp(argv[2], kind_names[k]))
			continue;
		bench(k, n);
		ran++;
	}
	TEST_ASSERT(ran, "no exit kind %s", argc > 2 ? argv[2] : "");
	return 0;
}
