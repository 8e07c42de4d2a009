# bpc_layer(LAYER [DEPENDS LAYER...]) declares bpc_<LAYER>, the static library of one layer
# (docs/design/architecture.md), and its include root.
#
# Every source includes bpc's headers by their path from the repository root ("ir/ir.h"), but no
# target sees the repository root. A layer's include root is a directory in the build tree that
# holds one entry, a symbolic link named after the layer to its source directory; a target sees
# the roots of its own layer and of the layers it depends on (PUBLIC, so transitively) and no
# other. An include of a layer that is not below (a backend including "check/lowerer.h") is
# therefore "file not found" at build time; tests/layering/ proves it for every forbidden pair.
function(bpc_layer layer)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS")
  set(target bpc_${layer})
  add_library(${target} STATIC)
  bpc_layer_include_root(${target} ${layer} PUBLIC)
  foreach(dependency IN LISTS arg_DEPENDS)
    target_link_libraries(${target} PUBLIC bpc_${dependency})
  endforeach()
  set_property(GLOBAL APPEND PROPERTY BPC_LAYERS ${layer})
  set_property(GLOBAL PROPERTY BPC_LAYER_DEPENDS_${layer} ${arg_DEPENDS})
endfunction()

# Gives TARGET the include root of LAYER (the bpc driver, a layer of its own, uses it directly).
function(bpc_layer_include_root target layer scope)
  set(root ${PROJECT_BINARY_DIR}/layers/${layer})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${layer} ${root}/${layer} SYMBOLIC)
  target_include_directories(${target} ${scope} ${root})
endfunction()
