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
