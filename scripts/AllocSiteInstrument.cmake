# AllocSiteInstrument.cmake - allocsite_instrument(target): compile a target's C and C++ sources with
# the AllocSite pass plugin and link it with the runtime. Shared by the build tree (scripts/) and the
# installed CMake package (AllocSiteConfig.cmake); the includer sets ALLOCSITE_PLUGIN, defines the
# target AllocSite::runtime and, in the build tree, ALLOCSITE_PLUGIN_TARGET.

function(allocsite_instrument target)
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  foreach(lang IN ITEMS C CXX)
    if(NOT lang IN_LIST languages)
      continue()
    endif()
    # A pass plugin only loads into the clang of the LLVM it was built against.
    if(NOT CMAKE_${lang}_COMPILER_ID MATCHES "Clang$")
      message(FATAL_ERROR "allocsite_instrument(${target}): the ${lang} compiler is "
        "${CMAKE_${lang}_COMPILER_ID}; AllocSite needs clang ${ALLOCSITE_LLVM_VERSION_MAJOR} "
        "(-DCMAKE_${lang}_COMPILER=clang-${ALLOCSITE_LLVM_VERSION_MAJOR})")
    endif()
    string(REGEX MATCH "^[0-9]+" _major "${CMAKE_${lang}_COMPILER_VERSION}")
    if(NOT _major STREQUAL ALLOCSITE_LLVM_VERSION_MAJOR)
      message(FATAL_ERROR "allocsite_instrument(${target}): ${CMAKE_${lang}_COMPILER} is clang "
        "${CMAKE_${lang}_COMPILER_VERSION} but the AllocSite plugin was built for LLVM "
        "${ALLOCSITE_LLVM_VERSION_MAJOR}")
    endif()
  endforeach()

  target_compile_options(${target} PRIVATE
    "$<$<COMPILE_LANGUAGE:C,CXX>:-fpass-plugin=${ALLOCSITE_PLUGIN}>")
  # Line tables unless the build already asks for debug info (a later -gline-tables-only would
  # downgrade -g).
  if(NOT "${CMAKE_C_FLAGS} ${CMAKE_CXX_FLAGS}" MATCHES "(^| )-g")
    target_compile_options(${target} PRIVATE
      "$<$<AND:$<COMPILE_LANGUAGE:C,CXX>,$<NOT:$<CONFIG:Debug,RelWithDebInfo>>>:-gline-tables-only>")
  endif()
  get_target_property(_type ${target} TYPE)
  if(NOT _type STREQUAL "OBJECT_LIBRARY")
    target_link_libraries(${target} PRIVATE AllocSite::runtime)
  endif()
  if(ALLOCSITE_PLUGIN_TARGET)
    add_dependencies(${target} ${ALLOCSITE_PLUGIN_TARGET})
    # add_dependencies orders the plugin's objects, not its link, before this target's compiles
    # (Ninja): each source also depends on the plugin file itself.
    get_target_property(_sources ${target} SOURCES)
    foreach(_source IN LISTS _sources)
      set_property(SOURCE ${_source} TARGET_DIRECTORY ${target} APPEND PROPERTY
                   OBJECT_DEPENDS ${ALLOCSITE_PLUGIN})
    endforeach()
  endif()
endfunction()
