# SPDX-License-Identifier: GPL-2.0-only
# powerpc (64-bit little-endian Book3S) selftests, included by Makefile.

LIBKVM_powerpc += lib/powerpc/handlers.S
LIBKVM_powerpc += lib/powerpc/processor.c
LIBKVM_powerpc += lib/powerpc/ucall.c

TEST_GEN_PROGS_powerpc += powerpc/be_guest_test
TEST_GEN_PROGS_powerpc += powerpc/fp_test
TEST_GEN_PROGS_powerpc += powerpc/guest_run_test
TEST_GEN_PROGS_powerpc += powerpc/guest_spr_test
TEST_GEN_PROGS_powerpc += powerpc/hcall_test
TEST_GEN_PROGS_powerpc += powerpc/irq_test
TEST_GEN_PROGS_powerpc += powerpc/memslot_test
TEST_GEN_PROGS_powerpc += powerpc/mmio_test
TEST_GEN_PROGS_powerpc += powerpc/run_test
TEST_GEN_PROGS_powerpc += powerpc/spr_test
TEST_GEN_PROGS_powerpc += powerpc/onereg_test
TEST_GEN_PROGS_powerpc += powerpc/heai_test
TEST_GEN_PROGS_powerpc += powerpc/vm_test
TEST_GEN_PROGS_powerpc += powerpc/vcpu_fail_test
TEST_GEN_PROGS_powerpc += powerpc/ioeventfd_test
TEST_GEN_PROGS_powerpc += powerpc/mmu_notifier_test
TEST_GEN_PROGS_powerpc += powerpc/memslot_race_test
TEST_GEN_PROGS_powerpc += powerpc/qemu_caps_test
TEST_GEN_PROGS_powerpc += powerpc/cede_test
TEST_GEN_PROGS_powerpc += powerpc/exception_test
TEST_GEN_PROGS_powerpc += powerpc/guest_time_test
TEST_GEN_PROGS_powerpc += get-reg-list
TEST_GEN_PROGS_powerpc += kvm_binary_stats_test
TEST_GEN_PROGS_powerpc += kvm_create_max_vcpus
TEST_GEN_PROGS_powerpc += set_memory_region_test
TEST_GEN_PROGS_EXTENDED_powerpc += powerpc/exit_bench
