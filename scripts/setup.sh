#!/bin/bash
# Install everything vregion needs on a Debian machine (as root). Idempotent:
# apt-get runs only when a package is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git python3
  libcmocka-dev                       # unit tests
  libsndfile1-dev libasound2-dev      # testbench: audio files, topology syntax
  gcc-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf qemu-system-arm  # bare metal
  clang-14 libclang-rt-14-dev valgrind   # fuzzing, sanitizers, valgrind
  gcc-multilib libmimalloc-dev libjemalloc-dev   # benchmarks
  libsoxr-dev libsamplerate0-dev libspeexdsp-dev python3-numpy python3-scipy  # SRC comparison and measurement
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all packages present"
