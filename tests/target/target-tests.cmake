# Target side of vregion_add_test(): with VREGION_PLATFORM=baremetal and an
# arm-none-eabi toolchain, each test becomes an ELF image (the same test
# source + tests/target's cmocka subset, start-up code and newlib) that ctest
# runs on QEMU with semihosting; QEMU's exit status is the test's verdict.
# Label: cortex-m. See docs/baremetal.md.
#
# Machines: cortex-m3 -> mps2-an385, cortex-m4f -> mps2-an386 (the same
# memory map, mps2-an385.ld), cortex-m33 -> mps2-an505 (Secure state,
# mps2-an505.ld). rv32imac builds no test images.

# Tests that cannot run on the target, each with its reason (keep
# docs/baremetal.md's list in step). Tests that link Threads::Threads or carry
# the label "threads" are left out as well.
set(VREGION_TARGET_TEST_EXCLUDE "" CACHE STRING
    "Test names not built for the bare-metal target (semicolon list)")

set(_vr_target_dir ${CMAKE_CURRENT_LIST_DIR})
set(_vr_ld ${_vr_target_dir}/mps2-an385.ld)
if(VREGION_TARGET_CPU STREQUAL "cortex-m3")
  set(VREGION_QEMU_MACHINE mps2-an385)
elseif(VREGION_TARGET_CPU STREQUAL "cortex-m4f")
  set(VREGION_QEMU_MACHINE mps2-an386)
elseif(VREGION_TARGET_CPU STREQUAL "cortex-m33")
  set(VREGION_QEMU_MACHINE mps2-an505)
  set(_vr_ld ${_vr_target_dir}/mps2-an505.ld)
else()
  set(VREGION_QEMU_MACHINE "")
  message(STATUS "vregion: no QEMU test machine for '${VREGION_TARGET_CPU}'; target tests not built")
endif()

if(VREGION_QEMU_MACHINE)
  find_program(VREGION_QEMU_ARM qemu-system-arm)
  if(NOT VREGION_QEMU_ARM)
    message(FATAL_ERROR "qemu-system-arm not found: apt-get install qemu-system-arm, "
                        "or configure with -DBUILD_TESTING=OFF")
  endif()
  add_library(vregion_target_rt OBJECT
    ${_vr_target_dir}/startup.c
    ${_vr_target_dir}/semihost.c
    ${_vr_target_dir}/syscalls.c
    ${_vr_target_dir}/cmocka_target.c
    ${_vr_target_dir}/format.c)
  if(VREGION_BM_LOCK STREQUAL "external")
    # The integrator's lock, played by one that checks the core pairs its calls.
    target_sources(vregion_target_rt PRIVATE ${_vr_target_dir}/check_lock.c)
    target_link_libraries(vregion_target_rt PRIVATE vregion)
  endif()
  target_include_directories(vregion_target_rt PRIVATE ${_vr_target_dir})
  vregion_strict(vregion_target_rt)
endif()

# vregion_add_test(NAME SOURCES a.c b.c [LIBS ...] [LABELS ...] [ENV ...])
# ENV does not reach the target: its log hook is silent unless a test sets one.
function(vregion_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  if(NOT VREGION_QEMU_MACHINE)
    return()
  endif()
  if(name IN_LIST VREGION_TARGET_TEST_EXCLUDE OR "threads" IN_LIST T_LABELS
     OR "Threads::Threads" IN_LIST T_LIBS)
    message(STATUS "vregion: ${name} needs threads or a host; not built for the target")
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  set_target_properties(${name} PROPERTIES SUFFIX ".elf")
  # tests/target first: its cmocka.h stands in for the real one.
  target_include_directories(${name} BEFORE PRIVATE ${_vr_target_dir})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                                             ${PROJECT_SOURCE_DIR}/tests/support)
  target_compile_definitions(${name} PRIVATE _DEFAULT_SOURCE VREGION_TARGET_TEST=1)
  target_link_libraries(${name} PRIVATE vregion_target_rt vregion ${T_LIBS})
  target_link_options(${name} PRIVATE -nostartfiles -T${_vr_ld}
                      -Wl,-Map=$<TARGET_FILE:${name}>.map)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${_vr_ld})
  vregion_strict(${name})
  add_test(NAME ${name}
           COMMAND ${VREGION_QEMU_ARM} -M ${VREGION_QEMU_MACHINE} -nographic -monitor none
                   -serial none -semihosting-config enable=on,target=native
                   -kernel $<TARGET_FILE:${name}>)
  set_tests_properties(${name} PROPERTIES LABELS "cortex-m;${T_LABELS}" TIMEOUT 1200)
endfunction()

# The bare-metal platform layer's own tests (target only).
if(VREGION_QEMU_MACHINE)
  vregion_add_test(test_bm_platform SOURCES ${_vr_target_dir}/test_bm_platform.c
                   LABELS baremetal)
  if(VREGION_BM_LOCK STREQUAL "irqmask")
    target_compile_definitions(test_bm_platform PRIVATE VR_TEST_LOCK_IRQMASK=1)
  elseif(VREGION_BM_LOCK STREQUAL "none")
    target_compile_definitions(test_bm_platform PRIVATE VR_TEST_LOCK_NONE=1)
  endif()
  vregion_add_test(test_bm_default_spans SOURCES ${_vr_target_dir}/test_bm_default_spans.c
                   LABELS baremetal)
endif()

# The freestanding promise, checked on the library itself: nothing but
# memset/memcpy/memmove is needed from outside libvregion.
if(CMAKE_SYSTEM_PROCESSOR STREQUAL "arm")
  set(_vr_fs_labels "cortex-m;freestanding")
else()
  set(_vr_fs_labels "freestanding")
endif()
separate_arguments(_vr_cflags NATIVE_COMMAND "${CMAKE_C_FLAGS}")
execute_process(COMMAND ${CMAKE_C_COMPILER} ${_vr_cflags} -print-libgcc-file-name
                OUTPUT_VARIABLE _vr_libgcc OUTPUT_STRIP_TRAILING_WHITESPACE)
set(_vr_extra "")
if(VREGION_BM_LOCK STREQUAL "external")
  set(_vr_extra "vr_lock_init,vr_lock_destroy,vr_lock_take,vr_lock_give,vr_global_lock_take,vr_global_lock_give")
endif()
add_test(NAME core_freestanding
         COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DLIB=$<TARGET_FILE:vregion>
                 -DLIBGCC=${_vr_libgcc} -DEXTRA=${_vr_extra}
                 -P ${_vr_target_dir}/check-freestanding.cmake)
set_tests_properties(core_freestanding PROPERTIES LABELS "${_vr_fs_labels}")

# A never-run image that calls every layer: it links only if the library's
# needs are met by itself, libgcc and memset/memcpy/memmove (our own when the
# toolchain has no libc). Built by default; scripts/check-riscv.sh relies on it.
# With VREGION_BM_LOCK=external the lock functions are the integrator's, so
# there is nothing complete to link: the probes are left out.
if(VREGION_BM_LOCK STREQUAL "external")
  return()
endif()
add_executable(vregion_link_probe ${_vr_target_dir}/link_probe.c)
set_target_properties(vregion_link_probe PROPERTIES SUFFIX ".elf")
foreach(_vr_layer SYSHEAP:sysheap REGION:vregion ALLOC_CTX:alloc_ctx)
  string(REPLACE ":" ";" _vr_pair ${_vr_layer})
  list(GET _vr_pair 0 _vr_def)
  list(GET _vr_pair 1 _vr_file)
  if(EXISTS ${PROJECT_SOURCE_DIR}/src/core/${_vr_file}.c)
    target_compile_definitions(vregion_link_probe PRIVATE VR_PROBE_${_vr_def}=1)
  endif()
endforeach()
target_link_libraries(vregion_link_probe PRIVATE vregion)
target_compile_options(vregion_link_probe PRIVATE -ffreestanding)
target_link_options(vregion_link_probe PRIVATE -nostartfiles -nostdlib
                    -Wl,-Map=$<TARGET_FILE:vregion_link_probe>.map)
if(VREGION_HAVE_STRING_H)
  # newlib's memset/memcpy/memmove; -nostdlib keeps everything else out.
  target_link_libraries(vregion_link_probe PRIVATE c)
endif()
target_link_libraries(vregion_link_probe PRIVATE gcc)
vregion_strict(vregion_link_probe)

# vheap's init/alloc/aligned alloc/free alone, for scripts/size-report.sh.
if(EXISTS ${PROJECT_SOURCE_DIR}/src/core/vheap.c)
  add_executable(vregion_size_vheap ${_vr_target_dir}/size_vheap.c)
  set_target_properties(vregion_size_vheap PROPERTIES SUFFIX ".elf")
  target_compile_options(vregion_size_vheap PRIVATE -ffreestanding)
  target_link_options(vregion_size_vheap PRIVATE -nostartfiles -nostdlib
                      -Wl,-Map=$<TARGET_FILE:vregion_size_vheap>.map)
  target_link_libraries(vregion_size_vheap PRIVATE vregion)
  if(VREGION_HAVE_STRING_H)
    target_link_libraries(vregion_size_vheap PRIVATE c)
  endif()
  target_link_libraries(vregion_size_vheap PRIVATE gcc)
  vregion_strict(vregion_size_vheap)
endif()

# Run-time metadata probe for scripts/size-report.sh (needs the whole core).
if(VREGION_QEMU_MACHINE AND EXISTS ${PROJECT_SOURCE_DIR}/src/core/vregion.c
   AND EXISTS ${PROJECT_SOURCE_DIR}/src/core/alloc_ctx.c)
  add_executable(vregion_size_probe ${_vr_target_dir}/size_probe.c)
  set_target_properties(vregion_size_probe PROPERTIES SUFFIX ".elf")
  target_include_directories(vregion_size_probe PRIVATE ${_vr_target_dir})
  target_link_libraries(vregion_size_probe PRIVATE vregion_target_rt vregion)
  target_link_options(vregion_size_probe PRIVATE -nostartfiles -T${_vr_ld})
  vregion_strict(vregion_size_probe)
endif()

