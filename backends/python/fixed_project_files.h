#pragma once

// The files every generated Python project has verbatim: the runtime (src/runtime/*.py, written
// to src/<package>/runtime/) and requirements.lock. They are the sources under
// backends/python/project/, embedded into bpc at build time (cmake/embed_text_files.cmake), and
// hold no blueprint text.

#include <span>
#include <string_view>

namespace bpc::backends::python {

struct EmbeddedFile {
  std::string_view path;  // relative to backends/python/project/
  std::string_view contents;
};

std::span<const EmbeddedFile> fixed_project_files();

}  // namespace bpc::backends::python
