# Cortex-M3 (ARMv7-M, no FPU): the QEMU mps2-an385 test target.
# cmake -S . -B build-m3 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/cortex-m3.cmake
set(VREGION_ARM_CPU_FLAGS "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
set(VREGION_TARGET_CPU cortex-m3)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-common.cmake)
