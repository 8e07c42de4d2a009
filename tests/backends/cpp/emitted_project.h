// The project `bpc build --target cpp` writes for a blueprint of bpc's sources, in memory: the
// in-process checks of the emitted C++ (Clang Tooling's syntax check, libFormat's layout check)
// look at it without writing a file.
#pragma once

#include <string>

#include "backends/output/output_directory.h"

namespace bpc::backends {

// Fails the running test (and returns what was emitted, maybe nothing) when the blueprint does
// not check or the backend reports an error. `blueprint` is relative to bpc's source directory.
OutputDirectory emit_cpp_project(const std::string& blueprint);

}  // namespace bpc::backends
