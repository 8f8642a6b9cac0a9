/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SELFTEST_KVM_UTIL_ARCH_H
#define SELFTEST_KVM_UTIL_ARCH_H

#include <stdint.h>

/*
 * Per-VM powerpc state.  Radix page directories below the root are much
 * smaller than a 64K guest page, so they are carved out of page-table
 * pages (with 4K pages each takes a whole page): @pt_page is the page
 * being carved and @pt_used how much of it is taken.  @prtb is the
 * guest real address of the process table.
 */
struct kvm_vm_arch {
	uint64_t prtb;
	uint64_t pt_page;
	uint64_t pt_used;
};

#endif /* SELFTEST_KVM_UTIL_ARCH_H */
