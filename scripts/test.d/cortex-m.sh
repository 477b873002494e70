#!/bin/bash
# Bare metal stage of scripts/test.sh: the core's test suites on QEMU
# mps2-an385 (Cortex-M3) via scripts/test-cortex-m.sh, then the RISC-V
# rv32imac compile and link check (scripts/check-riscv.sh, one test), and the
# platform layer's own test once more with interrupt-mask locks (PRIMASK).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/build-test"
pass=0; fail=0
out=$(bash "$root/scripts/test-cortex-m.sh" "$root/build-test/cortex-m3" 2>&1); rc=$?
echo "$out" | grep -vE '^\[ *[0-9]+%\]|^gmake|^make'
line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' <<<"$out" | tail -1)
if [[ -n $line ]]; then
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  t=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  pass=$((pass + t - f)); fail=$((fail + f))
  ((rc == 0 || f > 0)) || fail=$((fail + 1))
else
  echo "cortex-m: build or ctest failed"; fail=$((fail + 1))
fi
irq="$root/build-test/cortex-m3-irqmask"
if cmake -S "$root" -B "$irq" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/cortex-m3.cmake" \
     -DVREGION_PLATFORM=baremetal -DCMAKE_BUILD_TYPE=Release -DVREGION_BM_LOCK=irqmask >/dev/null &&
   cmake --build "$irq" --target test_bm_platform -j"$(nproc)" >/dev/null &&
   (cd "$irq" && ctest -R '^test_bm_platform$' --output-on-failure); then
  pass=$((pass + 1))
else
  echo "cortex-m: test_bm_platform with irqmask locks failed"; fail=$((fail + 1))
fi
if out=$(bash "$root/scripts/check-riscv.sh" "$root/build-test/rv32" 2>&1); then
  pass=$((pass + 1))
else
  echo "$out" | tail -n 40; echo "cortex-m: RISC-V check failed"; fail=$((fail + 1))
fi
echo "cortex-m: $pass passed, $fail failed"
((fail == 0))
