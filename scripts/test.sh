#!/bin/bash
# The whole test suite: set up, then build and test in every configuration.
#   1. Debug with ASan+UBSan     (every test)
#   2. Release                    (every test)
#   3. ThreadSanitizer            (tests labelled "threads")
#   4. Cortex-M3 on QEMU          (the core's tests, label "cortex-m"), RISC-V link check
#   5. install + out-of-tree consumers (CMake package and pkg-config)
#   6. extra stages that parts of the project add (scripts/test.d/*.sh)
# Ends with one line "N passed, N failed" summing every stage.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/setup.sh || exit 1

jobs=$(nproc)
passed=0
failed=0
log=$(mktemp)

# run_ctest NAME BUILD_DIR [ctest args...]: build dir must be configured and built.
run_ctest() {
  local name=$1 dir=$2; shift 2
  echo "=== $name"
  (cd "$dir" && ctest --output-on-failure -j"$jobs" "$@") 2>&1 | tee "$log"
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
  if [[ -z $line ]]; then
    if grep -q 'No tests were found' "$log"; then return; fi
    echo "$name: ctest gave no summary"; failed=$((failed + 1)); return
  fi
  local nfail total
  nfail=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + total - nfail))
  failed=$((failed + nfail))
}

# build NAME DIR cmake-args...: configure and build, counting a failure as one failed test.
build() {
  local name=$1 dir=$2; shift 2
  echo "=== build $name"
  if ! cmake -S "$root" -B "$dir" "$@" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"; echo "$name: configure failed"; failed=$((failed + 1)); return 1
  fi
  if ! cmake --build "$dir" -j"$jobs" >"$dir.build.log" 2>&1; then
    tail -n 60 "$dir.build.log"; echo "$name: build failed"; failed=$((failed + 1)); return 1
  fi
}

mkdir -p build-test
if build asan build-test/asan -DCMAKE_BUILD_TYPE=Debug -DVREGION_SANITIZE=ON; then
  ASAN_OPTIONS=detect_leaks=1 run_ctest "Debug + ASan/UBSan" build-test/asan
fi
if build release build-test/release -DCMAKE_BUILD_TYPE=Release; then
  run_ctest "Release" build-test/release
fi
if build tsan build-test/tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVREGION_TSAN=ON; then
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" run_ctest "ThreadSanitizer" build-test/tsan -L threads
fi

for stage in scripts/test.d/*.sh; do
  [[ -e $stage ]] || continue
  echo "=== stage $stage"
  out=$(bash "$stage" 2>&1); rc=$?
  echo "$out"
  # A stage reports "N passed, N failed" as its last such line; else its exit code counts as one test.
  line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' <<<"$out" | tail -1)
  if [[ -n $line ]]; then
    p=$(sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/' <<<"$line")
    f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f))
    ((rc == 0 || f > 0)) || failed=$((failed + 1))
  elif ((rc == 0)); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

rm -f "$log"
echo "$passed passed, $failed failed"
((failed == 0))
