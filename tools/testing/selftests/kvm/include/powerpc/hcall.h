/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc selftests: hypercalls made by the guest with "sc 1".
 *
 * A guest running under KVM on Book3S enters the hypervisor with "sc 1":
 * r3 carries the hypercall number and r4..r12 the arguments; the status
 * comes back in r3.  KVM handles the PAPR calls it knows and forwards
 * the rest to userspace as KVM_EXIT_PAPR_HCALL, with the number in
 * run->papr_hcall.nr, r4..r12 in run->papr_hcall.args[] and the value
 * userspace leaves in run->papr_hcall.ret loaded into r3 on re-entry.
 *
 * The selftests use two private numbers for the guest/host channel.
 * PAPR numbers its calls from 0x4 up to a little over 0x400, the
 * ultravisor owns 0xef00..0xef1c (H_SVM_*) and platform-private calls
 * start at 0xf000 (H_RTAS, QEMU's KVMPPC_H_*, the nested-HV calls at
 * 0xf800).  0xee00 and 0xee04 lie in none of these ranges and are
 * multiples of four like every PAPR hypercall number.
 */
#ifndef SELFTEST_KVM_PPC_HCALL_H
#define SELFTEST_KVM_PPC_HCALL_H

#include <stdint.h>

/* PAPR status returned in r3. */
#define H_SUCCESS		0

/* r4 = host address of a struct ucall (see ucall_common.h). */
#define PPC_HCALL_UCALL		0xee00
/*
 * Made by the guest interrupt stubs installed at guest real address 0:
 * r4 = vector, r5 = SRR0, r6 = SRR1, r7 = DAR.
 */
#define PPC_HCALL_UNHANDLED	0xee04

/* Guest side: make hypercall @nr with one argument, return r3. */
static inline uint64_t ppc_hcall1(uint64_t nr, uint64_t arg)
{
	register uint64_t r3 asm("r3") = nr;
	register uint64_t r4 asm("r4") = arg;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4)
		     :
		     : "r0", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
		       "r12", "ctr", "xer", "cr0", "cr1", "cr5", "cr6", "cr7",
		       "memory");
	return r3;
}

/*
 * Guest side: make hypercall @nr with four arguments, return r3 and, if
 * @out is not NULL, r4 in *@out.
 */
static inline uint64_t ppc_hcall4_out(uint64_t nr, uint64_t a1, uint64_t a2,
				      uint64_t a3, uint64_t a4, uint64_t *out)
{
	register uint64_t r3 asm("r3") = nr;
	register uint64_t r4 asm("r4") = a1;
	register uint64_t r5 asm("r5") = a2;
	register uint64_t r6 asm("r6") = a3;
	register uint64_t r7 asm("r7") = a4;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7)
		     :
		     : "r0", "r8", "r9", "r10", "r11", "r12", "ctr", "xer",
		       "cr0", "cr1", "cr5", "cr6", "cr7", "memory");
	if (out)
		*out = r4;
	return r3;
}

/* Guest side: make hypercall @nr with four arguments, return r3. */
static inline uint64_t ppc_hcall4(uint64_t nr, uint64_t a1, uint64_t a2,
				  uint64_t a3, uint64_t a4)
{
	return ppc_hcall4_out(nr, a1, a2, a3, a4, NULL);
}

#endif /* SELFTEST_KVM_PPC_HCALL_H */
