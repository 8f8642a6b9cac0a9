#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh RESULTS -- static checks of our kernel files, one result line
# each (suite, name, pass|fail, detail) appended to RESULTS:
#   checkpatch  checkpatch.pl --strict, per file
#   kernel-doc  scripts/kernel-doc -Wall, per file
#   sparse-W1   make C=2 W=1 of arch/powerpc/kvm: no warning at all
#   harness     scripts/tests/tapsummary_test.py: the report check on a
#               captured example of each splat kind, KUnit and timeout
#               parsing, the guest's per-test timeout
# Needs a configured build/out-ours (scripts/build.sh ours).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"
res=$1
G=$BUILD/graft
OUT=$BUILD/out-ours

n=$(wc -l <"$res")
python3 "$TOP/scripts/tests/tapsummary_test.py" --tsv "$res" >&2
[ "$(wc -l <"$res")" -gt "$n" ] ||
	printf 'harness\ttapsummary_test.py\tfail\tdid not run (see build/logs/checks.log)\n' >>"$res"

files=$(cd "$TOP" && git ls-files --cached --others --exclude-standard -- \
	'arch/powerpc/kvm/*.c' 'arch/powerpc/kvm/*.h' \
	'arch/powerpc/include/asm/kvm*.h')
for f in $files; do
	out=$("$G/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f "$TOP/$f" 2>&1)
	if [ -z "$out" ]; then
		printf 'checkpatch\t%s\tpass\n' "$f" >>"$res"
	else
		printf 'checkpatch\t%s\tfail\t%s\n' "$f" \
			"$(echo "$out" | grep -E '^(ERROR|WARNING|CHECK)' | head -3 | tr '\n' ' ')" >>"$res"
		echo "$out" >&2
	fi
	out=$("$G/scripts/kernel-doc" -none -Wall "$TOP/$f" 2>&1)
	if [ -z "$out" ]; then
		printf 'kernel-doc\t%s\tpass\n' "$f" >>"$res"
	else
		printf 'kernel-doc\t%s\tfail\t%s\n' "$f" "$(echo "$out" | head -2 | tr '\n' ' ')" >>"$res"
		echo "$out" >&2
	fi
done

log=$BUILD/logs/sparse-w1.log
mkdir -p "$(dirname "$log")"
make -s -C "$G" O="$OUT" ARCH=powerpc CROSS_COMPILE="$CROSS" -j"$(nproc)" \
	C=2 W=1 arch/powerpc/kvm/ >"$log" 2>&1
rc=$?
# Ours only: the generic KVM code built with it (virt/kvm) is the base's.
warn=$(grep -E 'warning|error' "$log" | grep -E 'arch/powerpc/(kvm|include/asm/kvm)' |
	grep -v '/virt/kvm/' || true)
if [ $rc -eq 0 ] && [ -z "$warn" ]; then
	printf 'sparse-W1\tarch/powerpc/kvm\tpass\n' >>"$res"
else
	printf 'sparse-W1\tarch/powerpc/kvm\tfail\t%s\n' "$(echo "$warn" | head -3 | tr '\n' ' ') (see $log)" >>"$res"
	cat "$log" >&2
fi
