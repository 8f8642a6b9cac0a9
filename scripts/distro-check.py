#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Checks that our KVM modules agree with a distribution's vmlinux.

distro-check.py config DISTRO_CONFIG OUR_CONFIG
    Every option of the distribution's .config has the same value in
    ours, except the options our backend owns (KVM_OWNED) and those the
    toolchain decides (TOOLCHAIN, reported).

distro-check.py layout VMLINUX MODULE...
    Every structure or union a module's BTF (split against vmlinux's)
    defines under the name of one in vmlinux's BTF has the same size and
    the same members at the same offsets, unless it is one of the KVM
    types our backend defines for itself (KVM_OWN_TYPES), which vmlinux
    only uses in upstream's built-in handler code; and no module imports
    a symbol of that code (a vmlinux export named kvm*).

Exit status 1 with the reasons on a disagreement.
"""
import re
import struct
import subprocess
import sys
import tempfile

# Options of the KVM backend itself: which backend, which modules, what
# its Kconfig selects for generic KVM (compiled into our kvm.ko).
KVM_OWNED = re.compile(
    r'^CONFIG_(KVM|KVM_BOOK3S_(32|64)(_HV|_PR)?|'
    r'KVM_BOOK3S_HV_(P8_TIMING|P9_TIMING|EXIT_TIMING|NESTED_PMU_WORKAROUND)|'
    r'KVM_E500\w*|KVM_BOOKE\w*|KVM_XICS|KVM_XIVE|KVM_VFIO|KVM_MMIO|'
    r'KVM_GENERIC_\w+|HAVE_KVM_\w+|KVM_PPC_\w+|PPC_KVM_OWN_BACKEND|'
    r'IRQ_BYPASS_MANAGER)$')
# Decided by the compiler, assembler, linker and pahole at hand.
TOOLCHAIN = re.compile(
    r'^CONFIG_(CC_VERSION_TEXT|GCC_VERSION|AS_VERSION|LD_VERSION|'
    r'PAHOLE_VERSION|RUSTC_\w+|RUST_\w+|BINDGEN_\w+|CC_HAS_\w+|AS_HAS_\w+|'
    r'LD_HAS_\w+|TOOLS_SUPPORT_\w+)$')

# KVM's own structures: struct kvm and what hangs off it.  Ours differ
# from upstream's by design.
KVM_OWN_TYPES = re.compile(r'^(kvm|kvm_vcpu|kvm_\w+|kvmppc_\w+|kvmhv_\w+)$')


def read_config(path):
    opts = {}
    with open(path) as f:
        for line in f:
            m = re.match(r'^(CONFIG_\w+)=(.*)$', line)
            if m:
                opts[m.group(1)] = m.group(2)
                continue
            m = re.match(r'^# (CONFIG_\w+) is not set$', line)
            if m:
                opts[m.group(1)] = 'n'
    return opts


def check_config(distro, ours):
    d, o = read_config(distro), read_config(ours)
    bad, tool = [], []
    for k in sorted(set(d) | set(o)):
        dv, ov = d.get(k, 'n'), o.get(k, 'n')
        if dv == ov or KVM_OWNED.match(k):
            continue
        (tool if TOOLCHAIN.match(k) else bad).append(f'{k}: distribution {dv}, ours {ov}')
    for t in tool:
        print(f'distro-check: toolchain differs: {t}', file=sys.stderr)
    for b in bad:
        print(f'distro-check: config differs: {b}', file=sys.stderr)
    if bad:
        print(f'distro-check: {len(bad)} option(s) outside KVM differ; refusing',
              file=sys.stderr)
        return 1
    print(f'distro-check: config agrees ({len(d)} options; KVM options are ours)',
          file=sys.stderr)
    return 0


# BTF (include/uapi/linux/btf.h): kinds and the bytes each adds after the
# 12-byte common header, per vlen where it has members.
KIND_EXTRA = {1: (4, 0), 2: (0, 0), 3: (12, 0), 4: (0, 12), 5: (0, 12),
              6: (0, 8), 7: (0, 0), 8: (0, 0), 9: (0, 0), 10: (0, 0),
              11: (0, 0), 12: (0, 0), 13: (0, 8), 14: (4, 0), 15: (0, 12),
              16: (0, 0), 17: (4, 0), 18: (0, 0), 19: (0, 12)}


def btf_section(path):
    with tempfile.NamedTemporaryFile() as t:
        subprocess.run(['powerpc64le-linux-gnu-objcopy',
                        f'--dump-section=.BTF={t.name}', path, '/dev/null'],
                       check=True)
        return open(t.name, 'rb').read()


class Btf:
    """The types of one BTF blob; a split blob numbers on from its base."""

    def __init__(self, data, base=None):
        magic, _ver, _flags, hlen, toff, tlen, soff, slen = \
            struct.unpack_from('<HBBIIIII', data)
        if magic != 0xeb9f:
            raise ValueError('not little-endian BTF')
        types = data[hlen + toff:hlen + toff + tlen]
        self.strs = data[hlen + soff:hlen + soff + slen]
        self.base = base
        self.str_base = len(base.strs) if base else 0
        self.types = base.types[:] if base else []
        self.own = []		# (name, kind, size, members) of this blob
        pos = 0
        while pos < len(types):
            name_off, info, size = struct.unpack_from('<III', types, pos)
            kind, vlen = (info >> 24) & 0x1f, info & 0xffff
            kflag = info >> 31
            extra, per = KIND_EXTRA[kind]
            body = pos + 12
            members = None
            if kind in (4, 5):	# struct, union
                members = []
                for i in range(vlen):
                    moff, _mtype, mbits = struct.unpack_from('<III', types, body + 12 * i)
                    bit = mbits & 0xffffff if kflag else mbits
                    members.append((self.name(moff), bit))
            entry = (self.name(name_off), kind, size, members)
            self.types.append(entry)
            self.own.append(entry)
            pos = body + extra + per * vlen

    def name(self, off):
        if off < self.str_base:
            return self.base.name(off)
        off -= self.str_base
        end = self.strs.index(b'\0', off)
        return self.strs[off:end].decode()


def layout(entry):
    return (entry[2], tuple(entry[3]))


def kvm_imports(path):
    out = subprocess.run(['powerpc64le-linux-gnu-nm', '-u', path],
                         capture_output=True, text=True, check=True).stdout
    return [s.split()[-1] for s in out.splitlines()
            if re.match(r'^(kvm|kvmppc|\.kvm)', s.split()[-1])]


def check_layout(vmlinux, modules):
    base = Btf(btf_section(vmlinux))
    base_structs = {}
    for e in base.own:
        if e[1] in (4, 5) and e[0]:
            base_structs.setdefault((e[0], e[1]), set()).add(layout(e))
    ours = set()
    for m in modules:
        ours |= set(kvm_imports(m))
    bad, own = [], set()
    for m in modules:
        split = Btf(btf_section(m), base)
        for e in split.own:
            if e[1] not in (4, 5) or not e[0] or (e[0], e[1]) not in base_structs:
                continue
            if layout(e) in base_structs[(e[0], e[1])]:
                continue	# same layout; differs only in what it points to
            if KVM_OWN_TYPES.match(e[0]):
                own.add(e[0])
                continue
            bad.append(f'{m}: struct {e[0]} ({e[2]} bytes) is laid out '
                       f'differently from vmlinux\'s')
    # Imports a module resolves in the module before it (kvm-hv from kvm).
    defined = set()
    for m in modules:
        out = subprocess.run(['powerpc64le-linux-gnu-nm', '--defined-only', m],
                             capture_output=True, text=True, check=True).stdout
        defined |= {line.split()[-1] for line in out.splitlines()}
    for s in sorted(ours - defined):
        bad.append(f'imports {s}, upstream KVM code in vmlinux')
    for b in bad:
        print(f'distro-check: {b}', file=sys.stderr)
    if bad:
        print('distro-check: the modules disagree with vmlinux; refusing',
              file=sys.stderr)
        return 1
    print(f'distro-check: layout agrees with vmlinux\'s BTF ({len(base_structs)} '
          f'structures; ours by design: {", ".join(sorted(own)) or "none"})',
          file=sys.stderr)
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'config':
        return check_config(sys.argv[2], sys.argv[3])
    if len(sys.argv) >= 4 and sys.argv[1] == 'layout':
        return check_layout(sys.argv[2], sys.argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
