# SRC engine tests (area: src). Included by tests/modules/CMakeLists.txt.
if(TARGET vregion_src)
  vregion_add_test(test_src_filters SOURCES test_src_filters.c
    LIBS vregion_src vregion_srcgen_analysis LABELS modules)
  target_include_directories(test_src_filters PRIVATE ${PROJECT_SOURCE_DIR}/src/modules/src)
endif()
if(TARGET vregion_src)
  vregion_add_test(test_src_engine SOURCES test_src_engine.c
    LIBS vregion_src m LABELS modules)
  target_include_directories(test_src_engine PRIVATE ${PROJECT_SOURCE_DIR}/src/modules/src)
endif()
