#!/bin/bash
# The main job: set up, build (Release), and run the vregion testbench on its
# built-in default topology. Extra arguments go to `vregion run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-main -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-main -j"$(nproc)" >/dev/null
# Writes out.wav here (the repository folder) and prints the memory report.
exec build-main/tools/vregion/vregion run "$@"
