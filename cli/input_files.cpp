#include "cli/input_files.h"

#include <array>
#include <chrono>
#include <iostream>

#include "driver/program_loader.h"

namespace bpc::cli {

void ImportOptions::add_to(CLI::App& command) {
  command.add_option("-I,--import-path", search_paths,
                     "Where to look for imported files not found beside the importing file (repeatable)");
  command.add_option("--import-root", import_roots,
                     "A directory imports may reach (repeatable); default: the directories of the files "
                     "named and the --import-path directories");
  command.add_option("--time-limit", time_limit_ms, "Stop with an error after this many milliseconds (0: none)");
}

driver::CompileOptions ImportOptions::compile_options(std::vector<std::string> inputs) const {
  driver::CompileOptions options;
  options.inputs = std::move(inputs);
  options.search_paths = search_paths;
  options.import_roots = import_roots;
  if (time_limit_ms > 0) options.budgets.time_limit = std::chrono::milliseconds(time_limit_ms);
  return options;
}

namespace {

// Standard input, read up to the largest source bpc accepts; more is BP1002 (and read no further).
FileId read_stdin(SourceManager& sources, DiagnosticEngine& diagnostics) {
  std::string text;
  std::array<char, 1 << 16> buffer{};
  while (std::cin.read(buffer.data(), buffer.size()) || std::cin.gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > kMaxSourceBytes) {
      const FileId id = sources.add("<stdin>", "");
      (void)diagnostics.report<DiagnosticKind::FileTooLarge>(SourceSpan{id, 0, 0}, text.size(), kMaxSourceBytes);
      return id;
    }
  }
  return sources.add("<stdin>", std::move(text));
}

}  // namespace

std::vector<FileId> load_inputs(const driver::FileSystem& files, const std::vector<std::string>& paths,
                                SourceManager& sources, DiagnosticEngine& diagnostics) {
  std::vector<FileId> loaded;
  for (const std::string& path : paths) {
    if (path == "-") {
      loaded.push_back(read_stdin(sources, diagnostics));
      continue;
    }
    if (auto file = driver::read_source(files, path, kMaxSourceBytes, sources, diagnostics)) loaded.push_back(*file);
  }
  return loaded;
}

}  // namespace bpc::cli
