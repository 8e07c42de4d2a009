#include "cli/input_files.h"

#include <iostream>
#include <iterator>

#include "frontend/frontend.h"

namespace bpc::cli {

std::vector<FileId> load_inputs(const std::vector<std::string>& paths, SourceManager& sources,
                                DiagnosticEngine& diagnostics) {
  std::vector<FileId> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      files.push_back(sources.add("<stdin>", std::move(text)));
      continue;
    }
    if (auto file = load_source_file(sources, path, diagnostics)) files.push_back(*file);
  }
  return files;
}

}  // namespace bpc::cli
