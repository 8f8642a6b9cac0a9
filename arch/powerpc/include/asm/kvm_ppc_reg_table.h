/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rows of the register table, sorted by ONE_REG register number (the
 * id without its size field).  No include guard: the includer defines
 *   KVMPPC_REG(name, sprn, fields...)    state in vcpu->arch.spr[] (or
 *                                        kvm->arch.spr[] for guest-wide
 *                                        rows), slot KVMPPC_SPR_<name>
 *   KVMPPC_RANGE(name, fields...)        registers reached through
 *                                        accessors (KVMPPC_ACCESS)
 * to generate what it needs: the storage slots (asm/kvm_ppc_regs.h), the
 * rows (arch/powerpc/kvm/regs.c), the v1 SPR switch's mfspr/mtspr
 * (book3s_hv/pseries/v1_spr.c, which needs the SPR number as a constant:
 * hence its place as an argument of its own; 0 for none).
 *
 * The fields are those of struct kvmppc_reg_desc, by name; a field left
 * out has its default: no guest state element or v1 field, no flags,
 * every bit writable (@mask ~0), reset value 0, no value check.
 * KVMPPC_ACCESS(accessors, first_field, stride): registers stored from
 * vcpu->arch.<first_field> on, @stride bytes apart, reached through
 * get_<accessors>()/set_<accessors>() in regs.c: "mem" for registers of up
 * to 64 bits (FPR n is the first doubleword of VSR n), "u128" for 128-bit
 * ones, "vpa" for the VPA registrations.
 *
 * Adding a register is adding a row here (and its line in the selftests'
 * blessed list, tools/testing/selftests/kvm/powerpc/get-reg-list.c).
 *
 * Copyright The kvm-ppc clean-room authors.
 */
KVMPPC_REG(DSCR, SPRN_DSCR,
	   .id = KVM_REG_PPC_DSCR, .gsid = KVMPPC_GSID_DSCR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(PURR, SPRN_PURR,
	   .id = KVM_REG_PPC_PURR, .gsid = KVMPPC_GSID_PURR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RO,
	   .v1_off = KVMPPC_V1_OFF(purr))
KVMPPC_REG(SPURR, SPRN_SPURR,
	   .id = KVM_REG_PPC_SPURR, .gsid = KVMPPC_GSID_SPURR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RO,
	   .v1_off = KVMPPC_V1_OFF(spurr))
KVMPPC_REG(DAR, SPRN_DAR,
	   .id = KVM_REG_PPC_DAR, .gsid = KVMPPC_GSID_DAR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(DSISR, SPRN_DSISR,
	   .id = KVM_REG_PPC_DSISR, .gsid = KVMPPC_GSID_DSISR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(AMR, SPRN_AMR,
	   .id = KVM_REG_PPC_AMR, .gsid = KVMPPC_GSID_AMR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(UAMOR, SPRN_UAMOR,
	   .id = KVM_REG_PPC_UAMOR, .gsid = KVMPPC_GSID_UAMOR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(MMCR0, SPRN_MMCR0,
	   .id = KVM_REG_PPC_MMCR0, .gsid = KVMPPC_GSID_MMCR0,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .reset = MMCR0_FC)
KVMPPC_REG(MMCR1, SPRN_MMCR1,
	   .id = KVM_REG_PPC_MMCR1, .gsid = KVMPPC_GSID_MMCR1,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(MMCRA, SPRN_MMCRA,
	   .id = KVM_REG_PPC_MMCRA, .gsid = KVMPPC_GSID_MMCRA,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(MMCR2, SPRN_MMCR2,
	   .id = KVM_REG_PPC_MMCR2, .gsid = KVMPPC_GSID_MMCR2,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW)
/*
 * POWER8's MMCRS, SPMC1/2, CSIGR, TACR and TCSCR: this backend needs
 * POWER9 or later, which has none of them, but QEMU syncs and migrates
 * them and upstream's HV keeps them, so they are kept for user space.
 */
KVMPPC_REG(MMCRS, 0,
	   .id = KVM_REG_PPC_MMCRS, .flavours = KVMPPC_HV)
KVMPPC_REG(SIAR, SPRN_SIAR,
	   .id = KVM_REG_PPC_SIAR, .gsid = KVMPPC_GSID_SIAR,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(SDAR, SPRN_SDAR,
	   .id = KVM_REG_PPC_SDAR, .gsid = KVMPPC_GSID_SDAR,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(SIER, SPRN_SIER,
	   .id = KVM_REG_PPC_SIER, .gsid = KVMPPC_GSID_SIER,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(PMC1, SPRN_PMC1,
	   .id = KVM_REG_PPC_PMC1, .gsid = KVMPPC_GSID_PMC(1),
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(PMC2, SPRN_PMC2,
	   .id = KVM_REG_PPC_PMC2, .gsid = KVMPPC_GSID_PMC(2),
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(PMC3, SPRN_PMC3,
	   .id = KVM_REG_PPC_PMC3, .gsid = KVMPPC_GSID_PMC(3),
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(PMC4, SPRN_PMC4,
	   .id = KVM_REG_PPC_PMC4, .gsid = KVMPPC_GSID_PMC(4),
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(PMC5, SPRN_PMC5,
	   .id = KVM_REG_PPC_PMC5, .gsid = KVMPPC_GSID_PMC(5),
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(PMC6, SPRN_PMC6,
	   .id = KVM_REG_PPC_PMC6, .gsid = KVMPPC_GSID_PMC(6),
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_RANGE(FPR,
	     .id = KVM_REG_PPC_FPR0, .count = 32, .gsid = KVMPPC_GSID_VSR(0),
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, vsr[0], 16))
KVMPPC_RANGE(VR,
	     .id = KVM_REG_PPC_VR0, .count = 32, .gsid = KVMPPC_GSID_VSR(32),
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(u128, vsr[32], 16))
KVMPPC_RANGE(VSR,
	     .id = KVM_REG_PPC_VSR0, .count = 32, .gsid = KVMPPC_GSID_VSR(0),
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(u128, vsr[0], 16))
KVMPPC_RANGE(FPSCR,
	     .id = KVM_REG_PPC_FPSCR, .gsid = KVMPPC_GSID_FPSCR,
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, fpscr, 8))
KVMPPC_RANGE(VSCR,
	     .id = KVM_REG_PPC_VSCR, .gsid = KVMPPC_GSID_VSCR,
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, vscr, 8))
KVMPPC_RANGE(VPA,
	     .id = KVM_REG_PPC_VPA_ADDR, .flavours = KVMPPC_HV,
	     KVMPPC_ACCESS(vpa, vpa[0], 16))
KVMPPC_RANGE(VPA_BUFS,
	     .id = KVM_REG_PPC_VPA_SLB, .count = 2, .flavours = KVMPPC_HV,
	     KVMPPC_ACCESS(vpa, vpa[1], 16))
KVMPPC_REG(DEBUG_INST, 0,
	   .id = KVM_REG_PPC_DEBUG_INST, .flavours = KVMPPC_HV,
	   .flags = KVMPPC_REG_RO, .mask = U32_MAX,
	   .reset = KVMPPC_INST_SW_BREAKPOINT)
KVMPPC_REG(TB_OFFSET, 0,
	   .id = KVM_REG_PPC_TB_OFFSET, .gsid = KVMPPC_GSID_TB_OFFSET,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_REG_VM,
	   .check = kvmppc_round_tb_offset)
KVMPPC_REG(SPMC1, 0,
	   .id = KVM_REG_PPC_SPMC1, .flavours = KVMPPC_HV, .mask = U32_MAX)
KVMPPC_REG(SPMC2, 0,
	   .id = KVM_REG_PPC_SPMC2, .flavours = KVMPPC_HV, .mask = U32_MAX)
KVMPPC_REG(IAMR, SPRN_IAMR,
	   .id = KVM_REG_PPC_IAMR, .gsid = KVMPPC_GSID_IAMR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(FSCR, SPRN_FSCR,
	   .id = KVM_REG_PPC_FSCR, .gsid = KVMPPC_GSID_FSCR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(PSPB, SPRN_PSPB,
	   .id = KVM_REG_PPC_PSPB, .gsid = KVMPPC_GSID_PSPB,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(EBBHR, SPRN_EBBHR,
	   .id = KVM_REG_PPC_EBBHR, .gsid = KVMPPC_GSID_EBBHR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(EBBRR, SPRN_EBBRR,
	   .id = KVM_REG_PPC_EBBRR, .gsid = KVMPPC_GSID_EBBRR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(BESCR, SPRN_BESCR,
	   .id = KVM_REG_PPC_BESCR, .gsid = KVMPPC_GSID_BESCR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(TAR, SPRN_TAR,
	   .id = KVM_REG_PPC_TAR, .gsid = KVMPPC_GSID_TAR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW)
KVMPPC_REG(DPDES, SPRN_DPDES,
	   .id = KVM_REG_PPC_DPDES, .gsid = KVMPPC_GSID_DPDES,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RO,
	   .v1_off = KVMPPC_V1_OFF(dpdes))
KVMPPC_REG(DAWR0, SPRN_DAWR0,
	   .id = KVM_REG_PPC_DAWR, .gsid = KVMPPC_GSID_DAWR0,
	   .flavours = KVMPPC_HV, .v1_off = KVMPPC_V1_OFF(dawr0))
KVMPPC_REG(DAWRX0, SPRN_DAWRX0,
	   .id = KVM_REG_PPC_DAWRX, .gsid = KVMPPC_GSID_DAWRX0,
	   .flavours = KVMPPC_HV, .mask = U32_MAX,
	   .v1_off = KVMPPC_V1_OFF(dawrx0))
KVMPPC_REG(CIABR, SPRN_CIABR,
	   .id = KVM_REG_PPC_CIABR, .gsid = KVMPPC_GSID_CIABR,
	   .flavours = KVMPPC_HV, .v1_off = KVMPPC_V1_OFF(ciabr))
KVMPPC_REG(IC, SPRN_IC,
	   .id = KVM_REG_PPC_IC, .gsid = KVMPPC_GSID_IC,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RO,
	   .v1_off = KVMPPC_V1_OFF(ic))
KVMPPC_REG(VTB, SPRN_VTB,
	   .id = KVM_REG_PPC_VTB, .gsid = KVMPPC_GSID_VTB,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RO,
	   .v1_off = KVMPPC_V1_OFF(vtb))
KVMPPC_REG(CSIGR, 0,
	   .id = KVM_REG_PPC_CSIGR, .flavours = KVMPPC_HV)
KVMPPC_REG(TACR, 0,
	   .id = KVM_REG_PPC_TACR, .flavours = KVMPPC_HV)
KVMPPC_REG(TCSCR, 0,
	   .id = KVM_REG_PPC_TCSCR, .flavours = KVMPPC_HV)
KVMPPC_REG(PID, SPRN_PID,
	   .id = KVM_REG_PPC_PID, .gsid = KVMPPC_GSID_PIDR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX,
	   .v1_off = KVMPPC_V1_OFF(pidr))
/*
 * ACOP, TIDR and PSSCR are kept for user space (migration) and never
 * reach the processor: the nested APIs carry none of them, and the L0
 * owns the stop states.  So no SPR number, which would make the kernel
 * claim the guest's trapped accesses.
 */
KVMPPC_REG(ACOP, 0,
	   .id = KVM_REG_PPC_ACOP, .flavours = KVMPPC_HV)
KVMPPC_REG(VRSAVE, SPRN_VRSAVE,
	   .id = KVM_REG_PPC_VRSAVE, .gsid = KVMPPC_GSID_VRSAVE,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW, .mask = U32_MAX)
KVMPPC_REG(LPCR, SPRN_LPCR,
	   .id = KVM_REG_PPC_LPCR_64, .gsid = KVMPPC_GSID_LPCR,
	   .flavours = KVMPPC_HV,
	   .flags = KVMPPC_REG_ALIAS32 | KVMPPC_REG_MASKED,
	   .mask = KVMPPC_LPCR_MASK, .run_set = KVMPPC_LPCR_RUN)
KVMPPC_REG(PPR, SPRN_PPR,
	   .id = KVM_REG_PPC_PPR, .gsid = KVMPPC_GSID_PPR,
	   .flavours = KVMPPC_BOOK3S, .flags = KVMPPC_GUEST_RW,
	   .reset = KVMPPC_PPR_RESET, .v1_off = KVMPPC_V1_OFF(ppr))
KVMPPC_REG(ARCH_COMPAT, 0,
	   .id = KVM_REG_PPC_ARCH_COMPAT, .gsid = KVMPPC_GSID_LOGICAL_PVR,
	   .flavours = KVMPPC_BOOK3S,
	   .flags = KVMPPC_REG_VM | KVMPPC_REG_UNSET_0,
	   .mask = U32_MAX, .check = kvmppc_check_arch_compat)
KVMPPC_REG(WORT, SPRN_WORT,
	   .id = KVM_REG_PPC_WORT, .gsid = KVMPPC_GSID_WORT,
	   .flavours = KVMPPC_HV, .mask = U32_MAX)
KVMPPC_REG(TIDR, 0,
	   .id = KVM_REG_PPC_TIDR, .flavours = KVMPPC_HV)
KVMPPC_REG(PSSCR, 0,
	   .id = KVM_REG_PPC_PSSCR, .flavours = KVMPPC_HV)
KVMPPC_REG(DEC_EXPIRY, 0,
	   .id = KVM_REG_PPC_DEC_EXPIRY, .gsid = KVMPPC_GSID_DEC_EXPIRY_TB,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_REG_GUEST_TB)
KVMPPC_REG(ONLINE, 0,
	   .id = KVM_REG_PPC_ONLINE, .flavours = KVMPPC_HV, .mask = U32_MAX)
KVMPPC_REG(MMCR3, SPRN_MMCR3,
	   .id = KVM_REG_PPC_MMCR3, .gsid = KVMPPC_GSID_MMCR3,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW | KVMPPC_REG_ISA31)
KVMPPC_REG(SIER2, SPRN_SIER2,
	   .id = KVM_REG_PPC_SIER2, .gsid = KVMPPC_GSID_SIER2,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW | KVMPPC_REG_ISA31)
KVMPPC_REG(SIER3, SPRN_SIER3,
	   .id = KVM_REG_PPC_SIER3, .gsid = KVMPPC_GSID_SIER3,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW | KVMPPC_REG_ISA31)
KVMPPC_REG(DAWR1, SPRN_DAWR1,
	   .id = KVM_REG_PPC_DAWR1, .gsid = KVMPPC_GSID_DAWR1,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_REG_ISA31,
	   .v1_off = KVMPPC_V1_OFF(dawr1))
KVMPPC_REG(DAWRX1, SPRN_DAWRX1,
	   .id = KVM_REG_PPC_DAWRX1, .gsid = KVMPPC_GSID_DAWRX1,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_REG_ISA31, .mask = U32_MAX,
	   .v1_off = KVMPPC_V1_OFF(dawrx1))
KVMPPC_REG(DEXCR, SPRN_DEXCR,
	   .id = KVM_REG_PPC_DEXCR, .gsid = KVMPPC_GSID_DEXCR,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW | KVMPPC_REG_ISA31)
KVMPPC_REG(HASHKEYR, SPRN_HASHKEYR,
	   .id = KVM_REG_PPC_HASHKEYR, .gsid = KVMPPC_GSID_HASHKEYR,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_GUEST_RW | KVMPPC_REG_ISA31)
KVMPPC_REG(HASHPKEYR, SPRN_HASHPKEYR,
	   .id = KVM_REG_PPC_HASHPKEYR, .gsid = KVMPPC_GSID_HASHPKEYR,
	   .flavours = KVMPPC_HV, .flags = KVMPPC_REG_ISA31)
KVMPPC_RANGE(GPR,
	     .id = KVM_REG_PPC_GPR(0), .count = 32, .gsid = KVMPPC_GSID_GPR(0),
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, regs.gpr[0], 8))
KVMPPC_RANGE(NIA,
	     .id = KVM_REG_PPC_NIA, .gsid = KVMPPC_GSID_NIA,
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, regs.nip, 8))
KVMPPC_RANGE(MSR,
	     .id = KVM_REG_PPC_MSR, .gsid = KVMPPC_GSID_MSR,
	     .flavours = KVMPPC_BOOK3S, .reset = KVMPPC_MSR_RESET,
	     .run_set = MSR_ME, .run_clear = MSR_HV,
	     KVMPPC_ACCESS(mem, regs.msr, 8))
KVMPPC_RANGE(LR_CTR,
	     .id = KVM_REG_PPC_LR, .count = 3, .gsid = KVMPPC_GSID_LR,
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, regs.lr, 8))
KVMPPC_RANGE(CR,
	     .id = KVM_REG_PPC_CR, .gsid = KVMPPC_GSID_CR,
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, regs.cr, 8))
KVMPPC_RANGE(SRR,
	     .id = KVM_REG_PPC_SRR0, .count = 2, .gsid = KVMPPC_GSID_SRR0,
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, regs.srr0, 8),
	     .v1_off = KVMPPC_V1_OFF(srr0))
KVMPPC_RANGE(SPRG,
	     .id = KVM_REG_PPC_SPRG(0), .count = 4, .gsid = KVMPPC_GSID_SPRG(0),
	     .flavours = KVMPPC_BOOK3S, KVMPPC_ACCESS(mem, regs.sprg[0], 8),
	     .v1_off = KVMPPC_V1_OFF(sprg[0]))
/*
 * The hypervisor's own (KVMPPC_REG_INTERNAL ids): no ONE_REG access.  The
 * AMOR is all ones, or the guest's own AMR, IAMR and UAMOR writes are void;
 * the PVR is the host's (KVM_GET/SET_SREGS).
 */
KVMPPC_REG(AMOR, SPRN_AMOR,
	   .id = KVMPPC_REG_INTERNAL(U64, 0), .gsid = KVMPPC_GSID_AMOR,
	   .flavours = KVMPPC_HV, .reset = ~0ULL, .v1_off = KVMPPC_V1_OFF(amor))
KVMPPC_REG(PVR, SPRN_PVR,
	   .id = KVMPPC_REG_INTERNAL(U32, 1), .flavours = KVMPPC_BOOK3S,
	   .mask = U32_MAX, .reset_fn = kvmppc_host_pvr)
