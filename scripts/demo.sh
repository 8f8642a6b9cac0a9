#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh [ours|base] -- set up if needed, build, boot the kernel under QEMU
# (pseries, nested v2) and run the demo inside it: open /dev/kvm, create
# VMs and a vCPU, show which backend answered.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"
flavour=${1:-ours}
mode=${KVMPPC_MODE:-v2}
"$TOP/scripts/setup.sh"
"$TOP/scripts/build.sh" "$flavour"
dirs=$("$TOP/scripts/userspace.sh")
dirs=${dirs%%$'\n'*}
initrd=$BUILD/initramfs-demo-$flavour.cpio.gz
"$TOP/scripts/mkinitramfs.sh" "$initrd" $dirs
log=$BUILD/logs/$flavour-$mode-demo.log
"$TOP/scripts/run-qemu.sh" -k "$flavour" -m "$mode" -i "$initrd" -r demo -t 300 -l "$log"
sed -n '/KVMPPC-BOOTED/,/KVMPPC-DONE/p' "$log" | grep -v '^KVMPPC-'
