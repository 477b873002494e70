#!/bin/bash
# Fuzzing smoke stage of scripts/test.sh (issue 9): builds the libFuzzer
# harnesses with clang-14 (ASan+UBSan+libFuzzer) and runs each one for a
# fixed number of runs from its seed corpus (ctest -L fuzz). Long runs:
# docs/hardening.md.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/build-test/fuzz"
mkdir -p "$root/build-test"
if ! command -v clang-14 >/dev/null; then
  echo "fuzz: clang-14 missing"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
if ! cmake -S "$root" -B "$dir" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DVREGION_SANITIZE=ON -DVREGION_FUZZ=ON >"$dir.configure.log" 2>&1 ||
   ! cmake --build "$dir" -j"$(nproc)" --target fuzz_heap fuzz_topology fuzz_ipc4 \
       >"$dir.build.log" 2>&1; then
  tail -n 40 "$dir.configure.log" "$dir.build.log" 2>/dev/null
  echo "fuzz: 0 passed, 1 failed"; exit 1
fi
out=$(cd "$dir" && ctest -L fuzz --output-on-failure 2>&1); rc=$?
grep -vE '^#[0-9]+|^INFO:|^\s*"' <<<"$out" | tail -n 60
line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' <<<"$out" | tail -1)
if [[ -z $line ]]; then echo "fuzz: 0 passed, 1 failed"; exit 1; fi
f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
t=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
echo "fuzz: $((t - f)) passed, $f failed"
((rc == 0 && f == 0))
