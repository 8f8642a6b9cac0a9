#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh [--kernel ours|base] [--only t1,t2] [--modes "v2 v1"] [--no-checks]
#         [--no-debug]
#
# Set up if needed, build, and run the whole suite:
#   static checks (checkpatch --strict, kernel-doc, sparse C=2 + W=1)
#   KUnit, in the booted kernel (kunit.enable=1)
#   our powerpc selftests, under nested v2 (power10) and nested v1 (power9)
#   all of it again on the debug kernel (KASAN, lockdep, UBSAN, kmemleak),
#   where any kernel report fails the run
# then print a per-suite table ending "N passed, N failed, N skipped".
# --kernel base runs the same selftests on the unmodified base kernel.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

flavour=ours only= modes="v2 v1" checks=1 debug=1
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) flavour=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--modes) modes=$2; shift 2 ;;
	--no-checks) checks=0; shift ;;
	--no-debug) debug=0; shift ;;
	*) die "usage: test.sh [--kernel ours|base] [--only t1,t2] [--modes \"v2 v1\"] [--no-checks] [--no-debug]" ;;
	esac
done
[ "$flavour" = base ] && checks=0 && debug=0

t0=$(date +%s)
"$TOP/scripts/setup.sh"
"$TOP/scripts/build.sh" "$flavour"
[ $debug = 1 ] && KVMPPC_DEBUG=1 "$TOP/scripts/build.sh" "$flavour"
t1=$(date +%s)
dirs=$("$TOP/scripts/userspace.sh")
initrd=$BUILD/initramfs-test.cpio.gz
# shellcheck disable=SC2086
"$TOP/scripts/mkinitramfs.sh" "$initrd" $dirs
# Our debug kernel has KVM as modules: its initramfs carries them.
dbg_initrd=$initrd
if [ $debug = 1 ]; then
	dbg_initrd=$BUILD/initramfs-test-debug.cpio.gz
	mods=$BUILD/out-$flavour-debug/modroot
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
run_all "" "$initrd"
[ $debug = 1 ] && KVMPPC_DEBUG=1 run_all "-debug" "$dbg_initrd"
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
