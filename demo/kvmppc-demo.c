// SPDX-License-Identifier: GPL-2.0
/*
 * kvmppc-demo: what /dev/kvm offers on this powerpc host.
 *
 * Opens /dev/kvm, asks a few capabilities, creates a VM of each type and
 * a vCPU, reads and writes a register, prints which backend answered, and
 * runs a few guest instructions: an hcall to user space, an MMIO store,
 * an mfspr of an SPR the processor lacks (KVM_EXIT_SPR), another hcall.
 * Runs inside the QEMU-booted test kernel (see README.md).
 *
 * Copyright The kvm-ppc clean-room authors.
 */
/* __u64 as unsigned long long, as on every other architecture */
#define __SANE_USERSPACE_TYPES__
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kvm.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *backend_of(int vmfd)
{
	static char buf[128];
	char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/kvm/%d-%d/backend",
		 getpid(), vmfd);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f))
		snprintf(buf, sizeof(buf), "(unknown: %s)\n", path);
	if (f)
		fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

/*
 * The guest: 64-bit little-endian real mode, at guest real address 0x100.
 * Encodings are the Power ISA's; comments give the assembly.
 */
#define DEMO_HCALL	0xee20
#define DEMO_DONE	0xee24
#define DEMO_MMIO	0x80000000UL

static const unsigned int guest_code[] = {
	0x3c600000,	/* lis   r3,0                         */
	0x6063ee20,	/* ori   r3,r3,0xee20  (DEMO_HCALL)   */
	0x3880002a,	/* li    r4,42                        */
	0x44000022,	/* sc    1             -> user space  */
	0x38a30064,	/* addi  r5,r3,100     r3 = answer    */
	0x38c00000,	/* li    r6,0                         */
	0x64c68000,	/* oris  r6,r6,0x8000  (DEMO_MMIO)    */
	0xf8a60000,	/* std   r5,0(r6)      -> MMIO        */
	0x7ce402a6,	/* mfspr r7,4          -> SPR exit    */
	0x3c600000,	/* lis   r3,0                         */
	0x6063ee24,	/* ori   r3,r3,0xee24  (DEMO_DONE)    */
	0x44000022,	/* sc    1                            */
	0x48000000,	/* b     .                            */
};

/* Index of the mfspr in guest_code[]. */
#define SPR_INSN	8

/* Hand accesses of SPRs KVM has no row for to user space; 0 or -1. */
static int enable_spr_exit(int vm)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_PPC_SPR_EXIT,
		.args[0] = KVM_PPC_SPR_EXIT_UNKNOWN,
	};

	return ioctl(vm, KVM_ENABLE_CAP, &cap);
}

static void run_guest(int vm, int vcpu, struct kvm_run *run)
{
	struct kvm_userspace_memory_region mem = { .slot = 0, .memory_size = 0x10000 };
	struct kvm_regs regs;
	void *ram;
	int i;

	ram = mmap(NULL, mem.memory_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		return;
	memcpy((char *)ram + 0x100, guest_code, sizeof(guest_code));
	mem.userspace_addr = (unsigned long)ram;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mem) ||
	    ioctl(vcpu, KVM_GET_REGS, &regs)) {
		printf("  guest memory / registers: %s\n", strerror(errno));
		return;
	}
	if (enable_spr_exit(vm)) {
		/* No KVM_EXIT_SPR here (the base kernel): make it a nop. */
		((unsigned int *)((char *)ram + 0x100))[SPR_INSN] = 0x60000000;
		printf("  no KVM_CAP_PPC_SPR_EXIT: the mfspr becomes a nop\n");
	}
	regs.pc = 0x100;
	regs.msr = 0x8000000000001001ULL;	/* SF | ME | LE, real mode */
	ioctl(vcpu, KVM_SET_REGS, &regs);
	printf("  running %zu guest instructions at 0x100 (64-bit LE, real mode)\n",
	       ARRAY_SIZE(guest_code));
	for (i = 0; i < 8; i++) {
		if (ioctl(vcpu, KVM_RUN, 0)) {
			printf("  KVM_RUN: %s\n", strerror(errno));
			return;
		}
		switch (run->exit_reason) {
		case KVM_EXIT_PAPR_HCALL:
			printf("  exit: hcall %#llx (r4 = %llu)\n",
			       run->papr_hcall.nr, run->papr_hcall.args[0]);
			if (run->papr_hcall.nr == DEMO_DONE) {
				ioctl(vcpu, KVM_GET_REGS, &regs);
				printf("  guest done: r5 = %llu, r7 = %#llx, pc = %#llx\n",
				       regs.gpr[5], regs.gpr[7], regs.pc);
				return;
			}
			run->papr_hcall.ret = 7;
			printf("         user space answers 7\n");
			break;
		case KVM_EXIT_MMIO:
			printf("  exit: MMIO %s of %u bytes at %#llx: %llu\n",
			       run->mmio.is_write ? "write" : "read", run->mmio.len,
			       run->mmio.phys_addr,
			       *(unsigned long long *)run->mmio.data);
			break;
		case KVM_EXIT_SPR:
			printf("  exit: SPR %s of SPR %llu at %#llx\n",
			       run->spr.flags & KVM_SPR_EXIT_WRITE ? "write" : "read",
			       run->spr.sprn, run->spr.nia);
			run->spr.value = 0x5151;
			run->spr.status = KVM_SPR_STATUS_OK;
			printf("         user space answers 0x5151\n");
			break;
		default:
			printf("  exit: reason %u\n", run->exit_reason);
			return;
		}
	}
}

static void try_vm(int kvm, unsigned long type, const char *name)
{
	struct kvm_one_reg reg;
	unsigned long long dar = 0x1234abcd5678ULL, back = 0;
	struct kvm_run *run;
	int vm, vcpu;

	vm = ioctl(kvm, KVM_CREATE_VM, type);
	if (vm < 0) {
		printf("KVM_CREATE_VM type %lu (%s): %s\n", type, name,
		       strerror(errno));
		return;
	}
	printf("KVM_CREATE_VM type %lu (%s): ok, backend: %s\n", type, name,
	       backend_of(vm));
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0) {
		printf("  KVM_CREATE_VCPU: %s\n", strerror(errno));
		close(vm);
		return;
	}
	reg.id = KVM_REG_PPC_DAR;
	reg.addr = (unsigned long)&dar;
	if (ioctl(vcpu, KVM_SET_ONE_REG, &reg) == 0) {
		reg.addr = (unsigned long)&back;
		ioctl(vcpu, KVM_GET_ONE_REG, &reg);
	}
	printf("  vCPU 0 created; DAR set to 0x%llx, read back 0x%llx\n",
	       dar, back);
	run = mmap(NULL, ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0),
		   PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run != MAP_FAILED)
		run_guest(vm, vcpu, run);
	close(vcpu);
	close(vm);
}

int main(void)
{
	static const struct { long cap; const char *name; } caps[] = {
		{ KVM_CAP_ONE_REG, "KVM_CAP_ONE_REG" },
		{ KVM_CAP_NR_VCPUS, "KVM_CAP_NR_VCPUS" },
		{ KVM_CAP_MAX_VCPUS, "KVM_CAP_MAX_VCPUS" },
		{ KVM_CAP_PPC_GET_PVINFO, "KVM_CAP_PPC_GET_PVINFO" },
		{ KVM_CAP_PPC_MMU_RADIX, "KVM_CAP_PPC_MMU_RADIX" },
		{ KVM_CAP_PPC_PAPR, "KVM_CAP_PPC_PAPR" },
		{ KVM_CAP_PPC_IRQ_LEVEL, "KVM_CAP_PPC_IRQ_LEVEL" },
		{ KVM_CAP_PPC_SPR_EXIT, "KVM_CAP_PPC_SPR_EXIT" },
	};
	unsigned int i;
	int kvm;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("open /dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	printf("/dev/kvm: API version %d\n", ioctl(kvm, KVM_GET_API_VERSION, 0));
	for (i = 0; i < ARRAY_SIZE(caps); i++)
		printf("  %-24s %d\n", caps[i].name,
		       ioctl(kvm, KVM_CHECK_EXTENSION, caps[i].cap));
	try_vm(kvm, 0, "default");
	try_vm(kvm, KVM_VM_PPC_PR, "KVM_VM_PPC_PR");
	try_vm(kvm, 7, "bogus");
	close(kvm);
	return 0;
}
