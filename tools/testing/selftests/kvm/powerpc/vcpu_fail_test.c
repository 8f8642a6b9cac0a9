// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcpu_fail_test - a vCPU whose creation fails half-way leaves nothing
 * behind and its VM usable.
 *
 * With the kernel's fault injection (failslab, fail_page_alloc; debug
 * kernels only), KVM_CREATE_VCPU is made to fail at one allocation after
 * another: the 'space' attribute lets the first K units of allocations
 * through and fails the next one (times = 1), for this thread only
 * (task-filter, make-it-fail).  failslab counts bytes (object sizes),
 * fail_page_alloc pages (1 << order); K runs over 0..64 KiB in 64-byte
 * steps for slab objects and over 0..16 pages one page at a time, or
 * until K exceeds what a creation allocates.  Each creation must either
 * succeed or fail with ENOMEM.  A vCPU created in a VM after such failures
 * then runs a guest to GUEST_DONE.
 *
 * Leaks are found by the suite: on the debug kernel a kmemleak scan after
 * all tests fails the run on any unreferenced object.  This prints, for
 * each kind of injection, how many creations failed.
 *
 * Without fault injection in the kernel (no /sys/kernel/debug/failslab or
 * fail_page_alloc) the tests are skipped.
 */
#include <fcntl.h>
#include <sys/ioctl.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kselftest_harness.h"

#define SKIP_REASON	"fault injection not built in (debug kernel only)"

/* Stop once this many steps in a row injected nothing: K is past the end. */
#define QUIET_STEPS	8
/* Failing injection points replayed on the VM that then runs a vCPU. */
#define REPLAYS		4

/* Attributes this test changes, saved before the tests, restored after. */
static const char *const common_attrs[] = {
	"probability", "interval", "times", "space", "verbose", "task-filter",
	"ignore-gfp-wait",
};

struct fault_class {
	const char *name;
	const char *dir;
	const char *unit;		/* what 'space' counts */
	unsigned int step;
	unsigned int max_space;
	const char *const *extra;	/* class-specific attributes */
	const char *const *extra_val;	/* what this test sets them to */
	unsigned int nr_extra;
};

static const char *const slab_extra[] = { "cache-filter" };
static const char *const slab_extra_val[] = { "N" };
/* Fail order-0 pages too; leave user (highmem-flagged) pages alone. */
static const char *const page_extra[] = { "min-order", "ignore-gfp-highmem" };
static const char *const page_extra_val[] = { "0", "Y" };

static const struct fault_class classes[] = {
	{
		.name = "failslab",
		.dir = "/sys/kernel/debug/failslab",
		.unit = "bytes",
		.step = 64,
		.max_space = 64 << 10,
		.extra = slab_extra,
		.extra_val = slab_extra_val,
		.nr_extra = ARRAY_SIZE(slab_extra),
	},
	{
		.name = "fail_page_alloc",
		.dir = "/sys/kernel/debug/fail_page_alloc",
		.unit = "pages",
		.step = 1,
		.max_space = 16,
		.extra = page_extra,
		.extra_val = page_extra_val,
		.nr_extra = ARRAY_SIZE(page_extra),
	},
};

#define MAX_ATTRS	(ARRAY_SIZE(common_attrs) + 2)
static char saved[ARRAY_SIZE(classes)][MAX_ATTRS][32];

static bool have_class(const struct fault_class *c)
{
	return !access(c->dir, F_OK);
}

static const char *attr_name(const struct fault_class *c, unsigned int i)
{
	return i < ARRAY_SIZE(common_attrs) ? common_attrs[i] :
	       c->extra[i - ARRAY_SIZE(common_attrs)];
}

static unsigned int nr_attrs(const struct fault_class *c)
{
	return ARRAY_SIZE(common_attrs) + c->nr_extra;
}

static int __write_attr(const struct fault_class *c, const char *name,
			const char *val)
{
	char path[128];
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	r = write(fd, val, strlen(val));
	close(fd);
	return r == (ssize_t)strlen(val) ? 0 : -1;
}

static void write_attr(const struct fault_class *c, const char *name,
		       const char *val)
{
	TEST_ASSERT(!__write_attr(c, name, val), "writing '%s' to %s/%s: errno %d",
		    val, c->dir, name, errno);
}

static void write_attr_u(const struct fault_class *c, const char *name,
			 unsigned long val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lu", val);
	write_attr(c, name, buf);
}

static int __read_attr(const struct fault_class *c, const char *name,
		       char *buf, size_t size)
{
	char path[128];
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	r = read(fd, buf, size - 1);
	close(fd);
	if (r <= 0)
		return -1;
	buf[r] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static long read_attr_l(const struct fault_class *c, const char *name)
{
	char buf[32];

	TEST_ASSERT(!__read_attr(c, name, buf, sizeof(buf)),
		    "reading %s/%s: errno %d", c->dir, name, errno);
	return strtol(buf, NULL, 0);
}

static void save_attrs(void)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		if (!have_class(&classes[i]))
			continue;
		for (j = 0; j < nr_attrs(&classes[i]); j++)
			if (__read_attr(&classes[i], attr_name(&classes[i], j),
					saved[i][j], sizeof(saved[i][j])))
				saved[i][j][0] = 0;
	}
}

/* Probability first: nothing may fail while the rest is put back. */
static void restore_attrs(void)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		if (!have_class(&classes[i]))
			continue;
		__write_attr(&classes[i], "probability", "0");
		for (j = 0; j < nr_attrs(&classes[i]); j++)
			if (saved[i][j][0])
				__write_attr(&classes[i], attr_name(&classes[i], j),
					     saved[i][j]);
	}
}

static void disarm(const struct fault_class *c)
{
	if (have_class(c))
		write_attr(c, "probability", "0");
}

/* Fail allocations of this thread only, once, after 'space' is used up. */
static void arm(const struct fault_class *c)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(classes); i++)
		disarm(&classes[i]);
	write_attr(c, "task-filter", "Y");
	write_attr(c, "ignore-gfp-wait", "N");
	write_attr(c, "verbose", "0");
	write_attr(c, "interval", "1");
	write_attr(c, "times", "1");
	write_attr(c, "space", "0");
	for (i = 0; i < c->nr_extra; i++)
		write_attr(c, c->extra[i], c->extra_val[i]);
	write_attr(c, "probability", "100");
}

static int open_make_it_fail(void)
{
	int fd = open("/proc/thread-self/make-it-fail", O_WRONLY);

	if (fd < 0)
		fd = open("/proc/self/make-it-fail", O_WRONLY);
	TEST_ASSERT(fd >= 0, "no make-it-fail for this thread: errno %d", errno);
	return fd;
}

static void make_it_fail(int fd, bool on)
{
	TEST_ASSERT(write(fd, on ? "1" : "0", 1) == 1,
		    "writing make-it-fail: errno %d", errno);
}

/*
 * KVM_CREATE_VCPU @id on @vm_fd with the allocation after @space units
 * failing.  Only the ioctl runs while this thread may fail.  Returns the
 * ioctl's result (errno set); @injected says whether a failure was used.
 */
static int create_vcpu_failing(const struct fault_class *c, int mif, int vm_fd,
			       int id, unsigned int space, bool *injected)
{
	int fd, err;

	write_attr_u(c, "space", space);
	write_attr(c, "times", "1");
	make_it_fail(mif, true);
	fd = ioctl(vm_fd, KVM_CREATE_VCPU, id);
	err = errno;
	make_it_fail(mif, false);
	*injected = !read_attr_l(c, "times");
	errno = err;
	return fd;
}

static int create_raw_vm(int kvm_fd)
{
	int fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);

	TEST_ASSERT(fd >= 0, "KVM_CREATE_VM: errno %d", errno);
	return fd;
}

static void guest_done(void)
{
	GUEST_DONE();
}

static void check_failure(const struct fault_class *c, unsigned int space,
			  int fd)
{
	TEST_ASSERT(fd >= 0 || errno == ENOMEM,
		    "%s, space %u: KVM_CREATE_VCPU failed with errno %d (%s), not ENOMEM",
		    c->name, space, errno, strerror(errno));
}

static void run_class(const struct fault_class *c)
{
	unsigned int space, quiet = 0, points = 0, failed = 0, tolerated = 0;
	unsigned int replay[REPLAYS], nr_replay = 0, i;
	int kvm_fd, vm_fd = -1, mif, max_vcpus, nr = 0, fd, id;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	bool injected;

	kvm_fd = open_kvm_dev_path_or_exit();
	max_vcpus = min(kvm_check_cap(KVM_CAP_MAX_VCPUS),
			kvm_check_cap(KVM_CAP_MAX_VCPU_ID));
	TEST_ASSERT(max_vcpus > 0, "KVM_CAP_MAX_VCPUS %d", max_vcpus);
	mif = open_make_it_fail();
	arm(c);

	for (space = 0; space <= c->max_space; space += c->step) {
		/* A fresh VM once the last one is full. */
		if (vm_fd < 0 || nr == max_vcpus) {
			if (vm_fd >= 0)
				close(vm_fd);
			vm_fd = create_raw_vm(kvm_fd);
			nr = 0;
		}
		fd = create_vcpu_failing(c, mif, vm_fd, nr, space, &injected);
		check_failure(c, space, fd);
		points++;
		if (fd >= 0) {
			close(fd);
			nr++;
			tolerated += injected;
		} else {
			failed++;
			if (nr_replay < REPLAYS)
				replay[nr_replay++] = space;
		}
		quiet = injected ? 0 : quiet + 1;
		if (quiet == QUIET_STEPS)
			break;
	}
	if (vm_fd >= 0)
		close(vm_fd);
	ksft_print_msg("%s: %u injection points (space 0..%u %s, step %u)\n",
		       c->name, points, space > c->max_space ? c->max_space : space,
		       c->unit, c->step);
	ksft_print_msg("%s: %u creations failed with ENOMEM\n", c->name, failed);
	ksft_print_msg("%s: %u succeeded despite an injected failure\n", c->name,
		       tolerated);
	ksft_print_msg("%s: %u reached no injection\n", c->name,
		       points - failed - tolerated);
	TEST_ASSERT(failed, "%s: no KVM_CREATE_VCPU failed: the injection never reached it",
		    c->name);

	/* The same failures on a VM that then runs a vCPU. */
	vm = vm_create(1);
	id = 0;
	for (i = 0; i < nr_replay; i++) {
		fd = create_vcpu_failing(c, mif, vm->fd, id, replay[i], &injected);
		check_failure(c, replay[i], fd);
		if (fd >= 0) {
			close(fd);
			id++;
		}
	}
	disarm(c);
	close(mif);

	vcpu = vm_vcpu_add(vm, id, guest_done);
	TEST_ASSERT_EQ(ppc_run_ucall(vcpu, &uc), UCALL_DONE);
	kvm_vm_free(vm);
	close(kvm_fd);
}

TEST(failslab)
{
	if (!have_class(&classes[0]))
		SKIP(return, SKIP_REASON);
	run_class(&classes[0]);
}

TEST(fail_page_alloc)
{
	if (!have_class(&classes[1]))
		SKIP(return, SKIP_REASON);
	run_class(&classes[1]);
}

int main(int argc, char **argv)
{
	int r;

	save_attrs();
	r = test_harness_run(argc, argv);
	restore_attrs();
	return r;
}
