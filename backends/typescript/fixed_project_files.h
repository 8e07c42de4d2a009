#pragma once

// The files every generated TypeScript project has verbatim: the runtime (src/runtime/*.ts) and
// the test service and suites (test/service.ts). They are the sources under
// backends/typescript/project/, embedded into bpc at build time (cmake/embed_text_files.cmake),
// and hold no blueprint text.

#include <span>
#include <string_view>

namespace bpc::backends::typescript {

struct EmbeddedFile {
  std::string_view path;  // relative to the project (and to backends/typescript/project/)
  std::string_view contents;
};

std::span<const EmbeddedFile> fixed_project_files();

}  // namespace bpc::backends::typescript
