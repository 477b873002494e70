#!/bin/sh
# RISC-V rv32imac compile and link check (nothing runs): builds libvregion
# freestanding with Debian's riscv64-unknown-elf-gcc, which has no C library,
# so src/platform/baremetal/libc supplies errno.h, string.h and
# memset/memcpy/memmove; links tests/target/link_probe.c with -nostdlib
# (libgcc only); checks the library needs nothing else; prints section sizes.
# Needs: gcc-riscv64-unknown-elf.
# Usage: scripts/check-riscv.sh [build-dir]   (default build-rv32)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-rv32"}

command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 || {
	echo "check-riscv: riscv64-unknown-elf-gcc not found (apt-get install gcc-riscv64-unknown-elf)" >&2
	exit 1
}
cmake -S "$root" -B "$build" \
	-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/riscv32-imac.cmake" \
	-DVREGION_PLATFORM=baremetal -DVREGION_BM_LOCK=irqmask \
	-DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
cmake --build "$build" -j"$(nproc)"
(cd "$build" && ctest -L freestanding --output-on-failure)
probe="$build/tests/vregion_link_probe.elf"
test -f "$probe"
echo "check-riscv: link probe $(riscv64-unknown-elf-readelf -h "$probe" | awk '/Machine|Class/ {printf "%s ", $NF}')"
riscv64-unknown-elf-size "$build/src/core/libvregion.a" "$probe"
echo "check-riscv: OK"
