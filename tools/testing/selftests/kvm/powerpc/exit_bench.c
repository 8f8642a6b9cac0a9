// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit_bench - guest exit round trips per second, by exit kind.
 *
 * Not a test: it prints figures.  For each kind the guest makes N exits
 * in a loop and the host answers each; the rate is exits per second of
 * wall time.  Where the kernel exports them (ours does), the vCPU's binary
 * statistics give the hcalls made to the L0 per exit.
 *
 * Output, one line per kind:
 *   BENCH <kind> exits=<n> secs=<s> rate=<exits/s> l0_per_exit=<x|->
 *
 * Usage: exit_bench [iterations]   (default 3000)
 */
#include <stdlib.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"

#define MMIO_GPA	0x40000000UL
#define BENCH_HCALL	0xee08

enum kind { HCALL_USER, MMIO_LOAD, MMIO_STORE, NR_KINDS };

static const char *const kind_names[] = {
	[HCALL_USER] = "hcall-to-user",
	[MMIO_LOAD] = "mmio-load",
	[MMIO_STORE] = "mmio-store",
};

static void guest_code(uint64_t kind, uint64_t n)
{
	volatile uint32_t *mmio = (void *)MMIO_GPA;
	uint64_t i;

	for (i = 0; i < n; i++) {
		switch (kind) {
		case HCALL_USER:
			ppc_hcall1(BENCH_HCALL, i);
			break;
		case MMIO_LOAD:
			(void)*mmio;
			break;
		case MMIO_STORE:
			*mmio = i;
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

static void bench(enum kind kind, uint64_t n)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int64_t l0_before, l0_after;
	uint64_t exits = 0;
	struct ucall uc;
	double t0, t1;

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	virt_map(vm, MMIO_GPA, MMIO_GPA, 1);
	vcpu_args_set(vcpu, 2, (uint64_t)kind, n);

	/* Warm up: fault the guest's pages in before timing. */
	vcpu_run(vcpu);
	l0_before = l0_calls(vcpu);
	t0 = now();
	for (;;) {
		struct kvm_run *run = vcpu->run;

		if (run->exit_reason == KVM_EXIT_PAPR_HCALL &&
		    run->papr_hcall.nr == BENCH_HCALL) {
			run->papr_hcall.ret = H_SUCCESS;
		} else if (run->exit_reason == KVM_EXIT_MMIO) {
			memset(run->mmio.data, 0, sizeof(run->mmio.data));
		} else {
			switch (get_ucall(vcpu, &uc)) {
			case UCALL_DONE:
				goto done;
			case UCALL_ABORT:
				REPORT_GUEST_ASSERT(uc);
				break;
			default:
				TEST_FAIL("unexpected exit %u", run->exit_reason);
			}
		}
		exits++;
		vcpu_run(vcpu);
	}
done:
	t1 = now();
	l0_after = l0_calls(vcpu);
	printf("BENCH %s exits=%lu secs=%.3f rate=%.0f", kind_names[kind], exits,
	       t1 - t0, exits / (t1 - t0));
	if (l0_before >= 0 && exits)
		printf(" l0_per_exit=%.2f\n", (double)(l0_after - l0_before) / exits);
	else
		printf(" l0_per_exit=-\n");
	kvm_vm_free(vm);
}

int main(int argc, char *argv[])
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 3000;
	int k;

	for (k = 0; k < NR_KINDS; k++)
		bench(k, n);
	return 0;
}
