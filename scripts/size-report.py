#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Per-object .text/.data/.bss that a linked image really contains.

Reads GNU ld map files (-Wl,-Map) of images linked with --gc-sections, so
only the functions the image calls are counted, and sums the input sections
kept from each object of libvregion.a. Used by scripts/size-report.sh.

usage: size-report.py MAP [MAP...]   -> one table per map on stdout
       size-report.py --json MAP     -> {object: {text, data, bss}}
       size-report.py --report BUILD_DIR QEMU_MACHINE
                                     -> the whole report (size-report.sh)
"""
import json
import os
import re
import subprocess
import sys

ENTRY = re.compile(r"^ (\.\S+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$")
NAME_ONLY = re.compile(r"^ (\.\S+|COMMON)$")
CONT = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$")
MEMBER = re.compile(r"libvregion\.a\((.+)\)$")


def kind(section):
    if section.startswith((".text", ".ARM.exidx", ".ARM.extab")):
        return "text"
    if section.startswith(".rodata"):
        return "rodata"
    if section.startswith(".data"):
        return "data"
    if section.startswith((".bss", "COMMON")):
        return "bss"
    return None


def parse(path):
    """{member object: {text, rodata, data, bss}} for libvregion.a members."""
    sizes = {}
    in_map = False
    pending = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = ENTRY.match(line)
            if m:
                section, _addr, size, origin = m.groups()
            else:
                n = NAME_ONLY.match(line)
                if n:
                    pending = n.group(1)
                    continue
                c = CONT.match(line)
                if not (c and pending):
                    pending = None
                    continue
                section, (_addr, size, origin) = pending, c.groups()
            pending = None
            mem = MEMBER.search(origin)
            k = kind(section)
            if not mem or not k:
                continue
            obj = mem.group(1)
            entry = sizes.setdefault(obj, {"text": 0, "rodata": 0, "data": 0, "bss": 0})
            entry[k] += int(size, 16)
    return sizes


LAYERS = [
    ("vpage", ["vpage.c.obj"]),
    ("vheap", ["vheap.c.obj"]),
    ("vregion", ["vregion.c.obj"]),
    ("alloc_ctx", ["alloc_ctx.c.obj"]),
    ("sysheap", ["sysheap.c.obj"]),
    ("platform", ["bm_memory.c.obj", "bm_lock.c.obj", "bm_log.c.obj", "bm_fault.c.obj"]),
    ("platform: log sink", ["bm_log_sink.c.obj"]),
]
CORE = ["vpage", "vheap", "vregion", "alloc_ctx"]
VHEAP_TARGET = 1228  # 1.2 KiB
CORE_TARGET = 4096
SPAN_TARGET = 64


def archive_sizes(lib, size_tool):
    """{member: {text, data, bss}} of every member, all functions included."""
    out = subprocess.run([size_tool, "-B", lib], check=True, capture_output=True,
                         text=True).stdout
    sizes = {}
    for line in out.splitlines()[1:]:
        f = line.split()
        if len(f) >= 6:
            sizes[f[5]] = {"text": int(f[0]), "data": int(f[1]), "bss": int(f[2])}
    return sizes


def by_layer(sizes, keys):
    rows = {}
    for layer, members in LAYERS:
        found = [sizes[m] for m in members if m in sizes]
        if found:
            rows[layer] = {k: sum(f.get(k, 0) for f in found) for k in keys}
    return rows


def table(title, rows, keys, heads):
    print(title)
    print("  (core total = vpage + vheap + vregion + alloc_ctx)")
    print(f"  {'layer':<20}" + "".join(f"{h:>9}" for h in heads))
    for layer, r in rows.items():
        print(f"  {layer:<20}" + "".join(f"{r[k]:>9}" for k in keys))
    core = {k: sum(rows[l][k] for l in CORE if l in rows) for k in keys}
    print(f"  {'core total':<20}" + "".join(f"{core[k]:>9}" for k in keys))
    missing = [l for l in CORE if l not in rows]
    if missing:
        print(f"  (not present: {', '.join(missing)})")
    return core, missing


def run_probe(elf, machine):
    cmd = ["qemu-system-arm", "-M", machine, "-nographic", "-monitor", "none", "-serial",
           "none", "-semihosting-config", "enable=on,target=native", "-kernel", elf]
    # QEMU writes the semihosting console to stderr: take both.
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         timeout=120)
    values = {}
    for line in res.stdout.splitlines():
        f = line.split()
        if len(f) == 2 and f[1].lstrip("-").isdigit():
            values[f[0]] = int(f[1])
        elif line.strip():
            print(f"  probe: {line}")
    if res.returncode != 0:
        print(f"  probe exited with {res.returncode}")
    return values, res.returncode


def verdict(label, value, limit):
    if value is None:
        print(f"  {label}: NOT MEASURED (part of the core missing)")
        return False
    state = "met" if value <= limit else f"MISSED by {value - limit}"
    print(f"  {label}: {value} (target <= {limit}) {state}")
    return value <= limit


LINKED_KEYS = ["text", "rodata", "data", "bss"]
LINKED_HEADS = [".text", ".rodata", ".data", ".bss"]


def report(build, machine):
    lib = os.path.join(build, "src", "core", "libvregion.a")
    ok = True
    full, miss_full = table(
        "Cortex-M4F -Os -mthumb, every function of each layer (libvregion.a members;"
        " text includes .rodata):",
        by_layer(archive_sizes(lib, "arm-none-eabi-size"), ["text", "data", "bss"]),
        ["text", "data", "bss"], ["text", ".data", ".bss"])
    probe_map = os.path.join(build, "tests", "vregion_link_probe.elf.map")
    linked, miss_linked = table(
        "\nLinked into an image that uses every layer (--gc-sections; tests/target/link_probe.c):",
        by_layer(parse(probe_map), LINKED_KEYS), LINKED_KEYS, LINKED_HEADS)
    vheap_map = os.path.join(build, "tests", "vregion_size_vheap.elf.map")
    vheap_code = None
    if os.path.exists(vheap_map):
        v = parse(vheap_map).get("vheap.c.obj")
        if v:
            vheap_code = v["text"]
            print(f"\nvheap init + alloc + aligned alloc + free alone (--gc-sections;"
                  f" tests/target/size_vheap.c):\n  .text {v['text']}  .rodata {v['rodata']}"
                  f"  .data {v['data']}  .bss {v['bss']}")
    probe = os.path.join(build, "tests", "vregion_size_probe.elf")
    values = {}
    if os.path.exists(probe):
        print(f"\nRAM metadata, measured on QEMU {machine} (32-bit; bytes;"
              f" system-heap figures include its block headers):")
        values, rc = run_probe(probe, machine)
        ok = ok and rc == 0
        for k, v in values.items():
            print(f"  {k:<36}{v:>8}")
    print("\nTargets (issue 3):")
    ok &= verdict("vheap code, init+alloc+aligned alloc+free (.text)", vheap_code, VHEAP_TARGET)
    ok &= verdict("whole core code, every function (.text+.rodata)",
                  None if miss_full else full["text"], CORE_TARGET)
    ok &= verdict("whole core code, linked image (.text+.rodata)",
                  None if miss_linked else linked["text"] + linked["rodata"], CORE_TARGET)
    ok &= verdict("heap minimum span", values.get("vheap_min_span"), SPAN_TARGET)
    return 0 if ok else 1


def main(argv):
    if argv and argv[0] == "--report":
        return report(argv[1], argv[2])
    if argv and argv[0] == "--json":
        print(json.dumps(parse(argv[1]), sort_keys=True))
        return 0
    for path in argv:
        sizes = parse(path)
        print(f"{path}:")
        print(f"  {'object':<22}{'text':>8}{'rodata':>8}{'data':>8}{'bss':>8}")
        total = {"text": 0, "rodata": 0, "data": 0, "bss": 0}
        for obj in sorted(sizes):
            s = sizes[obj]
            print(f"  {obj:<22}{s['text']:>8}{s['rodata']:>8}{s['data']:>8}{s['bss']:>8}")
            for k in total:
                total[k] += s[k]
        print(f"  {'total':<22}{total['text']:>8}{total['rodata']:>8}{total['data']:>8}"
              f"{total['bss']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
