/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest state buffers (GSB) of the PAPR nested v2 API: the big-endian
 * element lists that carry L2 state between the L1 and the L0 in
 * H_GUEST_SET_STATE, H_GUEST_GET_STATE and H_GUEST_RUN_VCPU.
 *
 *   header:  __be32 number of elements
 *   element: __be16 id, __be16 size, then size bytes of value
 *
 * The library builds and parses buffers in memory the caller owns; it makes
 * no hcall and allocates nothing, so KUnit tests it directly.  Every id's
 * size and scope come from one table (kvmppc_gsid_lookup()).
 *
 * Errors: -EBADMSG for a buffer whose structure is broken (too short, an
 * element running past the end, a count that does not match), -ENOENT for
 * an id the table does not know, -EINVAL for an element whose size does not
 * match its id or whose scope is not the one asked for, -ENOSPC when a
 * buffer being built is full.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _ASM_POWERPC_KVM_PPC_GSB_H
#define _ASM_POWERPC_KVM_PPC_GSB_H

#include <linux/types.h>
#include <linux/bits.h>

/*
 * Guest state element ids (Documentation/arch/powerpc/kvm-nested.rst),
 * named as the document names them; PMC(n) is PMC1-6.
 */
#define KVMPPC_GSID_NOP			0x0000
#define KVMPPC_GSID_L0_VCPU_STATE_SIZE	0x0001
#define KVMPPC_GSID_RUN_OUTPUT_MIN_SIZE	0x0002
#define KVMPPC_GSID_LOGICAL_PVR		0x0003
#define KVMPPC_GSID_TB_OFFSET		0x0004
#define KVMPPC_GSID_PARTITION_TABLE	0x0005
#define KVMPPC_GSID_PROCESS_TABLE	0x0006
#define KVMPPC_GSID_RUN_INPUT		0x0c00
#define KVMPPC_GSID_RUN_OUTPUT		0x0c01
#define KVMPPC_GSID_VPA			0x0c02
#define KVMPPC_GSID_GPR(n)		(0x1000 + (n))
#define KVMPPC_GSID_HDEC_EXPIRY_TB	0x1020
#define KVMPPC_GSID_NIA			0x1021
#define KVMPPC_GSID_MSR			0x1022
#define KVMPPC_GSID_LR			0x1023
#define KVMPPC_GSID_XER			0x1024
#define KVMPPC_GSID_CTR			0x1025
#define KVMPPC_GSID_CFAR		0x1026
#define KVMPPC_GSID_SRR0		0x1027
#define KVMPPC_GSID_SRR1		0x1028
#define KVMPPC_GSID_DAR			0x1029
#define KVMPPC_GSID_DEC_EXPIRY_TB	0x102a
#define KVMPPC_GSID_VTB			0x102b
#define KVMPPC_GSID_LPCR		0x102c
#define KVMPPC_GSID_HFSCR		0x102d
#define KVMPPC_GSID_FSCR		0x102e
#define KVMPPC_GSID_FPSCR		0x102f
#define KVMPPC_GSID_DAWR0		0x1030
#define KVMPPC_GSID_DAWR1		0x1031
#define KVMPPC_GSID_CIABR		0x1032
#define KVMPPC_GSID_PURR		0x1033
#define KVMPPC_GSID_SPURR		0x1034
#define KVMPPC_GSID_IC			0x1035
#define KVMPPC_GSID_SPRG(n)		(0x1036 + (n))
#define KVMPPC_GSID_PPR			0x103a
#define KVMPPC_GSID_MMCR0		0x103b
#define KVMPPC_GSID_MMCR1		0x103c
#define KVMPPC_GSID_MMCR2		0x103d
#define KVMPPC_GSID_MMCR3		0x103e
#define KVMPPC_GSID_MMCRA		0x103f
#define KVMPPC_GSID_SIER		0x1040
#define KVMPPC_GSID_SIER2		0x1041
#define KVMPPC_GSID_SIER3		0x1042
#define KVMPPC_GSID_BESCR		0x1043
#define KVMPPC_GSID_EBBHR		0x1044
#define KVMPPC_GSID_EBBRR		0x1045
#define KVMPPC_GSID_AMR			0x1046
#define KVMPPC_GSID_IAMR		0x1047
#define KVMPPC_GSID_AMOR		0x1048
#define KVMPPC_GSID_UAMOR		0x1049
#define KVMPPC_GSID_SDAR		0x104a
#define KVMPPC_GSID_SIAR		0x104b
#define KVMPPC_GSID_DSCR		0x104c
#define KVMPPC_GSID_TAR			0x104d
#define KVMPPC_GSID_DEXCR		0x104e
#define KVMPPC_GSID_HDEXCR		0x104f
#define KVMPPC_GSID_HASHKEYR		0x1050
#define KVMPPC_GSID_HASHPKEYR		0x1051
#define KVMPPC_GSID_CTRL		0x1052
#define KVMPPC_GSID_DPDES		0x1053
#define KVMPPC_GSID_CR			0x2000
#define KVMPPC_GSID_PIDR		0x2001
#define KVMPPC_GSID_DSISR		0x2002
#define KVMPPC_GSID_VSCR		0x2003
#define KVMPPC_GSID_VRSAVE		0x2004
#define KVMPPC_GSID_DAWRX0		0x2005
#define KVMPPC_GSID_DAWRX1		0x2006
#define KVMPPC_GSID_PMC(n)		(0x2007 + (n) - 1)
#define KVMPPC_GSID_WORT		0x200d
#define KVMPPC_GSID_PSPB		0x200e
#define KVMPPC_GSID_VSR(n)		(0x3000 + (n))
#define KVMPPC_GSID_HDAR		0xf000
#define KVMPPC_GSID_HDSISR		0xf001
#define KVMPPC_GSID_HEIR		0xf002
#define KVMPPC_GSID_ASDR		0xf003

/* Scopes and access (struct kvmppc_gsid_desc.flags). */
#define KVMPPC_GSF_GUEST	BIT(0)	/* guest-wide: H_GUEST_*_STATE flag WIDE */
#define KVMPPC_GSF_VCPU		BIT(1)	/* per vCPU */
#define KVMPPC_GSF_RO		BIT(2)	/* the L0 reports it; the L1 never sets it */
#define KVMPPC_GSF_META		BIT(3)	/* about the API, not architected state */

/**
 * struct kvmppc_gsid_desc - one range of guest state element ids
 * @first: first id of the range
 * @last: last id of the range (0 for a single id: use kvmppc_gsid_last())
 * @size: size of each element's value in bytes
 * @flags: KVMPPC_GSF_* scope and access
 * @name: for messages ("GPR", "NIA", ...)
 */
struct kvmppc_gsid_desc {
	u16 first;
	u16 last;
	u16 size;
	u16 flags;
	const char *name;
};

/* More than the ids the table defines (about 190). */
#define KVMPPC_GSID_INDEX_MAX	256

void kvmppc_gsid_init(void);
const struct kvmppc_gsid_desc *kvmppc_gsid_lookup(u16 id);
int kvmppc_gsid_index(u16 id);
const struct kvmppc_gsid_desc *kvmppc_gsid_table(unsigned int *n);
u16 kvmppc_gsid_last(const struct kvmppc_gsid_desc *d);

/**
 * struct kvmppc_gsb - a guest state buffer being built
 * @hdr: the buffer (its first 4 bytes are the element count)
 * @cap: bytes available at @hdr
 * @len: bytes used so far (header included)
 * @count: elements so far
 */
struct kvmppc_gsb {
	void *hdr;
	size_t cap;
	size_t len;
	u32 count;
};

/**
 * struct kvmppc_gse - one element of a parsed buffer
 * @id: element id
 * @size: value size in bytes
 * @index: kvmppc_gsid_index() of @id, for the callback's tables
 * @data: the big-endian value, inside the buffer
 */
struct kvmppc_gse {
	u16 id;
	u16 size;
	u16 index;
	const void *data;
};

#define KVMPPC_GSB_HDR_SIZE	4
#define KVMPPC_GSE_HDR_SIZE	4

int kvmppc_gsb_init(struct kvmppc_gsb *gsb, void *buf, size_t cap);
int kvmppc_gsb_put(struct kvmppc_gsb *gsb, u16 id, const void *be_val, u16 size);
int kvmppc_gsb_put_u32(struct kvmppc_gsb *gsb, u16 id, u32 val);
int kvmppc_gsb_put_u64(struct kvmppc_gsb *gsb, u16 id, u64 val);
int kvmppc_gsb_put_u64s(struct kvmppc_gsb *gsb, u16 id, const u64 *vals,
			unsigned int n);
int kvmppc_gsb_put_id(struct kvmppc_gsb *gsb, u16 id);

int kvmppc_gsb_parse(const void *buf, size_t len, u16 scope,
		     int (*fn)(const struct kvmppc_gse *e, void *arg), void *arg,
		     u32 *bad_index);
u64 kvmppc_gse_u64(const struct kvmppc_gse *e);
u32 kvmppc_gse_u32(const struct kvmppc_gse *e);
u64 kvmppc_gse_value(const struct kvmppc_gse *e);

#endif /* _ASM_POWERPC_KVM_PPC_GSB_H */
