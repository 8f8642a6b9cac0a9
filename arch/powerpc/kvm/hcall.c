// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAPR hypercalls (sc 1 from the guest's kernel): handled in the kernel,
 * or handed to user space as KVM_EXIT_PAPR_HCALL and completed at the next
 * KVM_RUN.  One table is the single source for dispatch, for "is it
 * implemented" (KVM_CAP_PPC_ENABLE_HCALL refuses the others) and for which
 * are enabled by default.  An hcall that is not in the table, or is
 * disabled for the VM, goes to user space.
 *
 * A handler runs with GPR3-12 current (GPR3 the number, GPR4 on the
 * arguments).  It returns 0 with its decision in struct kvmppc_hcall_ret,
 * or a negative errno that KVM_RUN returns.  It may sleep.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/bsearch.h>
#include <linux/kvm_host.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/reg.h>
#include <asm/time.h>

#include "kvm_ppc_internal.h"

#define HC_DEFAULT_ON	BIT(0)	/* enabled in a new VM */

/* GPR3 (status) and GPR4-12 (outputs): what an hcall returns. */
#define HC_RET_REGS	10

/**
 * struct kvmppc_hcall_ret - what an hcall handler decided
 * @status: the PAPR status for GPR3 (H_SUCCESS, H_PARAMETER, ...)
 * @out: values for GPR4 onwards
 * @nr_out: how many of @out to write
 * @uexit: leave KVM_RUN: the handler filled kvm_run (exit_reason and its
 *	data); GPR3 and @out are not written
 * @rerun: do not return to the guest after the hcall but run it again at
 *	the next entry (a handler that must wait and cannot sleep here); GPR3
 *	and @out are not written
 * @to_user: the kernel has nothing to do for this call after all (no
 *	in-kernel device at the address, a resource user space owns): it
 *	leaves KVM_RUN as KVM_EXIT_PAPR_HCALL as if it were not enabled
 */
struct kvmppc_hcall_ret {
	u64 status;
	u64 out[HC_RET_REGS - 1];
	unsigned int nr_out;
	bool uexit;
	bool rerun;
	bool to_user;
};

/**
 * struct kvmppc_hcall - an hcall the kernel implements
 * @nr: the hcall number
 * @flags: HC_DEFAULT_ON
 * @flavours: backends that implement it (KVMPPC_HV, KVMPPC_PR)
 * @handler: does it: 0 with @ret filled in, or a negative errno
 */
struct kvmppc_hcall {
	u16 nr;
	u8 flags;
	u8 flavours;
	int (*handler)(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret);
};

/* H_RANDOM: r4 = 64 random bits. */
static int h_random(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	ret->status = H_SUCCESS;
	ret->out[0] = get_random_u64();
	ret->nr_out = 1;
	return 0;
}

/*
 * Calls the kernel accepts to "handle" (KVM_CAP_PPC_ENABLE_HCALL) but has
 * nothing to do for: the hash-table ones of a radix guest, the TCE ones
 * without in-kernel TCE tables.  User space answers them.
 */
static int h_user(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	ret->to_user = true;
	return 0;
}

/* The guest's decrementer expiry, in the host timebase. */
static int dec_expiry_host(struct kvm_vcpu *vcpu, u64 *exp)
{
	static const u64 id = KVM_REG_PPC_DEC_EXPIRY;
	int r = kvmppc_regs_load(vcpu, &id, 1);

	*exp = vcpu->arch.spr[KVMPPC_SPR_DEC_EXPIRY] -
	       READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	return r;
}

/**
 * kvmppc_dec_wakeup() - the decrementer of a ceded vCPU expired
 * @timer: the vCPU's wake-up timer
 *
 * Return: HRTIMER_NORESTART.
 */
enum hrtimer_restart kvmppc_dec_wakeup(struct hrtimer *timer)
{
	struct kvm_vcpu *vcpu = container_of(timer, struct kvm_vcpu,
					     arch.wake_timer);

	WRITE_ONCE(vcpu->arch.wake_timer_fired, true);
	kvm_vcpu_wake_up(vcpu);
	return HRTIMER_NORESTART;
}

/*
 * H_CEDE: the vCPU has nothing to do until an interrupt.  It sleeps here
 * until its decrementer expires, an external interrupt is raised
 * (KVM_INTERRUPT), another vCPU prods it (H_PROD), or a signal comes; the
 * interrupt itself is delivered when it runs again.  The call enables
 * MSR[EE], as the architecture of the call says.
 */
static int h_cede(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	static const u64 msr = KVM_REG_PPC_MSR;
	u64 exp, now;
	int r;

	r = kvmppc_regs_load(vcpu, &msr, 1);
	if (!r)
		r = dec_expiry_host(vcpu, &exp);
	if (r)
		return r;
	vcpu->arch.regs.msr |= MSR_EE;
	kvmppc_regs_changed(vcpu, &msr, 1);
	ret->status = H_SUCCESS;
	now = get_tb();
	if ((s64)(exp - now) <= 0 || xchg(&vcpu->arch.prodded, false))
		return 0;
	WRITE_ONCE(vcpu->arch.wake_timer_fired, false);
	hrtimer_start(&vcpu->arch.wake_timer, ns_to_ktime(tb_to_ns(exp - now)),
		      HRTIMER_MODE_REL);
	/* Sleeping: memslots may change meanwhile (as x86's vcpu_block). */
	kvm_vcpu_srcu_read_unlock(vcpu);
	kvm_vcpu_halt(vcpu);
	kvm_vcpu_srcu_read_lock(vcpu);
	hrtimer_cancel(&vcpu->arch.wake_timer);
	WRITE_ONCE(vcpu->arch.wake_timer_fired, false);
	WRITE_ONCE(vcpu->arch.prodded, false);
	return 0;
}

/* H_PROD(target): wake a vCPU of the guest that ceded, or make its next cede return. */
static int h_prod(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	struct kvm_vcpu *t = kvm_get_vcpu_by_id(vcpu->kvm, vcpu->arch.regs.gpr[4]);

	if (!t) {
		ret->status = H_PARAMETER;
		return 0;
	}
	WRITE_ONCE(t->arch.prodded, true);
	kvm_vcpu_kick(t);
	ret->status = H_SUCCESS;
	return 0;
}

/*
 * H_CONFER(target, dispatch count): the caller waits for @target (a lock
 * holder); give it the host CPU if it is preempted.  -1 means any: the
 * caller only gives up its time slice.
 */
static int h_confer(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	long target = vcpu->arch.regs.gpr[4];
	struct kvm_vcpu *t;

	ret->status = H_SUCCESS;
	if (target == -1) {
		cond_resched();
		return 0;
	}
	t = kvm_get_vcpu_by_id(vcpu->kvm, target);
	if (!t) {
		ret->status = H_PARAMETER;
		return 0;
	}
	if (t != vcpu && READ_ONCE(t->preempted))
		kvm_vcpu_yield_to(t);
	return 0;
}

/*
 * H_SET_MODE(mflags, resource, value1, value2): the breakpoint registers
 * are set here; the other resources (endianness, AIL) are the machine's,
 * which user space owns.
 */
static int h_set_mode(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	static const u64 ciabr[] = { KVM_REG_PPC_CIABR };
	static const u64 dawr0[] = { KVM_REG_PPC_DAWR, KVM_REG_PPC_DAWRX };
	static const u64 dawr1[] = { KVM_REG_PPC_DAWR1, KVM_REG_PPC_DAWRX1 };
	const u64 *gpr = vcpu->arch.regs.gpr;
	u64 *spr = vcpu->arch.spr;

	switch (gpr[5]) {
	case H_SET_MODE_RESOURCE_SET_CIABR:
	case H_SET_MODE_RESOURCE_SET_DAWR0:
	case H_SET_MODE_RESOURCE_SET_DAWR1:
		break;
	default:
		ret->to_user = true;
		return 0;
	}
	ret->status = H_SUCCESS;
	if (gpr[4]) {
		ret->status = H_UNSUPPORTED_FLAG_START;
		return 0;
	}
	switch (gpr[5]) {
	case H_SET_MODE_RESOURCE_SET_CIABR:
		/* A guest cannot break on hypervisor state. */
		if ((gpr[6] & CIABR_PRIV) == CIABR_PRIV_HYPER) {
			ret->status = H_P3;
			break;
		}
		spr[KVMPPC_SPR_CIABR] = gpr[6];
		kvmppc_regs_changed(vcpu, ciabr, ARRAY_SIZE(ciabr));
		break;
	case H_SET_MODE_RESOURCE_SET_DAWR0:
		spr[KVMPPC_SPR_DAWR0] = gpr[6];
		spr[KVMPPC_SPR_DAWRX0] = (u32)(gpr[7] & ~DAWRX_HYP);
		kvmppc_regs_changed(vcpu, dawr0, ARRAY_SIZE(dawr0));
		break;
	case H_SET_MODE_RESOURCE_SET_DAWR1:
		if (!READ_ONCE(vcpu->kvm->arch.dawr1_enabled)) {
			ret->status = H_FUNCTION;
			break;
		}
		spr[KVMPPC_SPR_DAWR1] = gpr[6];
		spr[KVMPPC_SPR_DAWRX1] = (u32)(gpr[7] & ~DAWRX_HYP);
		kvmppc_regs_changed(vcpu, dawr1, ARRAY_SIZE(dawr1));
		break;
	}
	return 0;
}

/* Sizes H_LOGICAL_CI_LOAD/STORE move: 1, 2, 4 or 8 bytes. */
static bool ci_size_ok(u64 size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/*
 * H_LOGICAL_CI_LOAD(size, addr): a cache-inhibited load of a device
 * register, big-endian, from an in-kernel device (kvm_io_bus); any other
 * address is user space's.
 */
static int h_ci_load(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	const u64 *gpr = vcpu->arch.regs.gpr;
	u8 buf[8];

	if (!ci_size_ok(gpr[4])) {
		ret->status = H_PARAMETER;
		return 0;
	}
	if (kvm_io_bus_read(vcpu, KVM_MMIO_BUS, gpr[5], gpr[4], buf)) {
		ret->to_user = true;
		return 0;
	}
	ret->out[0] = kvmppc_get_bytes(buf, gpr[4], true);
	ret->nr_out = 1;
	ret->status = H_SUCCESS;
	return 0;
}

/* H_LOGICAL_CI_STORE(size, addr, value): the store, likewise. */
static int h_ci_store(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	const u64 *gpr = vcpu->arch.regs.gpr;
	u8 buf[8];

	if (!ci_size_ok(gpr[4])) {
		ret->status = H_PARAMETER;
		return 0;
	}
	kvmppc_put_bytes(buf, gpr[4], true, gpr[6]);
	if (kvm_io_bus_write(vcpu, KVM_MMIO_BUS, gpr[5], gpr[4], buf))
		ret->to_user = true;
	else
		ret->status = H_SUCCESS;
	return 0;
}

#define PAGE_INIT_FLAGS	(H_ICACHE_INVALIDATE | H_ICACHE_SYNCHRONIZE | \
			 H_ZERO_PAGE | H_COPY_PAGE)
#define PAGE_INIT_SIZE	SZ_4K

/*
 * H_PAGE_INIT(flags, dest, src): zero a 4 KiB page of guest memory, or
 * copy one.  The cache flags need nothing: the L0 keeps the instruction
 * cache coherent with stores, as the hardware does.
 */
static int h_page_init(struct kvm_vcpu *vcpu, struct kvmppc_hcall_ret *ret)
{
	const u64 *gpr = vcpu->arch.regs.gpr;
	u64 flags = gpr[4], dest = gpr[5], src = gpr[6];
	void *page;
	int r = 0;

	ret->status = H_PARAMETER;
	if ((flags & ~PAGE_INIT_FLAGS) || !IS_ALIGNED(dest, PAGE_INIT_SIZE) ||
	    ((flags & H_COPY_PAGE) && !IS_ALIGNED(src, PAGE_INIT_SIZE)))
		return 0;
	if (flags & H_COPY_PAGE) {
		page = kmalloc(PAGE_INIT_SIZE, GFP_KERNEL_ACCOUNT);
		if (!page)
			return -ENOMEM;
		r = kvm_vcpu_read_guest(vcpu, src, page, PAGE_INIT_SIZE);
		if (!r)
			r = kvm_vcpu_write_guest(vcpu, dest, page, PAGE_INIT_SIZE);
		kfree(page);
	} else if (flags & H_ZERO_PAGE) {
		r = kvm_clear_guest(vcpu->kvm, dest, PAGE_INIT_SIZE);
	}
	if (!r)
		ret->status = H_SUCCESS;
	return 0;
}

/* Sorted by number. */
static const struct kvmppc_hcall hcalls[] = {
	{ H_CLEAR_MOD, 0, KVMPPC_HV, h_user },
	{ H_CLEAR_REF, 0, KVMPPC_HV, h_user },
	{ H_PAGE_INIT, 0, KVMPPC_HV, h_page_init },
	{ H_LOGICAL_CI_LOAD, 0, KVMPPC_HV, h_ci_load },
	{ H_LOGICAL_CI_STORE, 0, KVMPPC_HV, h_ci_store },
	{ H_CEDE, HC_DEFAULT_ON, KVMPPC_HV, h_cede },
	{ H_CONFER, HC_DEFAULT_ON, KVMPPC_HV, h_confer },
	{ H_PROD, HC_DEFAULT_ON, KVMPPC_HV, h_prod },
	{ H_STUFF_TCE, 0, KVMPPC_HV, h_user },
	{ H_PUT_TCE_INDIRECT, 0, KVMPPC_HV, h_user },
	{ H_RANDOM, 0, KVMPPC_HV, h_random },
	{ H_SET_MODE, HC_DEFAULT_ON, KVMPPC_HV, h_set_mode },
};

static int cmp_hcall(const void *key, const void *elt)
{
	unsigned long nr = *(const unsigned long *)key;
	const struct kvmppc_hcall *h = elt;

	return nr < h->nr ? -1 : nr > h->nr;
}

static const struct kvmppc_hcall *find_hcall(struct kvm *kvm, unsigned long nr)
{
	const struct kvmppc_hcall *h;

	h = bsearch(&nr, hcalls, ARRAY_SIZE(hcalls), sizeof(hcalls[0]), cmp_hcall);
	return h && (h->flavours & kvm->arch.ops->flavour) ? h : NULL;
}

/**
 * kvmppc_hcall_init_vm() - enable the default hcalls of a new VM
 * @kvm: the VM, its backend chosen
 */
void kvmppc_hcall_init_vm(struct kvm *kvm)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hcalls); i++)
		if ((hcalls[i].flags & HC_DEFAULT_ON) &&
		    (hcalls[i].flavours & kvm->arch.ops->flavour))
			set_bit(hcalls[i].nr / 4, kvm->arch.hcall_enabled);
}

/**
 * kvmppc_hcall_enable() - KVM_ENABLE_CAP(KVM_CAP_PPC_ENABLE_HCALL)
 * @kvm: the VM
 * @nr: the hcall number (args[0])
 * @enable: 1 to handle it in the kernel, 0 to send it to user space
 *
 * Return: 0; -EINVAL for an hcall the kernel does not implement for this
 * backend, or @enable other than 0 or 1.
 */
int kvmppc_hcall_enable(struct kvm *kvm, unsigned long nr, unsigned long enable)
{
	if (enable > 1 || nr % 4 || !find_hcall(kvm, nr))
		return -EINVAL;
	if (enable)
		set_bit(nr / 4, kvm->arch.hcall_enabled);
	else
		clear_bit(nr / 4, kvm->arch.hcall_enabled);
	return 0;
}

static const u64 ret_regs[HC_RET_REGS] = {
	KVM_REG_PPC_GPR(3), KVM_REG_PPC_GPR(4), KVM_REG_PPC_GPR(5),
	KVM_REG_PPC_GPR(6), KVM_REG_PPC_GPR(7), KVM_REG_PPC_GPR(8),
	KVM_REG_PPC_GPR(9), KVM_REG_PPC_GPR(10), KVM_REG_PPC_GPR(11),
	KVM_REG_PPC_GPR(12),
};

/*
 * The hcall's return: GPR3 the status, GPR4 on @nr_out outputs.  Only
 * what changes is reported (user space mostly leaves the arguments as
 * they were), so the backend sends no more than it must.
 */
static void set_return(struct kvm_vcpu *vcpu, u64 status, const u64 *out,
		       unsigned int nr_out)
{
	u64 *gpr = vcpu->arch.regs.gpr;
	u64 ids[HC_RET_REGS];
	unsigned int i, n = 0;

	gpr[3] = status;
	ids[n++] = ret_regs[0];
	for (i = 0; i < nr_out; i++) {
		if (gpr[4 + i] == out[i])
			continue;
		gpr[4 + i] = out[i];
		ids[n++] = ret_regs[1 + i];
	}
	kvmppc_regs_changed(vcpu, ids, n);
}

static int to_user(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	unsigned int i;

	run->exit_reason = KVM_EXIT_PAPR_HCALL;
	run->papr_hcall.nr = vcpu->arch.regs.gpr[3];
	for (i = 0; i < ARRAY_SIZE(run->papr_hcall.args); i++)
		run->papr_hcall.args[i] = vcpu->arch.regs.gpr[4 + i];
	run->papr_hcall.ret = H_FUNCTION;
	vcpu->arch.hcall_pending = true;
	vcpu->stat.hcall_exit_user++;
	return 0;
}

/**
 * kvmppc_hcall_load() - make the registers of an hcall current
 * @vcpu: the vCPU, stopped after its sc 1
 *
 * Return: 0, or the backend's negative errno.
 */
int kvmppc_hcall_load(struct kvm_vcpu *vcpu)
{
	return kvmppc_regs_load(vcpu, ret_regs, ARRAY_SIZE(ret_regs));
}
EXPORT_SYMBOL_GPL(kvmppc_hcall_load);

/**
 * kvmppc_hcall() - a guest's sc 1
 * @vcpu: the vCPU, stopped after the sc; GPR3-12 current (see
 *	kvmppc_hcall_load())
 *
 * An hcall the VM has enabled in the kernel is done here; any other leaves
 * KVM_RUN as KVM_EXIT_PAPR_HCALL, and kvmppc_hcall_complete() takes user
 * space's answer.
 *
 * Return: > 0 to resume the guest, 0 to return to user space with
 * kvm_run->exit_reason set, or a negative errno.
 */
int kvmppc_hcall(struct kvm_vcpu *vcpu)
{
	unsigned long nr = vcpu->arch.regs.gpr[3];
	static const u64 nia = KVM_REG_PPC_NIA;
	struct kvmppc_hcall_ret ret = {};
	const struct kvmppc_hcall *h;
	int r;

	if (nr > MAX_HCALL_OPCODE || nr % 4 ||
	    !test_bit(nr / 4, vcpu->kvm->arch.hcall_enabled))
		return to_user(vcpu);
	h = find_hcall(vcpu->kvm, nr);
	if (!h)
		return to_user(vcpu);
	r = h->handler(vcpu, &ret);
	if (r)
		return r;
	if (ret.to_user)
		return to_user(vcpu);
	vcpu->stat.hcall_exit_kernel++;
	if (ret.uexit)
		return 0;
	if (ret.rerun) {
		r = kvmppc_regs_load(vcpu, &nia, 1);
		if (r)
			return r;
		vcpu->arch.regs.nip -= 4;
		kvmppc_regs_changed(vcpu, &nia, 1);
		return 1;
	}
	if (WARN_ON_ONCE(ret.nr_out > ARRAY_SIZE(ret.out)))
		return -EINVAL;
	set_return(vcpu, ret.status, ret.out, ret.nr_out);
	return 1;
}
EXPORT_SYMBOL_GPL(kvmppc_hcall);

/**
 * kvmppc_hcall_complete() - finish an hcall user space handled
 * @vcpu: the vCPU re-entering KVM_RUN after KVM_EXIT_PAPR_HCALL
 *
 * GPR3 gets kvm_run->papr_hcall.ret and GPR4-12 papr_hcall.args[0-8], as
 * user space left them (QEMU returns outputs there).
 *
 * Return: 0.
 */
int kvmppc_hcall_complete(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;

	if (!vcpu->arch.hcall_pending)
		return 0;
	vcpu->arch.hcall_pending = false;
	set_return(vcpu, READ_ONCE(run->papr_hcall.ret), run->papr_hcall.args,
		   ARRAY_SIZE(run->papr_hcall.args));
	return 0;
}
