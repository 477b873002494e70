# RISC-V rv32imac/ilp32 with Debian's riscv64-unknown-elf-gcc (multilib).
# Debian ships this compiler WITHOUT a C library: no newlib headers or libc.
# The build detects that and uses src/platform/baremetal/libc (errno.h, string.h and
# memset/memcpy/memmove of our own). Compile and link check only
# (scripts/check-riscv.sh); nothing runs.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(VREGION_CROSS_PREFIX riscv64-unknown-elf- CACHE STRING "Prefix of the cross tools")
set(CMAKE_C_COMPILER ${VREGION_CROSS_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${VREGION_CROSS_PREFIX}gcc)
set(CMAKE_AR ${VREGION_CROSS_PREFIX}ar)
set(CMAKE_RANLIB ${VREGION_CROSS_PREFIX}ranlib)
set(CMAKE_OBJCOPY ${VREGION_CROSS_PREFIX}objcopy CACHE FILEPATH "")
set(CMAKE_SIZE ${VREGION_CROSS_PREFIX}size CACHE FILEPATH "")
set(CMAKE_NM ${VREGION_CROSS_PREFIX}nm CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(VREGION_RV_FLAGS "-march=rv32imac -mabi=ilp32 -mcmodel=medlow")
set(CMAKE_C_FLAGS_INIT "${VREGION_RV_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${VREGION_RV_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${VREGION_RV_FLAGS} -nostdlib -Wl,--gc-sections")
set(VREGION_TARGET_CPU rv32imac)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(VREGION_PLATFORM baremetal CACHE STRING "Platform layer: host or baremetal")
# Bare-metal locks hold at most a saved interrupt mask (4 bytes); the host's
# default of 64 (a pthread mutex) would cost every region 56 bytes for nothing.
# Raise it with -DVREGION_LOCK_SIZE=N for a VREGION_BM_LOCK=external lock.
set(VREGION_LOCK_SIZE 8 CACHE STRING "Bytes reserved for one platform lock object")
