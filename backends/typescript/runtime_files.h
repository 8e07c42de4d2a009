#pragma once

// The runtime of generated TypeScript projects: the TypeScript sources in
// backends/typescript/runtime/, embedded into bpc at build time (cmake/embed_text_files.cmake).
// They hold no blueprint text; every project gets them verbatim under src/runtime/.

#include <span>
#include <string_view>

namespace bpc::backends::typescript {

struct EmbeddedFile {
  std::string_view path;  // relative to backends/typescript/runtime/
  std::string_view contents;
};

std::span<const EmbeddedFile> runtime_files();

}  // namespace bpc::backends::typescript
