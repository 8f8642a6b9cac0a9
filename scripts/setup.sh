#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build, the demo and the tests need, from Debian's
# archive only.  Idempotent: a machine that already has it all is left alone
# in well under a second.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/scripts/lib.sh"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

HOST_PKGS="gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross make flex bison bc
	libelf-dev libssl-dev cpio sparse ccache python3 perl xz-utils kmod
	rsync linux-source-6.12 dwarves file"
QEMU_MIN_MAJOR=9

have_pkgs() {
	local p
	for p in $HOST_PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || return 1
	done
}

qemu_ok() {
	command -v qemu-system-ppc64 >/dev/null || return 1
	local v
	v=$(qemu-system-ppc64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
	[ "${v:-0}" -ge "$QEMU_MIN_MAJOR" ]
}

busybox_ok() {
	[ -x "$CACHE/busybox/bin/busybox" ]
}

if have_pkgs && qemu_ok && busybox_ok; then
	exit 0
fi

say "setup: installing Debian packages"
if [ ! -f /etc/apt/sources.list.d/bookworm-backports.sources ]; then
	$SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
	$SUDO dpkg --add-architecture ppc64el
fi
# A mirror caught mid-sync fails one index now and then: retry, and go on
# if the lists we need are there.
for i in 1 2 3; do
	$SUDO apt-get update -qq && break
	say "setup: apt-get update failed (try $i), retrying"
	sleep 5
done
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $HOST_PKGS
qemu_ok || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	--no-install-recommends -t bookworm-backports qemu-system-ppc
qemu_ok || die "QEMU >= $QEMU_MIN_MAJOR is needed (bookworm-backports)"

if ! busybox_ok; then
	say "setup: fetching busybox-static:ppc64el (not installed on the host)"
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -qq busybox-static:ppc64el)
	rm -rf "$CACHE/busybox"
	mkdir -p "$CACHE/busybox"
	dpkg-deb -x "$tmp"/busybox-static_*.deb "$CACHE/busybox"
	rm -rf "$tmp"
fi
say "setup: done ($(qemu-system-ppc64 --version | head -1))"
