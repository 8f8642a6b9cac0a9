# SPDX-License-Identifier: GPL-2.0-only
# powerpc (64-bit little-endian Book3S) selftests, included by Makefile.

ifeq ($(ARCH),powerpc)
# The test binary is the guest's code too, loaded at its link address.
# ppc64le links at 0x10000000 by default, which generic tests use as
# guest memory (memslot_perf_test maps 256M up onto itself); link where
# the other architectures' binaries are, below what the tests use.  In
# LDLIBS because scripts/selftests.sh sets LDFLAGS on the command line.
LDLIBS += -Wl,-Ttext-segment=0x400000
endif

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
TEST_GEN_PROGS_powerpc += powerpc/wide_reg_race_test
TEST_GEN_PROGS_powerpc += get-reg-list
TEST_GEN_PROGS_powerpc += kvm_binary_stats_test
TEST_GEN_PROGS_powerpc += kvm_create_max_vcpus
TEST_GEN_PROGS_powerpc += set_memory_region_test
TEST_GEN_PROGS_powerpc += access_tracking_perf_test
TEST_GEN_PROGS_powerpc += coalesced_io_test
TEST_GEN_PROGS_powerpc += demand_paging_test
TEST_GEN_PROGS_powerpc += dirty_log_test
TEST_GEN_PROGS_powerpc += dirty_log_perf_test
TEST_GEN_PROGS_powerpc += guest_print_test
TEST_GEN_PROGS_powerpc += hardware_disable_test
TEST_GEN_PROGS_powerpc += kvm_page_table_test
TEST_GEN_PROGS_powerpc += memslot_modification_stress_test
TEST_GEN_PROGS_powerpc += memslot_perf_test
TEST_GEN_PROGS_powerpc += rseq_test
TEST_GEN_PROGS_EXTENDED_powerpc += powerpc/exit_bench
