// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_time_test - time a vCPU thread spends running its guest is guest
 * time: the thread's guest_time in /proc (field 43 of its stat) grows by
 * about as long as the guest ran, as on every other KVM port (guest entry
 * and exit accounting around the L0 call that runs the guest).
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

/*
 * How long the guest spins, and how much of it must count as guest time.
 * Timebase accounting gets nearly all of it; tick-based accounting counts
 * one tick per timer interrupt, and under emulation each exit to the host
 * can take milliseconds, during which ticks go uncounted: a third of the
 * spin, seen on a loaded machine.  Without the accounting, none.
 */
#define SPIN_MS		600
#define MIN_SHARE	10	/* percent */

static void guest_spin(uint64_t ticks)
{
	uint64_t end = mftb() + ticks;

	while (mftb() < end)
		;
	GUEST_DONE();
}

static uint64_t timebase_hz(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	unsigned long long hz = 0;
	char line[256];

	TEST_ASSERT(f, "/proc/cpuinfo: %s", strerror(errno));
	while (!hz && fgets(line, sizeof(line), f))
		if (sscanf(line, "timebase : %llu", &hz) != 1)
			hz = 0;
	fclose(f);
	TEST_ASSERT(hz, "no timebase line in /proc/cpuinfo");
	return hz;
}

struct times {
	unsigned long long utime, stime, gtime;	/* fields 14, 15 and 43 */
};

/* This thread's times so far, in clock ticks, from its stat. */
static struct times thread_times(void)
{
	char path[64], buf[1024], *p;
	struct times t = { 0 };
	int field;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat",
		 (long)syscall(SYS_gettid));
	f = fopen(path, "r");
	TEST_ASSERT(f, "%s: %s", path, strerror(errno));
	TEST_ASSERT(fgets(buf, sizeof(buf), f), "%s: empty", path);
	fclose(f);
	/* The command name (field 2) may hold spaces: count after its ')'. */
	p = strrchr(buf, ')');
	TEST_ASSERT(p, "%s: no command name", path);
	for (field = 3; field <= 43 && p; field++) {
		p = strchr(p + 1, ' ');
		if (field == 14)
			sscanf(p, " %llu", &t.utime);
		else if (field == 15)
			sscanf(p, " %llu", &t.stime);
	}
	TEST_ASSERT(p && sscanf(p, " %llu", &t.gtime) == 1,
		    "%s: no field 43", path);
	return t;
}

KVM_ONE_VCPU_TEST_SUITE(guest_time);

KVM_ONE_VCPU_TEST(guest_time, spin_is_guest_time, guest_spin)
{
	long hz = sysconf(_SC_CLK_TCK);
	struct times before, after;
	unsigned long long want;
	struct ucall uc;

	vcpu_args_set(vcpu, 1, timebase_hz() * SPIN_MS / 1000);
	before = thread_times();
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
	after = thread_times();

	want = hz * SPIN_MS / 1000 * MIN_SHARE / 100;
	TEST_ASSERT(after.gtime - before.gtime >= want,
		    "%d ms in the guest gave %llu ticks of guest time (want >= %llu at %ld Hz; utime %llu, stime %llu)",
		    SPIN_MS, after.gtime - before.gtime, want, hz,
		    after.utime - before.utime, after.stime - before.stime);
}

TEST_HARNESS_MAIN
