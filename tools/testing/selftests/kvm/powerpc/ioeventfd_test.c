// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioeventfd_test - guest stores handled by KVM's in-kernel MMIO bus:
 *
 *  - a 4- or 8-byte store to an address an ioeventfd (KVM_IOEVENTFD)
 *    covers signals its eventfd and does not leave KVM_RUN: N stores, N
 *    counts;
 *  - with KVM_IOEVENTFD_FLAG_DATAMATCH only stores of the matching value
 *    signal; any other value leaves KVM_RUN as KVM_EXIT_MMIO with the
 *    stored bytes;
 *  - once deassigned, the ioeventfd no longer fires and stores exit to
 *    user space again; deassigning it twice fails with ENOENT;
 *  - stores into a coalesced MMIO zone (KVM_REGISTER_COALESCED_MMIO) do
 *    not exit; they are in the ring on the vCPU's mmap at the page
 *    KVM_CAP_COALESCED_MMIO names, in order, with their address, length
 *    and bytes in memory order; a load from the zone still exits as
 *    KVM_EXIT_MMIO.
 *
 * None of the addresses has a memslot: without the in-kernel bus every
 * one of these accesses would be a KVM_EXIT_MMIO.
 */
#include <sys/eventfd.h>
#include <sys/mman.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define IOEV_GPA	0x90000000UL
#define COAL_GPA	0x90010000UL	/* the next guest page */
#define COAL_SIZE	0x100UL
#define NR_STORES	5

#define DATA_MATCH32	0x1234UL
#define DATA_OTHER32	0x5678UL
#define DATA_MATCH64	0x1122334455667788UL
#define DATA_OTHER64	0x1122334455667789UL

#define P(gpa)	((void *)(gpa))

static void store32(uint64_t gpa, uint64_t v)
{
	asm volatile("stw %0,0(%1)" : : "r"(v), "b"(P(gpa)) : "memory");
}

static void store64(uint64_t gpa, uint64_t v)
{
	asm volatile("std %0,0(%1)" : : "r"(v), "b"(P(gpa)) : "memory");
}

static void map_mmio(struct kvm_vm *vm)
{
	/* Guest virtual == guest real, for two pages no memslot backs. */
	virt_map(vm, IOEV_GPA, IOEV_GPA, 2);
}

static int new_eventfd(void)
{
	int fd = eventfd(0, EFD_NONBLOCK);

	TEST_ASSERT(fd >= 0, "eventfd: errno %d", errno);
	return fd;
}

static int __ioeventfd(struct kvm_vm *vm, uint64_t gpa, uint32_t len, int fd,
		       uint32_t flags, uint64_t datamatch)
{
	struct kvm_ioeventfd ioev = {
		.datamatch = datamatch,
		.addr = gpa,
		.len = len,
		.fd = fd,
		.flags = flags,
	};

	return __vm_ioctl(vm, KVM_IOEVENTFD, &ioev);
}

static void ioeventfd(struct kvm_vm *vm, uint64_t gpa, uint32_t len, int fd,
		      uint32_t flags, uint64_t datamatch)
{
	int r = __ioeventfd(vm, gpa, len, fd, flags, datamatch);

	TEST_ASSERT(!r, "KVM_IOEVENTFD at %#lx, length %u, flags %#x: errno %d",
		    gpa, len, flags, errno);
}

/* Run to a ucall; a KVM_EXIT_MMIO on the way fails with where it went. */
static uint64_t run_no_mmio(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	struct kvm_run *run = vcpu->run;

	vcpu_run(vcpu);
	TEST_ASSERT(run->exit_reason != KVM_EXIT_MMIO,
		    "%s of %u bytes at %#llx left KVM_RUN as KVM_EXIT_MMIO",
		    run->mmio.is_write ? "store" : "load", run->mmio.len,
		    run->mmio.phys_addr);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	if (get_ucall(vcpu, uc) == UCALL_ABORT)
		REPORT_GUEST_ASSERT(*uc);
	return uc->cmd;
}

/* Run to a KVM_EXIT_MMIO, which must be what @write, @gpa, @len say. */
static void expect_mmio(struct kvm_vcpu *vcpu, bool write, uint64_t gpa,
			uint32_t len, uint64_t data)
{
	struct kvm_run *run = vcpu->run;
	uint64_t got = 0;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_MMIO);
	TEST_ASSERT(run->mmio.phys_addr == gpa && run->mmio.len == len &&
		    run->mmio.is_write == write,
		    "KVM_EXIT_MMIO: %s of %u bytes at %#llx, expected a %s of %u at %#lx",
		    run->mmio.is_write ? "store" : "load", run->mmio.len,
		    run->mmio.phys_addr, write ? "store" : "load", len, gpa);
	if (!write) {
		/* A little-endian guest: the low byte first. */
		memcpy(run->mmio.data, &data, len);
		return;
	}
	memcpy(&got, run->mmio.data, len);
	TEST_ASSERT(got == data, "KVM_EXIT_MMIO store of %#lx, expected %#lx",
		    got, data);
}

static void guest_plain(uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		store32(IOEV_GPA, i);
	for (i = 0; i < n; i++)
		store64(IOEV_GPA + 8, i << 32 | i);
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST_SUITE(ioeventfd);

KVM_ONE_VCPU_TEST(ioeventfd, stores_signal, guest_plain)
{
	struct ucall uc;
	int fd4, fd8;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_IOEVENTFD));
	fd4 = new_eventfd();
	fd8 = new_eventfd();
	map_mmio(vcpu->vm);
	ioeventfd(vcpu->vm, IOEV_GPA, 4, fd4, 0, 0);
	ioeventfd(vcpu->vm, IOEV_GPA + 8, 8, fd8, 0, 0);
	vcpu_args_set(vcpu, 1, (uint64_t)NR_STORES);

	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_DONE);
	TEST_ASSERT_EQ(eventfd_count(fd4), NR_STORES);
	TEST_ASSERT_EQ(eventfd_count(fd8), NR_STORES);
	close(fd4);
	close(fd8);
}

static void guest_datamatch(void)
{
	store32(IOEV_GPA + 0x10, DATA_MATCH32);
	store32(IOEV_GPA + 0x10, DATA_OTHER32);
	store32(IOEV_GPA + 0x10, DATA_MATCH32);
	store64(IOEV_GPA + 0x18, DATA_MATCH64);
	store64(IOEV_GPA + 0x18, DATA_OTHER64);
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST(ioeventfd, datamatch, guest_datamatch)
{
	struct ucall uc;
	int fd4, fd8;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_IOEVENTFD));
	fd4 = new_eventfd();
	fd8 = new_eventfd();
	map_mmio(vcpu->vm);
	ioeventfd(vcpu->vm, IOEV_GPA + 0x10, 4, fd4,
		  KVM_IOEVENTFD_FLAG_DATAMATCH, DATA_MATCH32);
	ioeventfd(vcpu->vm, IOEV_GPA + 0x18, 8, fd8,
		  KVM_IOEVENTFD_FLAG_DATAMATCH, DATA_MATCH64);

	/* The first store matches and signals; the second goes to user space. */
	expect_mmio(vcpu, true, IOEV_GPA + 0x10, 4, DATA_OTHER32);
	TEST_ASSERT_EQ(eventfd_count(fd4), 1);
	expect_mmio(vcpu, true, IOEV_GPA + 0x18, 8, DATA_OTHER64);
	TEST_ASSERT_EQ(eventfd_count(fd4), 1);
	TEST_ASSERT_EQ(eventfd_count(fd8), 1);
	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_DONE);
	TEST_ASSERT_EQ(eventfd_count(fd4), 0);
	TEST_ASSERT_EQ(eventfd_count(fd8), 0);
	close(fd4);
	close(fd8);
}

static void guest_deassign(void)
{
	store32(IOEV_GPA + 0x20, 1);
	GUEST_SYNC(1);
	store32(IOEV_GPA + 0x20, 2);
	GUEST_DONE();
}

KVM_ONE_VCPU_TEST(ioeventfd, deassign, guest_deassign)
{
	struct ucall uc;
	int fd, r;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_IOEVENTFD));
	fd = new_eventfd();
	map_mmio(vcpu->vm);
	ioeventfd(vcpu->vm, IOEV_GPA + 0x20, 4, fd, 0, 0);

	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT_EQ(eventfd_count(fd), 1);

	ioeventfd(vcpu->vm, IOEV_GPA + 0x20, 4, fd, KVM_IOEVENTFD_FLAG_DEASSIGN, 0);
	r = __ioeventfd(vcpu->vm, IOEV_GPA + 0x20, 4, fd,
			KVM_IOEVENTFD_FLAG_DEASSIGN, 0);
	TEST_ASSERT(r == -1 && errno == ENOENT,
		    "deassigning it again: %d, errno %d", r, errno);

	expect_mmio(vcpu, true, IOEV_GPA + 0x20, 4, 2);
	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_DONE);
	TEST_ASSERT_EQ(eventfd_count(fd), 0);
	close(fd);
}

static void guest_coalesced(void)
{
	uint64_t v;

	asm volatile("stb %0,0(%1)" : : "r"(0x5aUL), "b"(P(COAL_GPA)) : "memory");
	asm volatile("sth %0,0(%1)" : : "r"(0x1234UL), "b"(P(COAL_GPA + 2)) : "memory");
	store32(COAL_GPA + 4, 0x11223344UL);
	store64(COAL_GPA + 8, 0x1122334455667788UL);
	GUEST_SYNC(1);
	asm volatile("lwz %0,0(%1)" : "=r"(v) : "b"(P(COAL_GPA + 0x10)) : "memory");
	GUEST_SYNC(v);
	GUEST_DONE();
}

struct coalesced_entry {
	uint64_t gpa;
	uint32_t len;
	uint8_t data[8];
};

static const struct coalesced_entry coalesced_want[] = {
	{ COAL_GPA, 1, { 0x5a } },
	{ COAL_GPA + 2, 2, { 0x34, 0x12 } },
	{ COAL_GPA + 4, 4, { 0x44, 0x33, 0x22, 0x11 } },
	{ COAL_GPA + 8, 8, { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 } },
};

KVM_ONE_VCPU_TEST(ioeventfd, coalesced_mmio, guest_coalesced)
{
	struct kvm_coalesced_mmio_zone zone = { .addr = COAL_GPA, .size = COAL_SIZE };
	long page = getpagesize();
	struct kvm_coalesced_mmio_ring *ring;
	uint32_t max, n, i, idx;
	struct ucall uc;
	int offset;

	offset = kvm_check_cap(KVM_CAP_COALESCED_MMIO);
	TEST_REQUIRE(offset);
	TEST_ASSERT(offset == KVM_COALESCED_MMIO_PAGE_OFFSET,
		    "KVM_CAP_COALESCED_MMIO is %d, the uapi page offset is %d",
		    offset, KVM_COALESCED_MMIO_PAGE_OFFSET);
	map_mmio(vcpu->vm);
	vm_ioctl(vcpu->vm, KVM_REGISTER_COALESCED_MMIO, &zone);
	ring = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu->fd,
		    offset * page);
	TEST_ASSERT(ring != MAP_FAILED, "mmap of the ring: errno %d", errno);
	max = (page - sizeof(*ring)) / sizeof(ring->coalesced_mmio[0]);
	TEST_ASSERT(ring->first == ring->last, "ring not empty: first %u, last %u",
		    ring->first, ring->last);

	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_SYNC);
	n = (ring->last + max - ring->first) % max;
	TEST_ASSERT(n == ARRAY_SIZE(coalesced_want),
		    "%u entries in the ring (first %u, last %u), expected %zu",
		    n, ring->first, ring->last, ARRAY_SIZE(coalesced_want));
	for (i = 0; i < n; i++) {
		const struct coalesced_entry *w = &coalesced_want[i];
		struct kvm_coalesced_mmio *e;

		idx = (ring->first + i) % max;
		e = &ring->coalesced_mmio[idx];
		TEST_ASSERT(e->phys_addr == w->gpa && e->len == w->len && !e->pio,
			    "entry %u: %u bytes at %#llx (pio %u), expected %u at %#lx",
			    i, e->len, e->phys_addr, e->pio, w->len, w->gpa);
		TEST_ASSERT(!memcmp(e->data, w->data, w->len),
			    "entry %u: data %02x %02x %02x %02x %02x %02x %02x %02x",
			    i, e->data[0], e->data[1], e->data[2], e->data[3],
			    e->data[4], e->data[5], e->data[6], e->data[7]);
	}
	ring->first = ring->last;

	/* Loads are not coalesced: this one goes to user space. */
	expect_mmio(vcpu, false, COAL_GPA + 0x10, 4, 0xdeadbeef);
	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_SYNC);
	TEST_ASSERT(uc.args[1] == 0xdeadbeef, "guest loaded %#lx", uc.args[1]);
	TEST_ASSERT(ring->first == ring->last, "the load added to the ring: first %u, last %u",
		    ring->first, ring->last);
	TEST_ASSERT_EQ(run_no_mmio(vcpu, &uc), UCALL_DONE);
	munmap(ring, page);
}

TEST_HARNESS_MAIN
