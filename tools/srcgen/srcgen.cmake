# SRC filter generator (host tool run at build time) and its analysis library.
# Included from src/modules/src/CMakeLists.txt. Built optimised and without
# sanitizers in every configuration: it only designs tables, and the tables
# are checked by tests/modules (test_src_filters) in the sanitized builds.
set(SRCGEN_DIR ${PROJECT_SOURCE_DIR}/tools/srcgen)

add_library(vregion_srcgen_analysis STATIC ${SRCGEN_DIR}/srcgen_design.c
            ${SRCGEN_DIR}/srcgen_remez.c)
target_include_directories(vregion_srcgen_analysis PUBLIC ${SRCGEN_DIR})
target_compile_definitions(vregion_srcgen_analysis PRIVATE _DEFAULT_SOURCE)
# no FMA contraction: the designed tables must not depend on the build host's CPU
target_compile_options(vregion_srcgen_analysis PRIVATE -ffp-contract=off)
target_link_libraries(vregion_srcgen_analysis PUBLIC m)
vregion_strict(vregion_srcgen_analysis)

add_library(vregion_srcgen_design_fast STATIC ${SRCGEN_DIR}/srcgen_design.c
            ${SRCGEN_DIR}/srcgen_remez.c)
target_include_directories(vregion_srcgen_design_fast PUBLIC ${SRCGEN_DIR})
target_compile_definitions(vregion_srcgen_design_fast PRIVATE _DEFAULT_SOURCE)
target_compile_options(vregion_srcgen_design_fast PRIVATE -O2 -fno-sanitize=all -ffp-contract=off)
vregion_strict(vregion_srcgen_design_fast)

add_executable(vregion_srcgen ${SRCGEN_DIR}/srcgen.c)
target_include_directories(vregion_srcgen PRIVATE ${PROJECT_SOURCE_DIR}/src/modules/src)
target_compile_definitions(vregion_srcgen PRIVATE _DEFAULT_SOURCE)
target_compile_options(vregion_srcgen PRIVATE -O2 -fno-sanitize=all -ffp-contract=off)
target_link_options(vregion_srcgen PRIVATE -fno-sanitize=all)
target_link_libraries(vregion_srcgen PRIVATE vregion_srcgen_design_fast m)
vregion_strict(vregion_srcgen)
