#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh [--kernel ours|base] [--only t1,t2] [--modes "v2 v1"] [--no-checks]
#         [--no-debug] [--suite all|selftests|qemu] [--no-build]
#
# Set up if needed, build, and run the whole suite:
#   static checks (checkpatch --strict, kernel-doc, sparse C=2 + W=1)
#   KUnit, in the booted kernel (kunit.enable=1)
#   our powerpc selftests, under nested v2 (power10) and nested v1 (power9)
#   all of it again on the debug kernel (KASAN, lockdep, UBSAN, kmemleak),
#   where any kernel report fails the run
#   real QEMU (Debian's ppc64el build) as a KVM client inside the L1,
#   booting an L2 in several ways (scripts/guest/qemu), v2 and v1
# then print a per-suite table ending "N passed, N failed, N skipped".
# --kernel base runs the same selftests on the unmodified base kernel.
# --only names selftests and qemu scenarios (qemu-boot-smp1, ...; "qemu":
# all of them); the qemu boots run only if it names one.  --suite qemu
# runs the qemu suite alone (no selftests, KUnit or static checks).
# --no-build uses the kernels already in build/out-* as they are.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

flavour=ours only= modes="v2 v1" checks=1 debug=1 suite=all build=1
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) flavour=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--modes) modes=$2; shift 2 ;;
	--no-checks) checks=0; shift ;;
	--no-debug) debug=0; shift ;;
	--suite) suite=$2; shift 2 ;;
	--no-build) build=0; shift ;;
	*) die "usage: test.sh [--kernel ours|base] [--only t1,t2] [--modes \"v2 v1\"] [--no-checks] [--no-debug] [--suite all|selftests|qemu] [--no-build]" ;;
	esac
done
case $suite in all | selftests | qemu) ;; *) die "--suite: all, selftests or qemu" ;; esac
[ "$flavour" = base ] && checks=0 && debug=0
selftests=1 qemu=1
[ "$suite" = qemu ] && selftests=0 checks=0
[ "$suite" = selftests ] && qemu=0
# --only without a qemu scenario in it: no qemu boots.
if [ -n "$only" ] && ! echo ",$only," | grep -q ',qemu'; then
	qemu=0
fi

t0=$(date +%s)
"$TOP/scripts/setup.sh"
if [ $build = 1 ]; then
	"$TOP/scripts/build.sh" "$flavour"
	[ $debug = 1 ] && KVMPPC_DEBUG=1 "$TOP/scripts/build.sh" "$flavour"
fi
t1=$(date +%s)
if [ $selftests = 1 ]; then
	dirs=$("$TOP/scripts/userspace.sh")
	initrd=$BUILD/initramfs-test.cpio.gz
	# shellcheck disable=SC2086
	"$TOP/scripts/mkinitramfs.sh" "$initrd" $dirs
fi
# The qemu suite's L1 initramfs: QEMU, and the L2 (this flavour's kernel;
# the normal one under the debug L1 too: it is the L1's KVM under test).
qemu_initrd=$BUILD/initramfs-qemu-$flavour.cpio.gz
qemu_dbg_initrd=$BUILD/initramfs-qemu-$flavour-debug.cpio.gz
mods=$BUILD/out-$flavour-debug/modroot
if [ $qemu = 1 ]; then
	"$TOP/scripts/mkqemu.sh" -k "$BUILD/out-$flavour/vmlinux" "$qemu_initrd"
	if [ $debug = 1 ]; then
		if [ -d "$mods" ]; then
			"$TOP/scripts/mkqemu.sh" -m "$mods" -k "$BUILD/out-$flavour/vmlinux" "$qemu_dbg_initrd"
		else
			"$TOP/scripts/mkqemu.sh" -k "$BUILD/out-$flavour/vmlinux" "$qemu_dbg_initrd"
		fi
	fi
fi
# Our debug kernel has KVM as modules: its initramfs carries them.
dbg_initrd=${initrd:-}
if [ $debug = 1 ] && [ $selftests = 1 ]; then
	dbg_initrd=$BUILD/initramfs-test-debug.cpio.gz
	# shellcheck disable=SC2086
	if [ -d "$mods" ]; then
		"$TOP/scripts/mkinitramfs.sh" -m "$mods" "$dbg_initrd" $dirs
	else
		"$TOP/scripts/mkinitramfs.sh" "$dbg_initrd" $dirs
	fi
fi
t2=$(date +%s)

args=()
run_all() {	# $1: label suffix ("" or "-debug"), $2: initramfs
	local m log append="kunit.enable=1${only:+ kvmppc.only=$only}"

	for m in $modes; do
		log=$BUILD/logs/$flavour$1-$m-selftests.log
		"$TOP/scripts/run-qemu.sh" -k "$flavour" -m "$m" -i "$2" \
			-r selftests -a "$append" -t 1800 -l "$log" || true
		args+=(--label "$flavour$1-$m" "$log")
		# KUnit runs at every boot; count it once per kernel.
		append="kunit.enable=0${only:+ kvmppc.only=$only}"
	done
}
# The qemu suite, once per mode: a limit per QEMU inside, and one for
# the whole boot here.  On the debug kernel an L2 boots ~8x slower (about
# a minute): there qemu-kill (a QEMU killed mid-boot, then a whole boot;
# kmemleak then sees what a killed QEMU left), unless --only names others.
run_qemu() {	# $1: label suffix ("" or "-debug"), $2: initramfs
	local m log append="${only:+kvmppc.only=$only}"

	[ -n "$1" ] && append="kvmppc.qemu_scale=3 kvmppc.only=${only:-qemu-kill}"
	for m in $modes; do
		log=$BUILD/logs/$flavour$1-$m-qemu.log
		"$TOP/scripts/run-qemu.sh" -k "$flavour" -m "$m" -i "$2" \
			-r qemu -a "$append" -t 1800 -l "$log" || true
		args+=(--label "$flavour$1-$m-qemu" "$log")
	done
}
if [ $selftests = 1 ]; then
	run_all "" "$initrd"
	[ $debug = 1 ] && KVMPPC_DEBUG=1 run_all "-debug" "$dbg_initrd"
fi
if [ $qemu = 1 ]; then
	run_qemu "" "$qemu_initrd"
	[ $debug = 1 ] && KVMPPC_DEBUG=1 run_qemu "-debug" "$qemu_dbg_initrd"
fi
t3=$(date +%s)

res=$BUILD/logs/checks.tsv
: >"$res"
if [ $checks = 1 ]; then
	"$TOP/scripts/check.sh" "$res" 2>"$BUILD/logs/checks.log" || true
	args+=(--checks "$res")
fi
t4=$(date +%s)
say "test: builds $((t1 - t0))s, userspace $((t2 - t1))s, qemu runs $((t3 - t2))s, checks $((t4 - t3))s"
exec python3 "$TOP/scripts/tapsummary.py" "${args[@]}"
