#!/bin/bash
# Install the library to a scratch prefix and build programs outside the tree
# against it: once with find_package(vregion), once with pkg-config.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DVREGION_HOST_PARTS=OFF -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
cmake --build "$work/build" -j"$(nproc)" >/dev/null
cmake --install "$work/build" >/dev/null
pass=0; fail=0
if cmake -S "$root/examples/consumer" -B "$work/cmake-consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null &&
   cmake --build "$work/cmake-consumer" >/dev/null && "$work/cmake-consumer/consumer"; then
  pass=$((pass + 1)); else echo "install: CMake consumer failed"; fail=$((fail + 1)); fi
export PKG_CONFIG_PATH="$(dirname "$(find "$work/prefix" -name vregion.pc)")"
if cc -std=c11 -Wall -Werror "$root/examples/consumer/consumer.c" -o "$work/pc-consumer" \
     $(pkg-config --cflags --libs --static vregion) && "$work/pc-consumer"; then
  pass=$((pass + 1)); else echo "install: pkg-config consumer failed"; fail=$((fail + 1)); fi
echo "install: $pass passed, $fail failed"
((fail == 0))
