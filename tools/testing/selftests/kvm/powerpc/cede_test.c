// SPDX-License-Identifier: GPL-2.0-only
/*
 * cede_test - the hcalls QEMU leaves to the kernel, made by guests:
 *
 *  - H_CEDE sleeps in the kernel (no exit to user space) until the
 *    guest's decrementer expires, and returns with MSR[EE] set, so the
 *    decrementer interrupt follows at once (0x900);
 *  - a ceded vCPU whose decrementer is far away is woken by
 *    KVM_INTERRUPT from another thread and takes the external interrupt
 *    (0x500);
 *  - H_PROD(id) from another vCPU wakes a ceded vCPU, and makes the next
 *    cede of a vCPU that is not ceded return at once; H_PROD of an id no
 *    vCPU has is H_PARAMETER;
 *  - H_CONFER(-1) and H_CONFER(own id) are H_SUCCESS in the kernel;
 *  - H_SET_MODE sets DAWR0/DAWRX0 (without DAWRX[HYP]) and CIABR in the
 *    kernel, refuses a hypervisor CIABR (H_P3) and mflags
 *    (H_UNSUPPORTED_FLAG_START), hands the LE and AIL resources to user
 *    space, and sets DAWR1 only once KVM_CAP_PPC_DAWR1 is enabled
 *    (H_FUNCTION before);
 *  - H_PAGE_INIT zeroes or copies a 4 KiB page of guest memory once
 *    enabled (KVM_CAP_PPC_ENABLE_HCALL), refuses misaligned pages and
 *    unknown flags (H_PARAMETER), and goes to user space before;
 *  - H_LOGICAL_CI_LOAD of an address no in-kernel device claims goes to
 *    user space, enabled or not; H_LOGICAL_CI_STORE to an ioeventfd
 *    signals it in the kernel once enabled.
 *
 * "In the kernel" is checked twice: KVM_RUN returns only for the ucalls
 * (any other hcall exit fails the test), and the vCPU's
 * hcall_exit_kernel/hcall_exit_user statistics count what was done where
 * (upstream's backend, "test.sh --kernel base", has no such statistics).
 *
 * The guest measures time with its timebase (the frequency is read from
 * /proc/cpuinfo and handed to it as DEC ticks).  It gets its own handlers
 * at 0x500 and 0x900 in place of the library's stubs: they count the
 * interrupt in SPRG2 (external) or SPRG1 (decrementer) and return; the
 * decrementer handler pushes the DEC far out, the external one returns
 * with MSR[EE] clear.  A far decrementer is 0x7fffffff ticks (over four
 * seconds at 512 MHz), so a wake-up that never comes still ends the cede
 * and fails the time bound.
 */
#include <pthread.h>
#include <sys/eventfd.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"
#include "hcall.h"
#include "ucall_common.h"
#include "kvm_test_harness.h"

#define H_PARAMETER		(-4)
#define H_FUNCTION		(-2)
#define H_P3			(-56)
#define H_UNSUPPORTED_FLAG_START (-256)

#define H_PAGE_INIT		0x2c
#define H_LOGICAL_CI_LOAD	0x3c
#define H_LOGICAL_CI_STORE	0x40
#define H_CEDE			0xe0
#define H_CONFER		0xe4
#define H_PROD			0xe8
#define H_SET_MODE		0x31c

#define H_ICACHE_INVALIDATE	(1UL << (63 - 40))
#define H_ICACHE_SYNCHRONIZE	(1UL << (63 - 41))
#define H_ZERO_PAGE		(1UL << (63 - 48))
#define H_COPY_PAGE		(1UL << (63 - 49))

#define H_SET_MODE_CIABR	1
#define H_SET_MODE_DAWR0	2
#define H_SET_MODE_AIL		3
#define H_SET_MODE_LE		4
#define H_SET_MODE_DAWR1	5

#define DAWRX_USER		(1UL << 0)
#define DAWRX_KERNEL		(1UL << 1)
#define DAWRX_HYP		(1UL << 2)
#define DAWRX_DR		(1UL << 5)
#define DAWRX_DW		(1UL << 6)
#define CIABR_PRIV_USER		1
#define CIABR_PRIV_HYPER	3

#define SPRN_DEC		22
#define SPRN_SPRG0		272
#define SPRN_SPRG1		273
#define SPRN_SPRG2		274

#define DEC_FAR			0x7fffffffUL
#define CEDE_DEC_MS		20
#define LIMIT_MS		2000
#define IRQ_DELAY_MS		100
#define PROD_DELAY_MS		200
/* A cede that slept until it was woken, not one that returned at once. */
#define MIN_SLEEP_MS		30

#define NO_DEVICE_GPA		0x90000000UL	/* no memslot, no device */
#define IOEVENTFD_GPA		0x90001000UL

#define mtspr(sprn, v)							\
do {									\
	asm volatile("mtspr " __stringify(sprn) ",%0"			\
		     : : "r"((uint64_t)(v)) : "memory");		\
} while (0)

static inline uint64_t mfmsr(void)
{
	uint64_t msr;

	asm volatile("mfmsr %0" : "=r"(msr));
	return msr;
}

static inline void ee_off(void)
{
	asm volatile("mtmsrd %0,1" : : "r"(MSR_RI) : "memory");
}

/* Guest interrupt handlers (real mode, little-endian). */
#define INSN_SPR(spr)		((((spr) & 0x1f) << 16) | (((spr) >> 5) << 11))
#define INSN_MTSPR(spr, rs)	(0x7c0003a6u | (rs) << 21 | INSN_SPR(spr))
#define INSN_MFSPR(rt, spr)	(0x7c0002a6u | (rt) << 21 | INSN_SPR(spr))
#define INSN_ADDI(rt, ra, i)	(0x38000000u | (rt) << 21 | (ra) << 16 | ((i) & 0xffff))
#define INSN_ADDIS(rt, ra, i)	(0x3c000000u | (rt) << 21 | (ra) << 16 | ((i) & 0xffff))
#define INSN_ORI(ra, rs, i)	(0x60000000u | (rs) << 21 | (ra) << 16 | ((i) & 0xffff))
#define INSN_XORI(ra, rs, i)	(0x68000000u | (rs) << 21 | (ra) << 16 | ((i) & 0xffff))
#define INSN_RFID		0x4c000024u

/* 0x900: SPRG1++, DEC = 0x7fffffff, back to where it was (EE still on). */
static const uint32_t dec_handler[] = {
	INSN_MTSPR(SPRN_SPRG0, 3),
	INSN_MFSPR(3, SPRN_SPRG1),
	INSN_ADDI(3, 3, 1),
	INSN_MTSPR(SPRN_SPRG1, 3),
	INSN_ADDIS(3, 0, 0x7fff),
	INSN_ORI(3, 3, 0xffff),
	INSN_MTSPR(SPRN_DEC, 3),
	INSN_MFSPR(3, SPRN_SPRG0),
	INSN_RFID,
};

/* 0x500: SPRG2++, back with MSR[EE] clear (it was set, or no interrupt). */
static const uint32_t ext_handler[] = {
	INSN_MTSPR(SPRN_SPRG0, 3),
	INSN_MFSPR(3, SPRN_SPRG2),
	INSN_ADDI(3, 3, 1),
	INSN_MTSPR(SPRN_SPRG2, 3),
	INSN_MFSPR(3, SPRN_SRR1),
	INSN_XORI(3, 3, MSR_EE),
	INSN_MTSPR(SPRN_SRR1, 3),
	INSN_MFSPR(3, SPRN_SPRG0),
	INSN_RFID,
};

static void install_handlers(struct kvm_vm *vm)
{
	uint8_t *page0 = addr_gpa2hva(vm, 0);

	memcpy(page0 + 0x500, ext_handler, sizeof(ext_handler));
	memcpy(page0 + 0x900, dec_handler, sizeof(dec_handler));
}

/*
 * Cede with the decrementer @dec ticks away; report stage @stage with the
 * return code, the timebase ticks the cede took, the MSR after it and
 * the decrementer and external interrupts taken since the counters were
 * last cleared.
 */
static void cede_and_report(uint64_t stage, uint64_t dec)
{
	uint64_t t0, t1, rc, msr;

	t0 = mftb();
	mtspr(SPRN_DEC, dec);
	rc = ppc_hcall4_out(H_CEDE, 0, 0, 0, 0, NULL);
	t1 = mftb();
	msr = mfmsr();
	ee_off();
	GUEST_SYNC6(stage, rc, t1 - t0, msr, mfspr(SPRN_SPRG1), mfspr(SPRN_SPRG2));
}

static void clear_counters(void)
{
	mtspr(SPRN_SPRG1, 0);
	mtspr(SPRN_SPRG2, 0);
}

struct cede_report {
	int64_t rc;
	uint64_t ticks;
	uint64_t msr;
	uint64_t decs;
	uint64_t exts;
};

static struct cede_report to_report(const struct ucall *uc)
{
	return (struct cede_report){
		.rc = uc->args[1], .ticks = uc->args[2], .msr = uc->args[3],
		.decs = uc->args[4], .exts = uc->args[5],
	};
}

/* Timebase ticks per millisecond, from /proc/cpuinfo ("timebase : N"). */
static uint64_t tb_per_ms(void)
{
	static uint64_t hz;
	char line[256];
	FILE *f;

	if (hz)
		return hz / 1000;
	f = fopen("/proc/cpuinfo", "r");
	TEST_ASSERT(f, "/proc/cpuinfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "timebase : %lu", &hz) == 1)
			break;
	fclose(f);
	TEST_ASSERT(hz >= 1000000, "no timebase frequency in /proc/cpuinfo");
	TEST_ASSERT(DEC_FAR / (hz / 1000) > 2 * LIMIT_MS,
		    "timebase %lu Hz: DEC %#lx is not far enough", hz, DEC_FAR);
	return hz / 1000;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * The vCPU statistic @name; ~0 if there is none, which only a backend
 * other than ours (no KVM_CAP_PPC_BACKEND: upstream's) may lack.
 */
static uint64_t vcpu_stat(struct kvm_vcpu *vcpu, const char *name)
{
	struct kvm_stats_desc *descs, *d;
	struct kvm_stats_header hdr;
	uint64_t v = ~0UL;
	bool found = false;
	int fd, i;

	fd = vcpu_get_stats_fd(vcpu);
	read_stats_header(fd, &hdr);
	descs = read_stats_descriptors(fd, &hdr);
	for (i = 0; i < hdr.num_desc; i++) {
		d = get_stats_descriptor(descs, i, &hdr);
		if (strcmp(d->name, name))
			continue;
		read_stat_data(fd, &hdr, d, &v, 1);
		found = true;
		break;
	}
	free(descs);
	close(fd);
	TEST_ASSERT(found || !kvm_check_cap(KVM_CAP_PPC_BACKEND),
		    "no vCPU statistic %s", name);
	return v;
}

struct hcall_stats {
	uint64_t kernel;
	uint64_t user;
};

static struct hcall_stats hcall_stats(struct kvm_vcpu *vcpu)
{
	return (struct hcall_stats){
		.kernel = vcpu_stat(vcpu, "hcall_exit_kernel"),
		.user = vcpu_stat(vcpu, "hcall_exit_user"),
	};
}

/* hcall_exit_kernel and hcall_exit_user went up by @kernel and @user. */
static void check_stats(struct kvm_vcpu *vcpu, const struct hcall_stats *before,
			uint64_t kernel, uint64_t user)
{
	struct hcall_stats now = hcall_stats(vcpu);

	if (now.kernel == ~0UL || now.user == ~0UL)
		return;
	TEST_ASSERT(now.kernel - before->kernel == kernel &&
		    now.user - before->user == user,
		    "vCPU %u: %lu hcalls in the kernel and %lu in user space, expected %lu and %lu",
		    vcpu->id, now.kernel - before->kernel, now.user - before->user,
		    kernel, user);
}

/*
 * Run to the next ucall, which must be a UCALL_SYNC of @stage (or
 * UCALL_DONE for @stage -1): any other hcall that leaves KVM_RUN fails.
 */
static void run_to_sync(struct kvm_vcpu *vcpu, uint64_t stage, struct ucall *uc)
{
	struct kvm_run *run = vcpu->run;
	uint64_t cmd;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	TEST_ASSERT(run->papr_hcall.nr == PPC_HCALL_UCALL,
		    "vCPU %u: hcall %#llx (%#llx, %#llx, %#llx, %#llx) left KVM_RUN, expected it done in the kernel",
		    vcpu->id, run->papr_hcall.nr, run->papr_hcall.args[0],
		    run->papr_hcall.args[1], run->papr_hcall.args[2],
		    run->papr_hcall.args[3]);
	cmd = get_ucall(vcpu, uc);
	if (cmd == UCALL_ABORT)
		REPORT_GUEST_ASSERT(*uc);
	if (stage == (uint64_t)-1) {
		TEST_ASSERT(cmd == UCALL_DONE, "vCPU %u: ucall %lu, expected UCALL_DONE",
			    vcpu->id, cmd);
		return;
	}
	TEST_ASSERT(cmd == UCALL_SYNC && uc->args[0] == stage,
		    "vCPU %u: ucall %lu stage %lu, expected UCALL_SYNC stage %lu",
		    vcpu->id, cmd, uc->args[0], stage);
}

static void run_to_done(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	run_to_sync(vcpu, -1, &uc);
}

/* Run to an hcall @nr that reaches user space; its kvm_run. */
static struct kvm_run *expect_user_hcall(struct kvm_vcpu *vcpu, uint64_t nr)
{
	struct kvm_run *run = vcpu->run;
	struct ucall uc;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_PAPR_HCALL);
	if (run->papr_hcall.nr == PPC_HCALL_UCALL) {
		if (get_ucall(vcpu, &uc) == UCALL_ABORT)
			REPORT_GUEST_ASSERT(uc);
		TEST_FAIL("ucall %lu, expected hcall %#lx to reach user space",
			  uc.cmd, nr);
	}
	TEST_ASSERT(run->papr_hcall.nr == nr, "hcall %#llx left KVM_RUN, expected %#lx",
		    run->papr_hcall.nr, nr);
	return run;
}

static void enable_hcall(struct kvm_vm *vm, uint64_t nr)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = { nr, 1 },
	};

	vm_ioctl(vm, KVM_ENABLE_CAP, &cap);
}

static void check_cede_time(const struct cede_report *r, uint64_t min_ms)
{
	uint64_t tpm = tb_per_ms();

	pr_info("cede: rc %ld, %lu.%03lu ms, MSR %#lx, %lu DEC and %lu external interrupts\n",
		r->rc, r->ticks / tpm, (r->ticks % tpm) * 1000 / tpm, r->msr,
		r->decs, r->exts);
	TEST_ASSERT(r->rc == H_SUCCESS, "H_CEDE returned %ld", r->rc);
	TEST_ASSERT(r->ticks >= min_ms * tpm,
		    "H_CEDE returned after %lu ticks (%lu ms), expected at least %lu ms",
		    r->ticks, r->ticks / tpm, min_ms);
	TEST_ASSERT(r->ticks < LIMIT_MS * tpm,
		    "H_CEDE returned after %lu ms, expected under %u ms",
		    r->ticks / tpm, LIMIT_MS);
}

KVM_ONE_VCPU_TEST_SUITE(cede);

static void guest_cede(uint64_t dec)
{
	clear_counters();
	GUEST_SYNC1(0);
	cede_and_report(1, dec);
	GUEST_DONE();
}

/* (a) Asleep in the kernel until the decrementer, which then interrupts. */
KVM_ONE_VCPU_TEST(cede, until_decrementer, guest_cede)
{
	struct cede_report r;
	struct hcall_stats st;
	uint64_t t0, host_ms;
	struct ucall uc;

	install_handlers(vcpu->vm);
	vcpu_args_set(vcpu, 1, CEDE_DEC_MS * tb_per_ms());
	run_to_sync(vcpu, 0, &uc);

	st = hcall_stats(vcpu);
	t0 = now_ms();
	run_to_sync(vcpu, 1, &uc);
	host_ms = now_ms() - t0;
	r = to_report(&uc);
	check_cede_time(&r, CEDE_DEC_MS);
	TEST_ASSERT(host_ms < LIMIT_MS, "KVM_RUN took %lu ms", host_ms);
	TEST_ASSERT(r.msr & MSR_EE, "MSR %#lx after H_CEDE: EE clear", r.msr);
	TEST_ASSERT(r.decs >= 1, "no decrementer interrupt after H_CEDE");
	TEST_ASSERT(r.exts == 0, "%lu external interrupts", r.exts);
	/* The cede in the kernel, the ucall in user space. */
	check_stats(vcpu, &st, 1, 1);
	run_to_done(vcpu);
}

struct irq_thread {
	struct kvm_vcpu *vcpu;
	uint64_t delay_ms;
	uint64_t when;
};

static void *raise_irq(void *arg)
{
	struct irq_thread *t = arg;
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };

	sleep_ms(t->delay_ms);
	t->when = now_ms();
	TEST_ASSERT(!ioctl(t->vcpu->fd, KVM_INTERRUPT, &irq),
		    "KVM_INTERRUPT: %s", strerror(errno));
	return NULL;
}

/* (b) KVM_INTERRUPT from another thread ends a cede with a far decrementer. */
KVM_ONE_VCPU_TEST(cede, woken_by_interrupt, guest_cede)
{
	struct irq_thread t = { .vcpu = vcpu, .delay_ms = IRQ_DELAY_MS };
	struct cede_report r;
	struct hcall_stats st;
	uint64_t done_ms;
	pthread_t thread;
	struct ucall uc;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_IRQ_LEVEL));
	install_handlers(vcpu->vm);
	vcpu_args_set(vcpu, 1, DEC_FAR);
	run_to_sync(vcpu, 0, &uc);

	st = hcall_stats(vcpu);
	TEST_ASSERT_EQ(pthread_create(&thread, NULL, raise_irq, &t), 0);
	run_to_sync(vcpu, 1, &uc);
	done_ms = now_ms();
	TEST_ASSERT_EQ(pthread_join(thread, NULL), 0);
	r = to_report(&uc);
	check_cede_time(&r, MIN_SLEEP_MS);
	TEST_ASSERT(done_ms - t.when < LIMIT_MS, "KVM_RUN returned %lu ms after KVM_INTERRUPT",
		    done_ms - t.when);
	TEST_ASSERT(r.exts == 1, "%lu external interrupts after the wake-up, expected 1",
		    r.exts);
	TEST_ASSERT(r.decs == 0, "%lu decrementer interrupts", r.decs);
	check_stats(vcpu, &st, 1, 1);
	run_to_done(vcpu);
}

/* vCPU 1: cedes twice with a far decrementer. */
static void guest_prod_target(uint64_t dec)
{
	clear_counters();
	GUEST_SYNC1(1);
	cede_and_report(2, dec);
	cede_and_report(3, dec);
	GUEST_DONE();
}

/* vCPU 0: prods @target (ceded), an id no vCPU has, then @target again. */
static void guest_prodder(uint64_t target)
{
	uint64_t rc1, rc2;

	GUEST_SYNC1(1);
	rc1 = ppc_hcall4_out(H_PROD, target, 0, 0, 0, NULL);
	rc2 = ppc_hcall4_out(H_PROD, 99, 0, 0, 0, NULL);
	GUEST_SYNC3(2, rc1, rc2);
	GUEST_SYNC2(3, ppc_hcall4_out(H_PROD, target, 0, 0, 0, NULL));
	GUEST_DONE();
}

struct vcpu_thread {
	struct kvm_vcpu *vcpu;
	uint64_t stage;
	struct ucall uc;
	uint64_t when;
};

static void *run_vcpu(void *arg)
{
	struct vcpu_thread *t = arg;

	run_to_sync(t->vcpu, t->stage, &t->uc);
	t->when = now_ms();
	return NULL;
}

/* (c) H_PROD wakes a ceded vCPU; a prod before the cede makes it return. */
TEST(cede_prod)
{
	struct kvm_vcpu *vcpus[2];
	struct vcpu_thread t;
	struct hcall_stats st0, st1;
	struct cede_report r;
	uint64_t prod_ms;
	pthread_t thread;
	struct kvm_vm *vm;
	struct ucall uc;

	vm = vm_create_with_vcpus(2, guest_prod_target, vcpus);
	install_handlers(vm);
	vcpu_arch_set_entry_point(vcpus[0], guest_prodder);
	vcpu_args_set(vcpus[0], 1, (uint64_t)vcpus[1]->id);
	vcpu_args_set(vcpus[1], 1, DEC_FAR);
	run_to_sync(vcpus[1], 1, &uc);
	run_to_sync(vcpus[0], 1, &uc);
	st0 = hcall_stats(vcpus[0]);
	st1 = hcall_stats(vcpus[1]);

	/* vCPU 1 cedes; vCPU 0 prods it a little later. */
	t = (struct vcpu_thread){ .vcpu = vcpus[1], .stage = 2 };
	TEST_ASSERT_EQ(pthread_create(&thread, NULL, run_vcpu, &t), 0);
	sleep_ms(PROD_DELAY_MS);
	prod_ms = now_ms();
	run_to_sync(vcpus[0], 2, &uc);
	TEST_ASSERT(uc.args[1] == H_SUCCESS, "H_PROD(1) returned %ld", (long)uc.args[1]);
	TEST_ASSERT(uc.args[2] == (uint64_t)H_PARAMETER,
		    "H_PROD(99) returned %ld, expected H_PARAMETER", (long)uc.args[2]);
	TEST_ASSERT_EQ(pthread_join(thread, NULL), 0);
	r = to_report(&t.uc);
	check_cede_time(&r, MIN_SLEEP_MS);
	TEST_ASSERT(t.when - prod_ms < LIMIT_MS, "vCPU 1 came back %lu ms after the prod",
		    t.when - prod_ms);
	TEST_ASSERT(r.msr & MSR_EE, "MSR %#lx after H_CEDE: EE clear", r.msr);
	TEST_ASSERT(r.decs == 0 && r.exts == 0, "%lu DEC, %lu external interrupts",
		    r.decs, r.exts);
	check_stats(vcpus[0], &st0, 2, 1);
	check_stats(vcpus[1], &st1, 1, 1);

	/* Prodded while in user space: its next cede returns at once. */
	run_to_sync(vcpus[0], 3, &uc);
	TEST_ASSERT(uc.args[1] == H_SUCCESS, "H_PROD(1) returned %ld", (long)uc.args[1]);
	run_to_sync(vcpus[1], 3, &uc);
	r = to_report(&uc);
	check_cede_time(&r, 0);
	TEST_ASSERT(r.ticks < PROD_DELAY_MS * tb_per_ms(),
		    "a prodded vCPU's cede slept %lu ms", r.ticks / tb_per_ms());
	run_to_done(vcpus[0]);
	run_to_done(vcpus[1]);
	kvm_vm_free(vm);
}

static void guest_confer(void)
{
	uint64_t any = ppc_hcall4_out(H_CONFER, -1UL, 0, 0, 0, NULL);
	uint64_t self = ppc_hcall4_out(H_CONFER, guest_get_vcpuid(), 0, 0, 0, NULL);
	uint64_t none = ppc_hcall4_out(H_CONFER, 99, 0, 0, 0, NULL);

	GUEST_SYNC4(1, any, self, none);
	GUEST_DONE();
}

/* (d) H_CONFER is answered in the kernel (QEMU 10 asserts it never sees it). */
KVM_ONE_VCPU_TEST(cede, confer, guest_confer)
{
	struct hcall_stats st = hcall_stats(vcpu);
	struct ucall uc;

	run_to_sync(vcpu, 1, &uc);
	TEST_ASSERT(uc.args[1] == H_SUCCESS, "H_CONFER(-1, 0) returned %ld", (long)uc.args[1]);
	TEST_ASSERT(uc.args[2] == H_SUCCESS, "H_CONFER(self, 0) returned %ld", (long)uc.args[2]);
	TEST_ASSERT(uc.args[3] == (uint64_t)H_PARAMETER,
		    "H_CONFER(99, 0) returned %ld, expected H_PARAMETER", (long)uc.args[3]);
	check_stats(vcpu, &st, 3, 1);
	run_to_done(vcpu);
}

#define DAWR0_VAL	0x0000000012345678UL
#define DAWRX0_VAL	(DAWRX_DW | DAWRX_DR | DAWRX_HYP | DAWRX_KERNEL | DAWRX_USER)
#define DAWR1_VAL	0x0000000023456780UL
#define DAWRX1_VAL	(DAWRX_DR | DAWRX_HYP | DAWRX_KERNEL)
#define CIABR_ADDR	0x0000000010000000UL

#define MARK_AIL	0x1aUL
#define MARK_LE		0x1eUL

static uint64_t set_mode(uint64_t mflags, uint64_t resource, uint64_t v1, uint64_t v2)
{
	return ppc_hcall4_out(H_SET_MODE, mflags, resource, v1, v2, NULL);
}

static void guest_set_mode(uint64_t dawr1_ok)
{
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_DAWR0, DAWR0_VAL, DAWRX0_VAL), H_SUCCESS);
	GUEST_SYNC1(1);
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_CIABR, CIABR_ADDR | CIABR_PRIV_HYPER, 0),
			(uint64_t)H_P3);
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_CIABR, CIABR_ADDR | CIABR_PRIV_USER, 0),
			H_SUCCESS);
	/* No mflags are defined for the breakpoints: nothing changes. */
	GUEST_ASSERT_EQ(set_mode(1, H_SET_MODE_DAWR0, 0, 0),
			(uint64_t)H_UNSUPPORTED_FLAG_START);
	GUEST_SYNC1(2);
	/* The machine's resources: user space answers. */
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_AIL, 3, 0), MARK_AIL);
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_LE, 1, 0), MARK_LE);
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_DAWR1, DAWR1_VAL, DAWRX1_VAL),
			(uint64_t)H_FUNCTION);
	GUEST_SYNC1(3);
	GUEST_ASSERT_EQ(set_mode(0, H_SET_MODE_DAWR1, DAWR1_VAL, DAWRX1_VAL),
			dawr1_ok ? H_SUCCESS : (uint64_t)H_FUNCTION);
	GUEST_SYNC1(4);
	GUEST_DONE();
}

static uint64_t get_reg(struct kvm_vcpu *vcpu, uint64_t id)
{
	uint64_t v;

	vcpu_get_reg(vcpu, id, &v);
	return v;
}

static void expect_set_mode_exit(struct kvm_vcpu *vcpu, uint64_t resource,
				 uint64_t v1, uint64_t ret)
{
	struct kvm_run *run = expect_user_hcall(vcpu, H_SET_MODE);

	TEST_ASSERT(run->papr_hcall.args[0] == 0 && run->papr_hcall.args[1] == resource &&
		    run->papr_hcall.args[2] == v1,
		    "H_SET_MODE(%#llx, %#llx, %#llx) in user space, expected (0, %#lx, %#lx)",
		    run->papr_hcall.args[0], run->papr_hcall.args[1],
		    run->papr_hcall.args[2], resource, v1);
	run->papr_hcall.ret = ret;
}

/* (e) The breakpoint resources in the kernel, the others in user space. */
KVM_ONE_VCPU_TEST(cede, set_mode, guest_set_mode)
{
	bool dawr1 = vm_check_cap(vcpu->vm, KVM_CAP_PPC_DAWR1);
	struct hcall_stats st = hcall_stats(vcpu);
	uint64_t v;
	struct ucall uc;

	vcpu_args_set(vcpu, 1, (uint64_t)dawr1);
	run_to_sync(vcpu, 1, &uc);
	check_stats(vcpu, &st, 1, 1);
	v = get_reg(vcpu, KVM_REG_PPC_DAWR);
	TEST_ASSERT(v == DAWR0_VAL, "DAWR0 %#lx, expected %#lx", v, DAWR0_VAL);
	v = get_reg(vcpu, KVM_REG_PPC_DAWRX);
	TEST_ASSERT(v == (DAWRX0_VAL & ~DAWRX_HYP), "DAWRX0 %#lx, expected %#lx",
		    v, DAWRX0_VAL & ~DAWRX_HYP);

	run_to_sync(vcpu, 2, &uc);
	check_stats(vcpu, &st, 4, 2);
	v = get_reg(vcpu, KVM_REG_PPC_CIABR);
	TEST_ASSERT(v == (CIABR_ADDR | CIABR_PRIV_USER), "CIABR %#lx, expected %#lx",
		    v, CIABR_ADDR | CIABR_PRIV_USER);
	v = get_reg(vcpu, KVM_REG_PPC_DAWR);
	TEST_ASSERT(v == DAWR0_VAL, "DAWR0 %#lx after a refused H_SET_MODE", v);

	expect_set_mode_exit(vcpu, H_SET_MODE_AIL, 3, MARK_AIL);
	expect_set_mode_exit(vcpu, H_SET_MODE_LE, 1, MARK_LE);
	run_to_sync(vcpu, 3, &uc);
	/* AIL and LE went to user space; DAWR1 is refused in the kernel. */
	check_stats(vcpu, &st, 5, 5);

	if (dawr1)
		vm_enable_cap(vcpu->vm, KVM_CAP_PPC_DAWR1, 1);
	run_to_sync(vcpu, 4, &uc);
	check_stats(vcpu, &st, 6, 6);
	if (dawr1) {
		v = get_reg(vcpu, KVM_REG_PPC_DAWR1);
		TEST_ASSERT(v == DAWR1_VAL, "DAWR1 %#lx, expected %#lx", v, DAWR1_VAL);
		v = get_reg(vcpu, KVM_REG_PPC_DAWRX1);
		TEST_ASSERT(v == (DAWRX1_VAL & ~DAWRX_HYP), "DAWRX1 %#lx, expected %#lx",
			    v, DAWRX1_VAL & ~DAWRX_HYP);
	}
	run_to_done(vcpu);
}

#define PAGE_4K		0x1000UL
#define FILL		0xaa

struct page_init_args {
	uint64_t zgva, zgpa;	/* zeroed */
	uint64_t sgva, sgpa;	/* copied from */
	uint64_t dgva, dgpa;	/* copied to */
};

/* Word by word, so that the compiler calls no library function. */
static bool guest_all(uint64_t gva, uint64_t len, uint8_t byte)
{
	volatile uint64_t *p = (volatile uint64_t *)gva;
	uint64_t want = byte * 0x0101010101010101UL;
	uint64_t i;

	for (i = 0; i < len / 8; i++)
		if (p[i] != want)
			return false;
	return true;
}

static bool guest_same(uint64_t a, uint64_t b, uint64_t len)
{
	volatile uint64_t *p = (volatile uint64_t *)a, *q = (volatile uint64_t *)b;
	uint64_t i;

	for (i = 0; i < len / 8; i++)
		if (p[i] != q[i])
			return false;
	return true;
}

static void guest_page_init(uint64_t zgva, uint64_t zgpa, uint64_t sgva,
			    uint64_t sgpa, uint64_t dgva, uint64_t dgpa)
{
	/* Not enabled yet: user space's. */
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_ZERO_PAGE, zgpa + PAGE_4K, 0, 0, NULL),
			(uint64_t)H_FUNCTION);
	GUEST_ASSERT(guest_all(zgva, 0x10000, FILL));
	GUEST_SYNC1(1);

	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_ZERO_PAGE, zgpa + PAGE_4K, 0, 0, NULL),
			H_SUCCESS);
	GUEST_ASSERT(guest_all(zgva, PAGE_4K, FILL));
	GUEST_ASSERT(guest_all(zgva + PAGE_4K, PAGE_4K, 0));
	GUEST_ASSERT(guest_all(zgva + 2 * PAGE_4K, 0x10000 - 2 * PAGE_4K, FILL));
	/* The cache flags need nothing more. */
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_ZERO_PAGE | H_ICACHE_INVALIDATE |
			      H_ICACHE_SYNCHRONIZE, zgpa + 4 * PAGE_4K, 0, 0, NULL),
			H_SUCCESS);
	GUEST_ASSERT(guest_all(zgva + 4 * PAGE_4K, PAGE_4K, 0));

	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_COPY_PAGE, dgpa + 3 * PAGE_4K,
			      sgpa + 2 * PAGE_4K, 0, NULL), H_SUCCESS);
	GUEST_ASSERT(guest_same(dgva + 3 * PAGE_4K, sgva + 2 * PAGE_4K, PAGE_4K));
	GUEST_ASSERT(guest_all(dgva, 3 * PAGE_4K, FILL));
	GUEST_ASSERT(guest_all(dgva + 4 * PAGE_4K, 0x10000 - 4 * PAGE_4K, FILL));

	/* Misaligned pages and unknown flags: refused, nothing written. */
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_ZERO_PAGE, zgpa + 2 * PAGE_4K + 8, 0, 0, NULL),
			(uint64_t)H_PARAMETER);
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_COPY_PAGE, dgpa, sgpa + 8, 0, NULL),
			(uint64_t)H_PARAMETER);
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_PAGE_INIT, H_ZERO_PAGE | 1, zgpa + 3 * PAGE_4K, 0, 0, NULL),
			(uint64_t)H_PARAMETER);
	GUEST_ASSERT(guest_all(zgva + 2 * PAGE_4K, 2 * PAGE_4K, FILL));
	GUEST_ASSERT(guest_all(dgva, 3 * PAGE_4K, FILL));
	GUEST_SYNC1(2);
	GUEST_DONE();
}

static bool host_all(const uint8_t *p, size_t len, uint8_t byte)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != byte)
			return false;
	return true;
}

/* (f) H_PAGE_INIT, checked from the guest and through the host mapping. */
KVM_ONE_VCPU_TEST(cede, page_init, guest_page_init)
{
	struct kvm_vm *vm = vcpu->vm;
	struct page_init_args a;
	struct hcall_stats st;
	uint8_t *z, *s, *d;
	struct kvm_run *run;
	struct ucall uc;
	size_t i;

	a.zgva = vm_vaddr_alloc(vm, vm->page_size, KVM_UTIL_MIN_VADDR);
	a.sgva = vm_vaddr_alloc(vm, vm->page_size, KVM_UTIL_MIN_VADDR);
	a.dgva = vm_vaddr_alloc(vm, vm->page_size, KVM_UTIL_MIN_VADDR);
	a.zgpa = addr_gva2gpa(vm, a.zgva);
	a.sgpa = addr_gva2gpa(vm, a.sgva);
	a.dgpa = addr_gva2gpa(vm, a.dgva);
	z = addr_gva2hva(vm, a.zgva);
	s = addr_gva2hva(vm, a.sgva);
	d = addr_gva2hva(vm, a.dgva);
	memset(z, FILL, vm->page_size);
	memset(d, FILL, vm->page_size);
	for (i = 0; i < vm->page_size; i++)
		s[i] = i * 7 + 3;
	vcpu_args_set(vcpu, 6, a.zgva, a.zgpa, a.sgva, a.sgpa, a.dgva, a.dgpa);

	st = hcall_stats(vcpu);
	run = expect_user_hcall(vcpu, H_PAGE_INIT);
	TEST_ASSERT(run->papr_hcall.args[0] == H_ZERO_PAGE &&
		    run->papr_hcall.args[1] == a.zgpa + PAGE_4K,
		    "H_PAGE_INIT(%#llx, %#llx) in user space",
		    run->papr_hcall.args[0], run->papr_hcall.args[1]);
	run->papr_hcall.ret = H_FUNCTION;
	run_to_sync(vcpu, 1, &uc);
	check_stats(vcpu, &st, 0, 2);
	TEST_ASSERT(host_all(z, vm->page_size, FILL), "a disabled H_PAGE_INIT wrote");

	enable_hcall(vm, H_PAGE_INIT);
	run_to_sync(vcpu, 2, &uc);
	/* Three done, three refused: all in the kernel. */
	check_stats(vcpu, &st, 6, 3);
	TEST_ASSERT(host_all(z, PAGE_4K, FILL), "zeroed below the page");
	TEST_ASSERT(host_all(z + PAGE_4K, PAGE_4K, 0), "the page was not zeroed");
	TEST_ASSERT(host_all(z + 2 * PAGE_4K, 2 * PAGE_4K, FILL), "zeroed past the page");
	TEST_ASSERT(host_all(z + 4 * PAGE_4K, PAGE_4K, 0), "the second page was not zeroed");
	TEST_ASSERT(host_all(z + 5 * PAGE_4K, vm->page_size - 5 * PAGE_4K, FILL),
		    "zeroed past the second page");
	TEST_ASSERT(!memcmp(d + 3 * PAGE_4K, s + 2 * PAGE_4K, PAGE_4K), "the page was not copied");
	TEST_ASSERT(host_all(d, 3 * PAGE_4K, FILL), "copied below the page");
	TEST_ASSERT(host_all(d + 4 * PAGE_4K, vm->page_size - 4 * PAGE_4K, FILL),
		    "copied past the page");
	run_to_done(vcpu);
}

#define CI_VAL1		0x11223344UL
#define CI_VAL2		0x55667788UL
#define CI_STORED	0xcafef00dUL

static void guest_ci(void)
{
	uint64_t v = 0;

	/* Not enabled: user space's, for a device or none. */
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_LOGICAL_CI_LOAD, 4, NO_DEVICE_GPA, 0, 0, &v), H_SUCCESS);
	GUEST_ASSERT_EQ(v, CI_VAL1);
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_LOGICAL_CI_STORE, 4, IOEVENTFD_GPA, CI_STORED, 0, NULL),
			H_SUCCESS);
	GUEST_SYNC1(1);

	/* Enabled: no in-kernel device there, so still user space's. */
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_LOGICAL_CI_LOAD, 4, NO_DEVICE_GPA, 0, 0, &v), H_SUCCESS);
	GUEST_ASSERT_EQ(v, CI_VAL2);
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_LOGICAL_CI_LOAD, 3, NO_DEVICE_GPA, 0, 0, NULL),
			(uint64_t)H_PARAMETER);
	/* The ioeventfd takes the store in the kernel. */
	GUEST_ASSERT_EQ(ppc_hcall4_out(H_LOGICAL_CI_STORE, 4, IOEVENTFD_GPA, CI_STORED, 0, NULL),
			H_SUCCESS);
	GUEST_SYNC1(2);
	GUEST_DONE();
}

static void expect_ci_exit(struct kvm_vcpu *vcpu, uint64_t nr, uint64_t addr,
			   uint64_t out)
{
	struct kvm_run *run = expect_user_hcall(vcpu, nr);

	TEST_ASSERT(run->papr_hcall.args[0] == 4 && run->papr_hcall.args[1] == addr,
		    "hcall %#lx(%#llx, %#llx) in user space, expected (4, %#lx)",
		    nr, run->papr_hcall.args[0], run->papr_hcall.args[1], addr);
	if (nr == H_LOGICAL_CI_STORE)
		TEST_ASSERT(run->papr_hcall.args[2] == CI_STORED, "stored %#llx",
			    run->papr_hcall.args[2]);
	run->papr_hcall.ret = H_SUCCESS;
	run->papr_hcall.args[0] = out;
}

/* (g) H_LOGICAL_CI_LOAD/STORE: in-kernel devices in the kernel, the rest in user space. */
KVM_ONE_VCPU_TEST(cede, logical_ci, guest_ci)
{
	struct kvm_ioeventfd ioev = { .addr = IOEVENTFD_GPA, .len = 4 };
	struct hcall_stats st;
	struct ucall uc;
	int fd;

	TEST_REQUIRE(kvm_has_cap(KVM_CAP_IOEVENTFD));
	fd = eventfd(0, EFD_NONBLOCK);
	TEST_ASSERT(fd >= 0, "eventfd: %s", strerror(errno));
	ioev.fd = fd;
	vm_ioctl(vcpu->vm, KVM_IOEVENTFD, &ioev);

	st = hcall_stats(vcpu);
	expect_ci_exit(vcpu, H_LOGICAL_CI_LOAD, NO_DEVICE_GPA, CI_VAL1);
	expect_ci_exit(vcpu, H_LOGICAL_CI_STORE, IOEVENTFD_GPA, 0);
	run_to_sync(vcpu, 1, &uc);
	check_stats(vcpu, &st, 0, 3);
	TEST_ASSERT_EQ(eventfd_count(fd), 0);

	enable_hcall(vcpu->vm, H_LOGICAL_CI_LOAD);
	enable_hcall(vcpu->vm, H_LOGICAL_CI_STORE);
	expect_ci_exit(vcpu, H_LOGICAL_CI_LOAD, NO_DEVICE_GPA, CI_VAL2);
	run_to_sync(vcpu, 2, &uc);
	/* The bad size and the store in the kernel; the load and the ucalls not. */
	check_stats(vcpu, &st, 2, 5);
	TEST_ASSERT_EQ(eventfd_count(fd), 1);
	run_to_done(vcpu);
	close(fd);
}

TEST_HARNESS_MAIN
