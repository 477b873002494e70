# Compile the SRC engine for a cross target (run by ctest as a script):
#   cmake -DCC=<compiler> "-DFLAGS=<space-separated>" -DARITH=float|int -DROOT=<src> -DCOEFS=<src_coefs.c>
#         -DOUT=<dir> -P src_cross.cmake
# Fails on any error or warning: the engine must keep building for Cortex-M and
# rv32imac with its arithmetic (float32 needs an FPU, int64 needs none).
if(ARITH STREQUAL "float")
  set(def VR_SRC_ARITH_FLOAT=1)
else()
  set(def VR_SRC_ARITH_FLOAT=0)
endif()
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
file(MAKE_DIRECTORY ${OUT})
foreach(src ${ROOT}/src/modules/src/src_engine.c ${ROOT}/src/modules/src/src_stage.c
            ${ROOT}/src/modules/src/src_fir_${ARITH}.c ${COEFS})
  get_filename_component(name ${src} NAME_WE)
  execute_process(
    COMMAND ${CC} ${flags} -std=c11 -O2 -ffp-contract=off -Wall -Wextra -Werror
            -Wconversion -Wsign-conversion -D${def} -I${ROOT}/include
            -I${ROOT}/src/modules/src -I${ROOT}/src/platform/baremetal/libc
            -c ${src} -o ${OUT}/${name}.o
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CC} failed on ${src}")
  endif()
endforeach()
