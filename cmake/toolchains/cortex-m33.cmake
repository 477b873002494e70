# Cortex-M33 (ARMv8-M mainline, single-precision FPU, hard-float ABI, no TrustZone use).
set(VREGION_ARM_CPU_FLAGS "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard")
set(VREGION_TARGET_CPU cortex-m33)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-common.cmake)
