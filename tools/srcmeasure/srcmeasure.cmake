# SRC measurement tools (host only): a WAV converter through the engine and
# the speed/quality comparison with libsoxr, libsamplerate and speexdsp
# (those libraries are linked into vregion_src_bench only).
find_package(PkgConfig)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(SRCM_SNDFILE IMPORTED_TARGET sndfile)
  pkg_check_modules(SRCM_LIBS IMPORTED_TARGET soxr samplerate speexdsp)
endif()
set(SRCM_DIR ${PROJECT_SOURCE_DIR}/tools/srcmeasure)
if(SRCM_SNDFILE_FOUND)
  add_executable(vregion_src_wav ${SRCM_DIR}/src_wav.c)
  target_link_libraries(vregion_src_wav PRIVATE vregion_src PkgConfig::SRCM_SNDFILE)
  vregion_strict(vregion_src_wav)
  if(SRCM_LIBS_FOUND)
    add_executable(vregion_src_bench ${SRCM_DIR}/src_bench.c)
    target_compile_definitions(vregion_src_bench PRIVATE _DEFAULT_SOURCE)
    target_link_libraries(vregion_src_bench PRIVATE vregion_src PkgConfig::SRCM_SNDFILE
      PkgConfig::SRCM_LIBS m)
    vregion_strict(vregion_src_bench)
    # the same benchmark against the integer kernels (host builds have both)
    if(TARGET vregion_src_int AND NOT VREGION_SRC_ARITH STREQUAL "int")
      add_executable(vregion_src_bench_int ${SRCM_DIR}/src_bench.c)
      target_compile_definitions(vregion_src_bench_int PRIVATE _DEFAULT_SOURCE)
      target_link_libraries(vregion_src_bench_int PRIVATE vregion_src_int
        PkgConfig::SRCM_SNDFILE PkgConfig::SRCM_LIBS m)
      vregion_strict(vregion_src_bench_int)
    endif()
  endif()
endif()
