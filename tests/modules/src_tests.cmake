# SRC engine tests (area: src). Included by tests/modules/CMakeLists.txt.
if(TARGET vregion_src)
  vregion_add_test(test_src_filters SOURCES test_src_filters.c
    LIBS vregion_src vregion_srcgen_analysis LABELS modules)
  target_include_directories(test_src_filters PRIVATE ${PROJECT_SOURCE_DIR}/src/modules/src)
endif()
# the engine tests run against each arithmetic the build has
foreach(arith float int)
  if(TARGET vregion_src_${arith})
    if(arith STREQUAL "float")
      set(name test_src_engine)
    else()
      set(name test_src_engine_${arith})
    endif()
    vregion_add_test(${name} SOURCES test_src_engine.c
      LIBS vregion_src_${arith} m LABELS modules)
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src/modules/src)
  endif()
endforeach()

# the engine still compiles for the small targets, with the arithmetic each
# would use (needs the cross compilers; skipped when they are missing)
find_program(SRC_ARM_GCC arm-none-eabi-gcc)
find_program(SRC_RV_GCC riscv64-unknown-elf-gcc)
function(src_cross_test name cc arith flags)
  add_test(NAME test_src_cross_${name}
    COMMAND ${CMAKE_COMMAND} -DCC=${cc} "-DFLAGS=${flags}" -DARITH=${arith}
            -DROOT=${PROJECT_SOURCE_DIR}
            -DCOEFS=${PROJECT_BINARY_DIR}/src/modules/src/src_coefs.c
            -DOUT=${CMAKE_CURRENT_BINARY_DIR}/src_cross_${name}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/src_cross.cmake)
  set_tests_properties(test_src_cross_${name} PROPERTIES LABELS modules)
endfunction()
if(TARGET vregion_src AND SRC_ARM_GCC)
  src_cross_test(cortex_m4f ${SRC_ARM_GCC} float
    "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
  src_cross_test(cortex_m3 ${SRC_ARM_GCC} int "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
endif()
if(TARGET vregion_src AND SRC_RV_GCC)
  src_cross_test(rv32imac ${SRC_RV_GCC} int "-march=rv32imac -mabi=ilp32 -ffreestanding")
endif()
