# cmake --install: headers, the library, vregion.pc and a CMake package.
include(CMakePackageConfigHelpers)

install(TARGETS vregion EXPORT vregionTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/vregion
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/vregion/config.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vregion)

install(EXPORT vregionTargets NAMESPACE vregion::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vregion)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/vregionConfig.cmake.in
  ${PROJECT_BINARY_DIR}/vregionConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vregion)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vregionConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/vregionConfig.cmake
              ${PROJECT_BINARY_DIR}/vregionConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vregion)

if(VREGION_PLATFORM STREQUAL "host")
  set(VREGION_PC_LIBS_PRIVATE "-pthread")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/vregion.pc.in ${PROJECT_BINARY_DIR}/vregion.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vregion.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
