/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Book3S HV on pseries: declarations shared inside book3s_hv/.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _KVM_PPC_BOOK3S_HV_NESTED_H
#define _KVM_PPC_BOOK3S_HV_NESTED_H

/**
 * enum kvmhv_api - how the L1 asks the L0 to run its guests
 * @KVMHV_API_NONE: it cannot
 * @KVMHV_API_V1: H_SET_PARTITION_TABLE / H_ENTER_NESTED / H_TLB_INVALIDATE
 * @KVMHV_API_V2: the PAPR H_GUEST_* calls
 */
enum kvmhv_api {
	KVMHV_API_NONE,
	KVMHV_API_V1,
	KVMHV_API_V2,
};

enum kvmhv_api kvmhv_nested_api(void);

#endif /* _KVM_PPC_BOOK3S_HV_NESTED_H */
