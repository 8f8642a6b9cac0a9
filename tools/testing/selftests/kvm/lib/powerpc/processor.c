// SPDX-License-Identifier: GPL-2.0-only
/*
 * powerpc selftests: guest page tables, vCPU setup and interrupts.
 *
 * Guest model: a 64-bit little-endian Book3S partition with the radix
 * MMU, run by KVM-HV.  Radix tables and the process table are always
 * big-endian in memory, whatever the endianness of the guest.
 */
#include <endian.h>
#include <errno.h>
#include <stdarg.h>

#include <sys/auxv.h>
#include <unistd.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

#define PPC_GUEST_STACK_SIZE	0x10000

/* One radix level: the index is (ea >> shift) & ((1 << bits) - 1). */
struct radix_level {
	uint8_t shift;
	uint8_t bits;
};

/* The top three levels are the same for both page sizes. */
static const struct radix_level radix_geometry_64k[RADIX_LEVELS] = {
	{ .shift = 39, .bits = 13 },
	{ .shift = 30, .bits = 9 },
	{ .shift = 21, .bits = 9 },
	{ .shift = 16, .bits = 5 },
};

static const struct radix_level radix_geometry_4k[RADIX_LEVELS] = {
	{ .shift = 39, .bits = 13 },
	{ .shift = 30, .bits = 9 },
	{ .shift = 21, .bits = 9 },
	{ .shift = 12, .bits = 9 },
};

static const struct radix_level *radix_level(struct kvm_vm *vm, int level)
{
	if (vm->page_shift == 12)
		return &radix_geometry_4k[level];
	return &radix_geometry_64k[level];
}

static uint64_t radix_index(struct kvm_vm *vm, vm_vaddr_t gva, int level)
{
	const struct radix_level *l = radix_level(vm, level);

	return (gva >> l->shift) & ((1ULL << l->bits) - 1);
}

static uint64_t radix_table_size(struct kvm_vm *vm, int level)
{
	return sizeof(uint64_t) << radix_level(vm, level)->bits;
}

static void check_guest_mode(struct kvm_vm *vm)
{
	TEST_ASSERT(vm->mode == VM_MODE_P52V48_64K ||
		    vm->mode == VM_MODE_P52V48_4K,
		    "powerpc guests support only %s and %s, not %s",
		    vm_guest_mode_string(VM_MODE_P52V48_64K),
		    vm_guest_mode_string(VM_MODE_P52V48_4K),
		    vm_guest_mode_string(vm->mode));
}

/*
 * Only quadrant 0 (EA bits 0:1 clear) is used: with PIDR = 0 it is
 * translated through process table entry 0 like quadrant 3.  Overrides
 * the default, which would also hand out addresses at the top of the
 * 64-bit space that radix cannot map.  Virtual page 0 is left out: the
 * interrupt code maps it onto the vectors (vm_init_descriptor_tables()),
 * and elsewhere a NULL pointer should fault.
 */
void vm_vaddr_populate_bitmap(struct kvm_vm *vm)
{
	sparsebit_set_num(vm->vpages_valid, 1,
			  ((1ULL << vm->va_bits) >> vm->page_shift) - 1);
}

/* Carve a naturally aligned table of @size bytes out of page-table pages. */
static vm_paddr_t pt_alloc(struct kvm_vm *vm, uint64_t size)
{
	uint64_t off = (vm->arch.pt_used + size - 1) & ~(size - 1);

	if (!vm->arch.pt_page || off + size > vm->page_size) {
		vm->arch.pt_page = vm_alloc_page_table(vm);
		off = 0;
	}
	vm->arch.pt_used = off + size;
	return vm->arch.pt_page + off;
}

static uint64_t *gpa_to_entry(struct kvm_vm *vm, vm_paddr_t table,
			      vm_vaddr_t gva, int level)
{
	uint64_t *base = addr_gpa2hva(vm, table);

	return base + radix_index(vm, gva, level);
}

/*
 * Walk to the last-level entry for @gva.  With @alloc, missing
 * directories are created; without, NULL means "not mapped".
 */
static uint64_t *radix_walk(struct kvm_vm *vm, vm_vaddr_t gva, bool alloc)
{
	vm_paddr_t table = vm->pgd;
	uint64_t *entry;
	int level;

	for (level = 0; level < RADIX_LEVELS - 1; level++) {
		entry = gpa_to_entry(vm, table, gva, level);
		if (!(be64toh(*entry) & RADIX_PTE_VALID)) {
			if (!alloc)
				return NULL;
			table = pt_alloc(vm, radix_table_size(vm, level + 1));
			*entry = htobe64(RADIX_PTE_VALID | table |
					 radix_level(vm, level + 1)->bits);
		}
		table = be64toh(*entry) & RADIX_PDE_NLB_MASK;
	}
	return gpa_to_entry(vm, table, gva, level);
}

/*
 * The root directory is 64K and must be aligned to its size.  With 64K
 * pages that is one page; with 4K pages, take sixteen aligned pages out
 * of a run of 31 (the physical allocator has no alignment argument).
 */
static vm_paddr_t radix_root_alloc(struct kvm_vm *vm)
{
	uint64_t size = radix_table_size(vm, 0);
	uint64_t npages = size / vm->page_size;
	vm_paddr_t run;

	if (npages <= 1)
		return vm_alloc_page_table(vm);
	run = vm_phy_pages_alloc(vm, 2 * npages - 1,
				 KVM_GUEST_PAGE_TABLE_MIN_PADDR,
				 vm->memslots[MEM_REGION_PT]);
	return (run + size - 1) & ~(size - 1);
}

static void write_process_table(struct kvm_vm *vm)
{
	uint64_t rts = RADIX_TREE_BITS - 31;
	uint64_t *prte = addr_gpa2hva(vm, vm->arch.prtb);
	uint64_t dw0;

	dw0 = ((rts >> 3) << PRTE_RTS1_SHIFT) | ((rts & 7) << PRTE_RTS2_SHIFT);
	dw0 |= (vm->pgd & PRTE_RPDB_MASK) | radix_level(vm, 0)->bits;
	prte[0] = htobe64(dw0);
	prte[1] = 0;
}

void virt_arch_pgd_alloc(struct kvm_vm *vm)
{
	struct kvm_ppc_mmuv3_cfg cfg = {
		.flags = KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE,
	};

	if (vm->pgd_created)
		return;

	check_guest_mode(vm);
	TEST_REQUIRE(kvm_has_cap(KVM_CAP_PPC_MMU_RADIX));

	vm->pgd = radix_root_alloc(vm);
	vm->arch.prtb = pt_alloc(vm, PRTB_SIZE);
	write_process_table(vm);

	cfg.process_table = PATB_GR | vm->arch.prtb | PRTB_PRTS;
	vm_ioctl(vm, KVM_PPC_CONFIGURE_V3_MMU, &cfg);
	vm->pgd_created = true;
}

static void radix_set_pte(struct kvm_vm *vm, uint64_t vaddr, uint64_t paddr,
			  uint64_t prot)
{
	uint64_t *pte = radix_walk(vm, vaddr, true);

	*pte = htobe64(RADIX_PTE_VALID | RADIX_PTE_LEAF |
		       (paddr & RADIX_PTE_RPN_MASK) | prot);
}

void virt_arch_pg_map(struct kvm_vm *vm, uint64_t vaddr, uint64_t paddr)
{
	uint64_t *pte;

	TEST_ASSERT(!(vaddr % vm->page_size),
		    "Virtual address 0x%lx not aligned to page size 0x%x",
		    vaddr, vm->page_size);
	TEST_ASSERT(sparsebit_is_set(vm->vpages_valid, vaddr >> vm->page_shift),
		    "Invalid virtual address 0x%lx", vaddr);
	TEST_ASSERT(!(paddr % vm->page_size),
		    "Physical address 0x%lx not aligned to page size 0x%x",
		    paddr, vm->page_size);
	TEST_ASSERT((paddr >> vm->page_shift) <= vm->max_gfn,
		    "Physical address 0x%lx beyond max gfn 0x%lx",
		    paddr, vm->max_gfn);

	/* A test mapping over guest code or data would fail obscurely later. */
	pte = radix_walk(vm, vaddr, false);
	TEST_ASSERT(!pte || !(be64toh(*pte) & RADIX_PTE_VALID),
		    "Guest virtual address 0x%lx is mapped already", vaddr);
	radix_set_pte(vm, vaddr, paddr, RADIX_PTE_KERNEL_RWX);
}

vm_paddr_t addr_arch_gva2gpa(struct kvm_vm *vm, vm_vaddr_t gva)
{
	uint64_t *pte = vm->pgd_created ? radix_walk(vm, gva, false) : NULL;
	uint64_t val = pte ? be64toh(*pte) : 0;

	TEST_ASSERT(val & RADIX_PTE_VALID,
		    "No mapping for guest virtual address 0x%lx", gva);
	return (val & RADIX_PTE_RPN_MASK) + (gva & (vm->page_size - 1));
}

static void radix_dump(FILE *stream, struct kvm_vm *vm, uint8_t indent,
		       vm_paddr_t table, int level)
{
	uint64_t n = 1ULL << radix_level(vm, level)->bits;
	uint64_t *base = addr_gpa2hva(vm, table);
	uint64_t i, val;

	for (i = 0; i < n; i++) {
		val = be64toh(base[i]);
		if (!(val & RADIX_PTE_VALID))
			continue;
		fprintf(stream, "%*sL%d[%lu] @0x%lx: 0x%016lx\n", indent, "",
			level, i, table + i * 8, val);
		if (level < RADIX_LEVELS - 1)
			radix_dump(stream, vm, indent + 1,
				   val & RADIX_PDE_NLB_MASK, level + 1);
	}
}

void virt_arch_dump(FILE *stream, struct kvm_vm *vm, uint8_t indent)
{
	if (!vm->pgd_created)
		return;
	fprintf(stream, "%*sprocess table @0x%lx, root @0x%lx\n", indent, "",
		vm->arch.prtb, vm->pgd);
	radix_dump(stream, vm, indent, vm->pgd, 0);
}

/*
 * Instruction encodings for the interrupt stubs.  Each stub is eight
 * instructions, which fits the 0x20-byte spacing of the 0xf00 vectors:
 *
 *	li	r3, 0
 *	ori	r3, r3, PPC_HCALL_UNHANDLED
 *	li	r4, <vector>
 *	mfsrr0	r5
 *	mfsrr1	r6
 *	mfdar	r7
 *	sc	1
 *	b	.-4		(re-issue the hcall if resumed)
 */
#define PPC_INSN_LI(rt, imm)	(0x38000000u | (rt) << 21 | ((imm) & 0xffff))
#define PPC_INSN_ORI(ra, rs, imm) \
	(0x60000000u | (rs) << 21 | (ra) << 16 | ((imm) & 0xffff))
#define PPC_INSN_MFSPR(rt, spr)	(0x7c0002a6u | (rt) << 21 | ppc_spr_field(spr))
#define PPC_INSN_MTSPR(spr, rs)	(0x7c0003a6u | (rs) << 21 | ppc_spr_field(spr))
#define PPC_INSN_B(from, to)	(0x48000000u | (((to) - (from)) & 0x03fffffcu))
#define PPC_INSN_SC1		0x44000022u
#define PPC_INSN_B_BACK4	0x4bfffffcu

/* The SPR number of mfspr/mtspr, its two 5-bit halves swapped. */
static uint32_t ppc_spr_field(uint32_t spr)
{
	return (spr & 0x1f) << 16 | (spr >> 5) << 11;
}

static const uint16_t ppc_guest_vectors[] = {
	0x100, 0x200, 0x300, 0x380, 0x400, 0x480, 0x500, 0x600, 0x700,
	0x800, 0x900, 0xa00, 0xb00, 0xc00, 0xd00, 0xe00, 0xf00, 0xf20,
	0xf40, 0xf60,
};

static void write_vector_stub(uint32_t *p, uint16_t vector)
{
	const uint32_t stub[PPC_VECTOR_STUB_SIZE / 4] = {
		PPC_INSN_LI(3, 0),
		PPC_INSN_ORI(3, 3, PPC_HCALL_UNHANDLED),
		PPC_INSN_LI(4, vector),
		PPC_INSN_MFSPR(5, SPRN_SRR0),
		PPC_INSN_MFSPR(6, SPRN_SRR1),
		PPC_INSN_MFSPR(7, SPRN_DAR),
		PPC_INSN_SC1,
		PPC_INSN_B_BACK4,
	};

	memcpy(p, stub, sizeof(stub));
}

/*
 * With LPCR[AIL] = 0 the guest takes interrupts in real mode at guest
 * real address 0 + vector, so claim the first guest page for the stubs.
 * The library never allocates below KVM_UTIL_MIN_PFN for data, so the
 * page is free when this runs, right after the VM is created.
 */
void kvm_arch_vm_post_create(struct kvm_vm *vm)
{
	vm_paddr_t page = vm_phy_page_alloc(vm, 0, vm->memslots[MEM_REGION_CODE]);
	uint8_t *base;
	size_t i;

	TEST_ASSERT(page == 0, "Guest real page 0 already taken (got 0x%lx)",
		    page);
	base = addr_gpa2hva(vm, page);
	for (i = 0; i < ARRAY_SIZE(ppc_guest_vectors); i++)
		write_vector_stub((uint32_t *)(base + ppc_guest_vectors[i]),
				  ppc_guest_vectors[i]);
}

/*
 * C interrupt handlers.  The guest's handler table (one entry per 0x20
 * of vector space) lives in guest memory; exception_handlers, a guest
 * global, holds its address once vm_init_descriptor_tables() ran.
 */
static vm_vaddr_t exception_handlers;

kvm_static_assert(offsetof(struct ex_regs, nip) == PPC_EX_NIP);
kvm_static_assert(offsetof(struct ex_regs, msr) == PPC_EX_MSR);
kvm_static_assert(offsetof(struct ex_regs, lr) == PPC_EX_LR);
kvm_static_assert(offsetof(struct ex_regs, ctr) == PPC_EX_CTR);
kvm_static_assert(offsetof(struct ex_regs, cr) == PPC_EX_CR);
kvm_static_assert(offsetof(struct ex_regs, xer) == PPC_EX_XER);
kvm_static_assert(offsetof(struct ex_regs, dar) == PPC_EX_DAR);
kvm_static_assert(offsetof(struct ex_regs, dsisr) == PPC_EX_DSISR);
kvm_static_assert(offsetof(struct ex_regs, vector) == PPC_EX_VECTOR);
kvm_static_assert(sizeof(struct ex_regs) == PPC_EX_SIZE);

/* Guest code, called by ppc_exception_entry (handlers.S). */
void route_exception(struct ex_regs *regs)
{
	handler_fn *table = (handler_fn *)exception_handlers;
	uint64_t slot = regs->vector / PPC_VEC_ALIGN;

	if (table && slot < PPC_VEC_SLOTS && table[slot]) {
		table[slot](regs);
		return;
	}
	/* Only vectors with a handler come here; report as the stubs do. */
	for (;;)
		ppc_hcall4(PPC_HCALL_UNHANDLED, regs->vector, regs->nip,
			   regs->msr, regs->dar);
}

/*
 * Set up the VM's handler table, the trampoline in guest real page 0
 * and the identity mapping of that page which lets the trampoline turn
 * translation on where it runs.  Needs the guest page tables, so it is
 * called after the VM has its vCPUs (or at least its code) loaded.
 */
void vm_init_descriptor_tables(struct kvm_vm *vm)
{
	size_t tramp = (ppc_vector_tramp_end - ppc_vector_tramp) * 4;
	uint8_t *page0 = addr_gpa2hva(vm, 0);
	uint64_t entry = (uint64_t)ppc_exception_entry;
	uint64_t msr = PPC_GUEST_MSR;

	if (vm->handlers)
		return;
	TEST_ASSERT(tramp <= PPC_VEC_TRAMP_MAX, "trampoline of %zu bytes", tramp);

	vm->handlers = __vm_vaddr_alloc(vm, PPC_VEC_SLOTS * sizeof(handler_fn),
					KVM_UTIL_MIN_VADDR, MEM_REGION_DATA);
	memset(addr_gva2hva(vm, vm->handlers), 0,
	       PPC_VEC_SLOTS * sizeof(handler_fn));
	*(vm_vaddr_t *)addr_gva2hva(vm, (vm_vaddr_t)&exception_handlers) =
		vm->handlers;

	memcpy(page0 + PPC_VEC_SLOT_ENTRY, &entry, sizeof(entry));
	memcpy(page0 + PPC_VEC_SLOT_MSR, &msr, sizeof(msr));
	memcpy(page0 + PPC_VEC_TRAMP, ppc_vector_tramp, tramp);

	/* Read and execute only: a guest store through NULL still faults. */
	virt_pgd_alloc(vm);
	radix_set_pte(vm, 0, 0, RADIX_PTE_R | RADIX_PTE_C | RADIX_PTE_PRIV |
		      RADIX_PTE_READ | RADIX_PTE_EXEC);
}

/*
 * Every vCPU takes its interrupts at guest real address 0 (LPCR[AIL] =
 * 0, LPCR[ILE] set by vm_arch_vcpu_add()): nothing to do per vCPU.
 */
void vcpu_init_descriptor_tables(struct kvm_vcpu *vcpu)
{
}

/**
 * vm_install_exception_handler() - handle a guest interrupt in C
 * @vm: the VM
 * @vector: the vector's offset (0x300, 0x700, 0x900, ...)
 * @handler: the guest function, or NULL for the default report
 *
 * Replaces the library's stub at @vector with one that calls @handler
 * with the interrupted state; NULL restores the stub that reports the
 * interrupt to the host as unexpected.
 */
void vm_install_exception_handler(struct kvm_vm *vm, int vector,
				  handler_fn handler)
{
	uint32_t *stub = (uint32_t *)((uint8_t *)addr_gpa2hva(vm, 0) + vector);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ppc_guest_vectors); i++)
		if (ppc_guest_vectors[i] == vector)
			break;
	TEST_ASSERT(i < ARRAY_SIZE(ppc_guest_vectors),
		    "No guest interrupt vector at 0x%x", vector);

	vm_init_descriptor_tables(vm);
	((handler_fn *)addr_gva2hva(vm, vm->handlers))[vector / PPC_VEC_ALIGN] =
		handler;
	if (!handler) {
		write_vector_stub(stub, vector);
		return;
	}
	stub[0] = PPC_INSN_MTSPR(SPRN_SPRG0, 3);
	stub[1] = PPC_INSN_LI(3, vector);
	stub[2] = PPC_INSN_B(vector + 8, PPC_VEC_TRAMP);
}

/* Called after every KVM_RUN: fail on a report from an interrupt stub. */
void assert_on_unhandled_exception(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	__u64 *args = run->papr_hcall.args;

	if (run->exit_reason != KVM_EXIT_PAPR_HCALL ||
	    run->papr_hcall.nr != PPC_HCALL_UNHANDLED)
		return;

	vcpu_dump(stderr, vcpu, 2);
	TEST_FAIL("Unexpected guest interrupt 0x%llx: srr0 0x%llx srr1 0x%llx dar 0x%llx",
		  args[0], args[1], args[2], args[3]);
}

static void vcpu_enable_le_interrupts(struct kvm_vcpu *vcpu)
{
	uint64_t lpcr;

	vcpu_get_reg(vcpu, KVM_REG_PPC_LPCR_64, &lpcr);
	vcpu_set_reg(vcpu, KVM_REG_PPC_LPCR_64, lpcr | LPCR_ILE);
}

struct kvm_vcpu *vm_arch_vcpu_add(struct kvm_vm *vm, uint32_t vcpu_id)
{
	vm_vaddr_t stack = __vm_vaddr_alloc(vm, PPC_GUEST_STACK_SIZE,
					    DEFAULT_GUEST_STACK_VADDR_MIN,
					    MEM_REGION_DATA);
	struct kvm_vcpu *vcpu = __vm_vcpu_add(vm, vcpu_id);
	struct kvm_regs regs;

	vcpu_enable_le_interrupts(vcpu);
	/*
	 * A PAPR guest: its sc 1 hypercalls reach the host (KVM_EXIT_PAPR_HCALL
	 * for those the kernel does not handle).  HV requires it to run.
	 */
	if (vm_check_cap(vm, KVM_CAP_PPC_PAPR))
		vcpu_enable_cap(vcpu, KVM_CAP_PPC_PAPR, 0);

	vcpu_regs_get(vcpu, &regs);
	regs.msr = PPC_GUEST_MSR;
	/* ELFv2: the caller leaves a 32-byte frame with a zero back chain. */
	regs.gpr[1] = stack + PPC_GUEST_STACK_SIZE - 32;
	/* r13 is the thread pointer; the guest has no TLS. */
	regs.gpr[13] = 0;
	/* guest_get_vcpuid() reads SPRG3. */
	regs.sprg3 = vcpu_id;
	vcpu_regs_set(vcpu, &regs);
	/*
	 * A new vCPU's decrementer has expired (KVM's reset value): push it
	 * out of sight, so that a guest that enables interrupts sees only
	 * the ones it asks for.
	 */
	__vcpu_set_reg(vcpu, KVM_REG_PPC_DEC_EXPIRY, INT64_MAX);

	return vcpu;
}

/*
 * ELFv2 global entry: the prologue derives the TOC pointer (r2) from
 * r12, which must hold the address of the function being entered.
 */
void vcpu_arch_set_entry_point(struct kvm_vcpu *vcpu, void *guest_code)
{
	struct kvm_regs regs;

	vcpu_regs_get(vcpu, &regs);
	regs.pc = (uint64_t)guest_code;
	regs.gpr[12] = (uint64_t)guest_code;
	vcpu_regs_set(vcpu, &regs);
}

/* Arguments go in r3..r10, as for any ELFv2 call. */
void vcpu_args_set(struct kvm_vcpu *vcpu, unsigned int num, ...)
{
	struct kvm_regs regs;
	unsigned int i;
	va_list ap;

	TEST_ASSERT(num >= 1 && num <= 8,
		    "Unsupported number of args: %u", num);

	vcpu_regs_get(vcpu, &regs);
	va_start(ap, num);
	for (i = 0; i < num; i++)
		regs.gpr[3 + i] = va_arg(ap, uint64_t);
	va_end(ap);
	vcpu_regs_set(vcpu, &regs);
}

void vcpu_arch_dump(FILE *stream, struct kvm_vcpu *vcpu, uint8_t indent)
{
	struct kvm_regs regs;
	int i;

	vcpu_regs_get(vcpu, &regs);
	fprintf(stream, "%*spc:  0x%016llx msr: 0x%016llx lr: 0x%016llx\n",
		indent, "", regs.pc, regs.msr, regs.lr);
	fprintf(stream, "%*sctr: 0x%016llx cr:  0x%08llx xer: 0x%016llx\n",
		indent, "", regs.ctr, regs.cr, regs.xer);
	fprintf(stream, "%*ssrr0: 0x%016llx srr1: 0x%016llx\n",
		indent, "", regs.srr0, regs.srr1);
	for (i = 0; i < 32; i += 4)
		fprintf(stream,
			"%*sr%-2d: 0x%016llx 0x%016llx 0x%016llx 0x%016llx\n",
			indent, "", i, regs.gpr[i], regs.gpr[i + 1],
			regs.gpr[i + 2], regs.gpr[i + 3]);
}

uint32_t guest_get_vcpuid(void)
{
	return mfspr(SPRN_SPRG3);
}

bool ppc_host_has_isa31(void)
{
	return getauxval(AT_HWCAP2) & PPC_FEATURE2_ARCH_3_1;
}

/* 0 if the eventfd was not signalled since the last read. */
uint64_t eventfd_count(int fd)
{
	uint64_t n;
	ssize_t r = read(fd, &n, sizeof(n));

	if (r < 0 && errno == EAGAIN)
		return 0;
	TEST_ASSERT(r == sizeof(n), "read(eventfd): %zd, errno %d", r, errno);
	return n;
}
