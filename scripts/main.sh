#!/bin/bash
# The main job: set up, build (Release), and run the vregion testbench on its
# built-in default topology. Extra arguments go to `vregion run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-main -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-main -j"$(nproc)" >/dev/null
tool=build-main/tools/vregion/vregion
if [[ -x $tool ]] && "$tool" run --help >/dev/null 2>&1; then
  exec "$tool" run "$@"
fi
# Until the testbench is part of the build, the demo shows the region's two phases.
exec build-main/examples/vregion_demo
