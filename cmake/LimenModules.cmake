# LimenModules.cmake: one CMake object library per module of src/, and the layering the
# build enforces (docs/architecture.md).
#
#   limen_module(NAME [HEADERS h...] [SHARES h...] [DEPS m...])
#
# compiles src/NAME/*.c into the object library limen_NAME.  A module sees only
#   - its own files (src/NAME/*.h, included as "NAME/x.h"),
#   - the installed headers it owns (HEADERS: include/limen/h.h, included as "limen/h.h"),
#   - the private headers it shares upwards (SHARES: src/NAME/h.h, as "NAME/h.h"),
#   - and what the modules in DEPS (and theirs, transitively) publish.
# Each module's headers are linked into its own directory under the build tree, so a file
# that includes a header of a module above it (or beside it) does not compile: the layers
# are a property of the build, not a convention.
set(LIMEN_LAYER_DIR ${PROJECT_BINARY_DIR}/layers)
set(LIMEN_MODULES "")

function(limen_layer_link from to)
  get_filename_component(dir ${to} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  if(NOT EXISTS ${to})
    file(CREATE_LINK ${from} ${to} SYMBOLIC)
  endif()
endfunction()

function(limen_module name)
  cmake_parse_arguments(M "" "" "HEADERS;SHARES;DEPS" ${ARGN})
  set(dir ${PROJECT_SOURCE_DIR}/src/${name})
  file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.c)
  file(GLOB own_headers CONFIGURE_DEPENDS ${dir}/*.h)
  set(iface ${LIMEN_LAYER_DIR}/${name}/interface)
  set(priv ${LIMEN_LAYER_DIR}/${name}/private)
  file(REMOVE_RECURSE ${iface} ${priv})
  file(MAKE_DIRECTORY ${iface} ${priv})
  foreach(h ${M_HEADERS})
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/include/limen/${h}.h)
      message(FATAL_ERROR "limen_module(${name}): include/limen/${h}.h does not exist")
    endif()
    limen_layer_link(${PROJECT_SOURCE_DIR}/include/limen/${h}.h ${iface}/limen/${h}.h)
  endforeach()
  foreach(h ${M_SHARES})
    limen_layer_link(${dir}/${h}.h ${iface}/${name}/${h}.h)
  endforeach()
  foreach(h ${own_headers})
    get_filename_component(base ${h} NAME)
    limen_layer_link(${h} ${priv}/${name}/${base})
  endforeach()
  add_library(limen_${name} OBJECT ${srcs})
  set_target_properties(limen_${name} PROPERTIES
      POSITION_INDEPENDENT_CODE ON
      C_VISIBILITY_PRESET hidden
      VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(limen_${name} PUBLIC ${iface} PRIVATE ${priv})
  target_compile_options(limen_${name} PRIVATE ${LIMEN_WARNINGS})
  target_link_libraries(limen_${name} PRIVATE limen_build_flags)
  foreach(d ${M_DEPS})
    if(NOT TARGET limen_${d})
      message(FATAL_ERROR "limen_module(${name}): module ${d} must be declared before it (a layer "
                          "may depend only on layers below it)")
    endif()
    target_link_libraries(limen_${name} PUBLIC limen_${d})
  endforeach()
  set(LIMEN_MODULES ${LIMEN_MODULES} ${name} PARENT_SCOPE)
endfunction()
