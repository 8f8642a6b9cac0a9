// SPDX-License-Identifier: GPL-2.0-only
/*
 * be_guest_test - a big-endian guest (MSR[LE] clear, real mode): its
 * instructions are fetched big-endian and its MMIO data is in big-endian
 * byte order, both ways; an mfspr of an SPR the processor lacks reaches
 * user space as KVM_EXIT_SPR with the right number and register.  The
 * guest is a few hand-assembled instructions, so this test drives the vCPU
 * with plain ioctls.
 */
#include <endian.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "kvm_util.h"

#define CODE_GPA	0x100
#define MMIO_GPA	0x80000000UL
#define DONE_HCALL	0xee24

static const uint32_t code[] = {
	0x38c00000,	/* li    r6,0                 */
	0x64c68000,	/* oris  r6,r6,0x8000         */
	0x3ca01122,	/* lis   r5,0x1122            */
	0x60a53344,	/* ori   r5,r5,0x3344         */
	0x90a60000,	/* stw   r5,0(r6)   -> MMIO   */
	0x80e60004,	/* lwz   r7,4(r6)   <- MMIO   */
	0xb0a60008,	/* sth   r5,8(r6)   -> MMIO   */
	0x7d0502a6,	/* mfspr r8,5       <- SPR    */
	0x3c600000,	/* lis   r3,0                 */
	0x6063ee24,	/* ori   r3,r3,0xee24         */
	0x44000022,	/* sc    1                    */
	0x48000000,	/* b     .                    */
};

TEST(big_endian_guest)
{
	struct kvm_userspace_memory_region mem = { .memory_size = 0x10000 };
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_PPC_SPR_EXIT,
		.args[0] = KVM_PPC_SPR_EXIT_UNKNOWN,
	};
	int kvm = open_kvm_dev_path_or_exit(), vm, vcpu;
	static const uint8_t load[4] = { 0xaa, 0xbb, 0xcc, 0xdd };
	struct kvm_regs regs;
	struct kvm_run *run;
	uint32_t *ram;
	unsigned int i;

	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	ASSERT_GE(vm, 0);
	ASSERT_EQ(ioctl(vm, KVM_ENABLE_CAP, &cap), 0);
	ram = mmap(NULL, mem.memory_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(ram, MAP_FAILED);
	for (i = 0; i < ARRAY_SIZE(code); i++)
		ram[CODE_GPA / 4 + i] = htobe32(code[i]);
	mem.userspace_addr = (uintptr_t)ram;
	ASSERT_EQ(ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mem), 0);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	ASSERT_GE(vcpu, 0);
	run = mmap(NULL, ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0),
		   PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	ASSERT_NE(run, MAP_FAILED);
	ASSERT_EQ(ioctl(vcpu, KVM_GET_REGS, &regs), 0);
	regs.pc = CODE_GPA;
	regs.msr = 0x8000000000001000ULL;	/* SF | ME: big-endian, real mode */
	ASSERT_EQ(ioctl(vcpu, KVM_SET_REGS, &regs), 0);

	ASSERT_EQ(ioctl(vcpu, KVM_RUN, 0), 0);
	ASSERT_EQ(run->exit_reason, KVM_EXIT_MMIO);
	ASSERT_EQ(run->mmio.phys_addr, MMIO_GPA);
	ASSERT_EQ(run->mmio.len, 4);
	ASSERT_TRUE(run->mmio.is_write);
	ASSERT_EQ(run->mmio.data[0], 0x11);
	ASSERT_EQ(run->mmio.data[3], 0x44);

	ASSERT_EQ(ioctl(vcpu, KVM_RUN, 0), 0);
	ASSERT_EQ(run->exit_reason, KVM_EXIT_MMIO);
	ASSERT_EQ(run->mmio.phys_addr, MMIO_GPA + 4);
	ASSERT_FALSE(run->mmio.is_write);
	memcpy(run->mmio.data, load, sizeof(load));

	ASSERT_EQ(ioctl(vcpu, KVM_RUN, 0), 0);
	ASSERT_EQ(run->exit_reason, KVM_EXIT_MMIO);
	ASSERT_EQ(run->mmio.phys_addr, MMIO_GPA + 8);
	ASSERT_EQ(run->mmio.len, 2);
	ASSERT_EQ(run->mmio.data[0], 0x33);
	ASSERT_EQ(run->mmio.data[1], 0x44);

	ASSERT_EQ(ioctl(vcpu, KVM_RUN, 0), 0);
	ASSERT_EQ(run->exit_reason, KVM_EXIT_SPR);
	ASSERT_EQ(run->spr.sprn, 5);
	ASSERT_EQ(run->spr.flags, 0);
	ASSERT_EQ(run->spr.nia, CODE_GPA + 7 * 4);
	ASSERT_EQ(run->spr.msr & 1, 0);		/* MSR[LE] clear */
	run->spr.value = 0x0102030405060708ULL;
	run->spr.status = KVM_SPR_STATUS_OK;

	ASSERT_EQ(ioctl(vcpu, KVM_RUN, 0), 0);
	ASSERT_EQ(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	ASSERT_EQ(run->papr_hcall.nr, DONE_HCALL);
	ASSERT_EQ(ioctl(vcpu, KVM_GET_REGS, &regs), 0);
	ASSERT_EQ(regs.gpr[7], 0xaabbccddULL);
	ASSERT_EQ(regs.gpr[8], 0x0102030405060708ULL);
	ASSERT_EQ(regs.pc, CODE_GPA + 11 * 4);

	close(vcpu);
	close(vm);
	close(kvm);
}

TEST_HARNESS_MAIN
