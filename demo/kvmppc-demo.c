// SPDX-License-Identifier: GPL-2.0
/*
 * kvmppc-demo: what /dev/kvm offers on this powerpc host.
 *
 * Opens /dev/kvm, asks a few capabilities, creates a VM of each type and
 * a vCPU, reads and writes a register, and prints which backend answered.
 * Runs inside the QEMU-booted test kernel (see README.md).
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

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

static void try_vm(int kvm, unsigned long type, const char *name)
{
	struct kvm_one_reg reg;
	unsigned long long dar = 0x1234abcd5678ULL, back = 0;
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
	printf("  KVM_RUN: %s (guests run once the HV run loop lands)\n",
	       ioctl(vcpu, KVM_RUN, 0) ? strerror(errno) : "ok");
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
	};
	unsigned int i;
	int kvm;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("open /dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	printf("/dev/kvm: API version %d\n", ioctl(kvm, KVM_GET_API_VERSION, 0));
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		printf("  %-24s %d\n", caps[i].name,
		       ioctl(kvm, KVM_CHECK_EXTENSION, caps[i].cap));
	try_vm(kvm, 0, "default");
	try_vm(kvm, KVM_VM_PPC_HV, "KVM_VM_PPC_HV");
	try_vm(kvm, KVM_VM_PPC_PR, "KVM_VM_PPC_PR");
	try_vm(kvm, 7, "bogus");
	close(kvm);
	return 0;
}
