# Cortex-M4F (ARMv7E-M, single-precision FPU, hard-float ABI): the size-report target.
set(VREGION_ARM_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
set(VREGION_TARGET_CPU cortex-m4f)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-common.cmake)
