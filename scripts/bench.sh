#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [iterations] -- the cost of guest exits, our kernel and the
# unmodified base kernel side by side, in one run, under v2 (nested
# PAPR, power10) and v1 (nested HV, power9); KVMPPC_MODES overrides.
# For each exit kind exit_bench measures (hcall to user space, in-kernel
# hcall, MMIO load and store, SPR exit, page fault-in):
#   - instructions per round trip: one boot per kernel and mode under
#     QEMU's icount mode (run-qemu.sh -I), where the L1's clock counts
#     the instructions the L1 and L2 execute, exactly;
#   - L0 calls per exit, from our kernel's statistics;
#   - round trips per second under MTTCG: the median, min and max of
#     KVMPPC_BENCH_ROUNDS (5) boots, ours and base interleaved.
# Then the time real QEMU in the L1 takes to boot an L2 (the same image on
# both) to user space, the same way over KVMPPC_BOOT_ROUNDS (5) rounds;
# 0 skips it.  scripts/exit-cost.baseline records our instruction counts;
# the suite's exit_cost rows fail when a kind gets more than 5% dearer.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"
iters=${1:-3000}
modes=${KVMPPC_MODES:-v2 v1}
rounds=${KVMPPC_BENCH_ROUNDS:-5}
boot_rounds=${KVMPPC_BOOT_ROUNDS:-5}
boots=qemu-boot-smp1,qemu-boot-nodev,qemu-boot-smp4

"$TOP/scripts/setup.sh"
"$TOP/scripts/build.sh" ours
"$TOP/scripts/build.sh" base
dirs=$("$TOP/scripts/userspace.sh")
initrd=$BUILD/initramfs-test.cpio.gz
# shellcheck disable=SC2086
"$TOP/scripts/mkinitramfs.sh" "$initrd" $dirs
logs=$BUILD/logs/bench
mkdir -p "$logs"

for m in $modes; do
	for k in ours base; do
		"$TOP/scripts/run-qemu.sh" -I -k "$k" -m "$m" -i "$initrd" -r bench \
			-a "kvmppc.iters=$iters" -t 900 -l "$logs/$k-$m-icount.log" || true
	done
done
for r in $(seq "$rounds"); do
	for m in $modes; do
		for k in ours base; do
			"$TOP/scripts/run-qemu.sh" -k "$k" -m "$m" -i "$initrd" -r bench \
				-a "kvmppc.iters=$iters" -t 900 \
				-l "$logs/$k-$m-mttcg-$r.log" || true
		done
	done
done
if [ "$boot_rounds" -gt 0 ]; then
	qinitrd=$BUILD/initramfs-qemu-bench.cpio.gz
	"$TOP/scripts/mkqemu.sh" --no-72 -k "$BUILD/out-ours/vmlinux" "$qinitrd" >/dev/null
	for r in $(seq "$boot_rounds"); do
		for m in $modes; do
			for k in ours base; do
				"$TOP/scripts/run-qemu.sh" -k "$k" -m "$m" -i "$qinitrd" \
					-r qemu -a "kvmppc.only=$boots" -t 900 \
					-l "$logs/$k-$m-l2boot-$r.log" || true
			done
		done
	done
fi
exec python3 "$TOP/scripts/benchtable.py" "$logs" "$modes" "$rounds" "$boot_rounds"
