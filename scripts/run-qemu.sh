#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-qemu.sh -k ours|base -m v2|v1 -i INITRAMFS -r SCRIPT [-a APPEND]
#             [-t TIMEOUT] [-l LOG] [-K VMLINUX] [-s SMP] [-I] [-X ARGS]
#
# Boot a host kernel under QEMU TCG as a pseries L1 (build/out-<k>/vmlinux,
# or with -K any other, e.g. Debian's; -k then only names the log):
#   v2  -M pseries,cap-nested-papr=on -cpu power10  (PAPR nested v2)
#   v1  -M pseries,cap-nested-hv=on   -cpu power9   (nested v1)
# -I: QEMU's icount mode, one vCPU: the L1's timebase advances one
# nanosecond per emulated instruction, so time read inside it counts
# instructions, the same run after run (scripts/bench.sh).
# -X: more QEMU arguments (split at blanks; scripts/profile's plugin).
# The guest runs /kvmppc/SCRIPT and powers off.  The console goes to LOG
# (kept); a hang ends with a message naming the log.  Exit status: 0 if
# the guest powered off normally, 1 on timeout or a QEMU failure.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

kernel=ours mode=v2 initrd= run= append= timeout=600 log= smp=2 vmlinux=
accel=(-accel tcg,thread=multi) extra=()
while getopts k:m:i:r:a:t:l:s:K:IX: o; do
	case $o in
	k) kernel=$OPTARG ;; m) mode=$OPTARG ;; i) initrd=$OPTARG ;;
	r) run=$OPTARG ;; a) append=$OPTARG ;; t) timeout=$OPTARG ;;
	l) log=$OPTARG ;; s) smp=$OPTARG ;; K) vmlinux=$OPTARG ;;
	I) accel=(-accel tcg,thread=single -icount shift=0,sleep=off) smp=1 ;;
	X) read -ra extra <<<"$OPTARG" ;;
	*) die "bad option" ;;
	esac
done
if [ -n "$vmlinux" ]; then
	[ -f "$vmlinux" ] || die "no $vmlinux"
else
	vmlinux=$BUILD/out-$kernel${KVMPPC_DEBUG:+-debug}/vmlinux
	[ -f "$vmlinux" ] || die "no $vmlinux: run scripts/build.sh $kernel"
fi
[ -f "$initrd" ] || die "no initramfs $initrd"
log=${log:-$BUILD/logs/$kernel-$mode-$run.log}
mkdir -p "$(dirname "$log")"

case $mode in
v2) machine=pseries,x-vof=on,cap-nested-papr=on cpu=power10 ;;
v1) machine=pseries,x-vof=on,cap-nested-hv=on cpu=power9 ;;
*) die "mode must be v2 or v1" ;;
esac
# TCG has no Spectre mitigations to offer; say so instead of warning.
machine=$machine,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off

start=$(date +%s.%N)
set +e
timeout --foreground -k 5 "$timeout" qemu-system-ppc64 -nographic -nodefaults \
	-serial mon:stdio -M "$machine" -cpu "$cpu" -smp "$smp" -m 2G \
	"${accel[@]}" "${extra[@]}" -kernel "$vmlinux" -initrd "$initrd" \
	-append "console=hvc0 quiet loglevel=7 kunit.enable=0 kvmppc.run=$run $append" \
	</dev/null >"$log" 2>&1
rc=$?
set -e
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	say "run-qemu: TIMEOUT after ${timeout}s ($kernel, $mode, $run); console log: $log"
	exit 1
fi
if [ $rc -ne 0 ]; then
	say "run-qemu: QEMU exited with $rc ($kernel, $mode, $run); console log: $log"
	exit 1
fi
if ! grep -q "KVMPPC-DONE" "$log"; then
	say "run-qemu: the guest did not finish ($kernel, $mode, $run); console log: $log"
	exit 1
fi
say "run-qemu: $kernel/$mode/$run: ${secs%.*}s wall; log $log"
