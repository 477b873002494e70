# Shared part of the arm-none-eabi toolchain files (Debian gcc-arm-none-eabi +
# libnewlib-arm-none-eabi). The per-CPU files set VREGION_ARM_CPU_FLAGS and
# include this one; use those, not this file, as CMAKE_TOOLCHAIN_FILE.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(VREGION_CROSS_PREFIX arm-none-eabi- CACHE STRING "Prefix of the cross tools")
set(CMAKE_C_COMPILER ${VREGION_CROSS_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${VREGION_CROSS_PREFIX}gcc)
set(CMAKE_AR ${VREGION_CROSS_PREFIX}ar)
set(CMAKE_RANLIB ${VREGION_CROSS_PREFIX}ranlib)
set(CMAKE_OBJCOPY ${VREGION_CROSS_PREFIX}objcopy CACHE FILEPATH "")
set(CMAKE_SIZE ${VREGION_CROSS_PREFIX}size CACHE FILEPATH "")
set(CMAKE_NM ${VREGION_CROSS_PREFIX}nm CACHE FILEPATH "")

# No OS to link a test program against: compiler checks build a static library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Section per function/object so the linker can drop what a firmware never calls.
set(CMAKE_C_FLAGS_INIT "${VREGION_ARM_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${VREGION_ARM_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${VREGION_ARM_CPU_FLAGS} -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# A cross build of vregion is a bare-metal build unless told otherwise.
set(VREGION_PLATFORM baremetal CACHE STRING "Platform layer: host or baremetal")
# Bare-metal locks hold at most a saved interrupt mask (4 bytes); the host's
# default of 64 (a pthread mutex) would cost every region 56 bytes for nothing.
# Raise it with -DVREGION_LOCK_SIZE=N for a VREGION_BM_LOCK=external lock.
set(VREGION_LOCK_SIZE 8 CACHE STRING "Bytes reserved for one platform lock object")
