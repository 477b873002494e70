#!/bin/sh
# Build the core and its unit tests for Cortex-M3 and run them on QEMU
# mps2-an385 with semihosting (ctest label cortex-m), plus the check that the
# library needs nothing but memset/memcpy/memmove from a C library.
# Needs: gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm.
# Usage: scripts/test-cortex-m.sh [build-dir]   (default build-m3)
# The lock hooks are the "integrator's own" (VREGION_BM_LOCK=external), played
# by tests/target/check_lock.c, which fails the run if the core ever takes a
# lock twice, gives one it does not hold or destroys one still held.
# Env: VREGION_M3_BUILD_TYPE (default Release), VREGION_M3_LOCK (default
# external; none or irqmask test those variants), CTEST_PARALLEL_LEVEL.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-m3"}
type=${VREGION_M3_BUILD_TYPE:-Release}
lock=${VREGION_M3_LOCK:-external}

for tool in arm-none-eabi-gcc qemu-system-arm; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "test-cortex-m: $tool not found (apt-get install gcc-arm-none-eabi" \
		     "libnewlib-arm-none-eabi qemu-system-arm)" >&2
		exit 1
	}
done

cmake -S "$root" -B "$build" \
	-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/cortex-m3.cmake" \
	-DVREGION_PLATFORM=baremetal -DCMAKE_BUILD_TYPE="$type" \
	-DVREGION_BM_LOCK="$lock" >/dev/null
cmake --build "$build" -j"$(nproc)"
cd "$build"
ctest -L cortex-m --output-on-failure -j"${CTEST_PARALLEL_LEVEL:-$(nproc)}"
