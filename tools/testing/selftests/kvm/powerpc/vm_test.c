// SPDX-License-Identifier: GPL-2.0-only
/*
 * vm_test - VM and vCPU lifecycle on powerpc.
 *
 * Creates VMs of every type KVM_CREATE_VM knows on Book3S (default, HV,
 * PR) and checks that a flavour that is not available is refused with
 * EINVAL and nothing else; rejects unknown types; creates and destroys
 * vCPUs, including a duplicate id; and probes a few capabilities on the
 * VM fd.
 */
#include <errno.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

#define NR_VCPUS	4

static int create_vm(int kvm_fd, unsigned long type)
{
	return ioctl(kvm_fd, KVM_CREATE_VM, type);
}

/* Type 0 lets KVM pick a flavour; it must always work. */
TEST(vm_type_default)
{
	int kvm_fd = open_kvm_dev_path_or_exit();
	int fd = create_vm(kvm_fd, 0);

	ASSERT_GE(fd, 0) TH_LOG("KVM_CREATE_VM(0): %s", strerror(errno));
	close(fd);
	close(kvm_fd);
}

/* HV and PR may be absent (module not loaded, no hardware support). */
static void check_optional_type(struct __test_metadata *_metadata,
				unsigned long type, const char *name)
{
	int kvm_fd = open_kvm_dev_path_or_exit();
	int fd = create_vm(kvm_fd, type);

	if (fd >= 0) {
		TH_LOG("%s VMs supported", name);
		close(fd);
	} else {
		ASSERT_EQ(errno, EINVAL)
			TH_LOG("KVM_CREATE_VM(%s): expected success or EINVAL, got %s",
			       name, strerror(errno));
		TH_LOG("%s VMs not available", name);
	}
	close(kvm_fd);
}

TEST(vm_type_hv)
{
	check_optional_type(_metadata, KVM_VM_PPC_HV, "HV");
}

TEST(vm_type_pr)
{
	check_optional_type(_metadata, KVM_VM_PPC_PR, "PR");
}

TEST(vm_type_bogus)
{
	static const unsigned long types[] = { 3, 0xff, 1UL << 31 };
	int kvm_fd = open_kvm_dev_path_or_exit();
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		fd = create_vm(kvm_fd, types[i]);
		if (fd >= 0)
			close(fd);
		ASSERT_EQ(fd, -1) TH_LOG("KVM_CREATE_VM(0x%lx) succeeded", types[i]);
		ASSERT_EQ(errno, EINVAL)
			TH_LOG("KVM_CREATE_VM(0x%lx): %s", types[i], strerror(errno));
	}
	close(kvm_fd);
}

TEST(vcpu_create_destroy)
{
	struct kvm_vm *vm = vm_create_barebones();
	struct kvm_vcpu *vcpus[NR_VCPUS];
	int i, r;

	for (i = 0; i < NR_VCPUS; i++) {
		vcpus[i] = __vm_vcpu_add(vm, i);
		ASSERT_GE(vcpus[i]->fd, 0);
		ASSERT_EQ(vcpus[i]->id, i);
	}

	/* Every id is taken now; creating any of them again must fail. */
	for (i = 0; i < NR_VCPUS; i++) {
		r = __vm_ioctl(vm, KVM_CREATE_VCPU, (void *)(unsigned long)i);
		if (r >= 0)
			close(r);
		ASSERT_EQ(r, -1) TH_LOG("duplicate vCPU %d created", i);
		ASSERT_EQ(errno, EEXIST)
			TH_LOG("duplicate vCPU %d: %s", i, strerror(errno));
	}

	/* Closes every vCPU fd, then the VM fd. */
	kvm_vm_free(vm);
}

/* Create and destroy in a loop to shake out leaks and teardown bugs. */
TEST(vm_create_destroy_loop)
{
	struct kvm_vm *vm;
	int i, j;

	for (i = 0; i < 16; i++) {
		vm = vm_create_barebones();
		for (j = 0; j <= i % NR_VCPUS; j++)
			__vm_vcpu_add(vm, j);
		kvm_vm_free(vm);
	}
}

TEST(vm_check_extension)
{
	struct kvm_vm *vm = vm_create_barebones();
	struct kvm_ppc_pvinfo pvinfo;
	int r;

	r = __vm_ioctl(vm, KVM_CHECK_EXTENSION, (void *)KVM_CAP_ONE_REG);
	ASSERT_EQ(r, 1);

	/* Unknown capabilities read as 0, not as an error. */
	r = __vm_ioctl(vm, KVM_CHECK_EXTENSION, (void *)0x7fffffffUL);
	ASSERT_EQ(r, 0);

	r = __vm_ioctl(vm, KVM_CHECK_EXTENSION, (void *)KVM_CAP_PPC_GET_PVINFO);
	ASSERT_TRUE(r == 0 || r == 1) TH_LOG("KVM_CAP_PPC_GET_PVINFO = %d", r);
	if (r == 1) {
		memset(&pvinfo, 0, sizeof(pvinfo));
		r = __vm_ioctl(vm, KVM_PPC_GET_PVINFO, &pvinfo);
		ASSERT_EQ(r, 0) TH_LOG("KVM_PPC_GET_PVINFO: %s", strerror(errno));
	}

	kvm_vm_free(vm);
}

/*
 * KVM_CAP_PPC_BACKEND names the backend a VM runs on (as a KVM_CREATE_VM
 * type); KVM_CAP_PPC_NESTED_API says which nested API an HV VM uses.
 */
TEST(vm_backend_query)
{
	int kvm_fd = open_kvm_dev_path_or_exit();
	int def, vm_fd, r;

	def = ioctl(kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_PPC_BACKEND);
	if (def <= 0)
		SKIP(close(kvm_fd); return, "KVM_CAP_PPC_BACKEND not supported");
	ASSERT_TRUE(def == KVM_VM_PPC_HV || def == KVM_VM_PPC_PR);

	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);
	ASSERT_GE(vm_fd, 0);
	/* Type 0 runs on the backend /dev/kvm announced. */
	ASSERT_EQ(ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_PPC_BACKEND), def);
	r = ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_PPC_NESTED_API);
	if (def == KVM_VM_PPC_HV) {
		ASSERT_TRUE(r == 0 || r == 1 || r == 2) TH_LOG("nested API %d", r);
	} else {
		ASSERT_EQ(r, 0);
	}
	TH_LOG("backend %d, nested API %d", def, r);
	close(vm_fd);
	close(kvm_fd);
}

TEST_HARNESS_MAIN
