#pragma once

// The files every generated C++ project has verbatim: the runtime (runtime/, the library
// `bpc_runtime`), the CMake find modules (cmake/), the test fixture (tests/suites.h), .clang-format
// and .clang-tidy. They are the sources under backends/cpp/project/, embedded into bpc at build
// time (cmake/embed_text_files.cmake), and hold no blueprint text.

#include <span>
#include <string_view>

namespace bpc::backends::cpp {

struct EmbeddedFile {
  std::string_view path;  // relative to backends/cpp/project/
  std::string_view contents;
};

std::span<const EmbeddedFile> fixed_project_files();

}  // namespace bpc::backends::cpp
