#include "ir/lowering/program.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "frontend/literals/string_literal.h"
#include "ir/graph/cycles.h"

namespace bpc::lowering {

namespace {

namespace fs = std::filesystem;

struct PendingImport {
  std::uint32_t from;  // index into the loaded files
  std::uint32_t to;
  SourceSpan span;     // the path string in the importing file
};

class Loader {
 public:
  Loader(SourceManager& sources, const LoadOptions& options, DiagnosticEngine& diagnostics)
      : sources_(sources), options_(options), diagnostics_(diagnostics) {}

  Program run(const std::vector<std::string>& roots) {
    for (const std::string& root : roots) {
      const std::uint32_t index = load(root, SourceSpan{});
      if (index != UINT32_MAX) files_[index].is_root = true;
    }
    // Breadth-first over imports; `files_` grows as new files are found.
    for (std::uint32_t i = 0; i < files_.size(); ++i) follow_imports(i);
    // A file another file imports is not a root, even when it was also named on the command
    // line: naming every file of a blueprint must mean the same as naming its root.
    for (const PendingImport& import : imports_) {
      if (import.from != import.to) files_[import.to].is_root = false;
    }
    report_cycles();
    return sorted();
  }

 private:
  // Loads and parses a file once; returns its index, or UINT32_MAX when it cannot be read.
  std::uint32_t load(const std::string& path, SourceSpan imported_at) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(path, error);
    const std::string key = error ? path : canonical.string();
    if (const auto found = by_canonical_path_.find(key); found != by_canonical_path_.end()) {
      return found->second;
    }
    if (!imported_at.file.is_none() && !fs::is_regular_file(path, error)) return UINT32_MAX;
    const auto file = load_source_file(sources_, path, diagnostics_);
    if (!file) return UINT32_MAX;
    const auto index = static_cast<std::uint32_t>(files_.size());
    files_.push_back(ProgramFile{path, parse_file(sources_, *file, diagnostics_), false});
    by_canonical_path_.emplace(key, index);
    return index;
  }

  void follow_imports(std::uint32_t index) {
    const Tree& tree = *files_[index].parsed.tree;
    const TokenizedBuffer& tokens = tree.tokens();
    const fs::path directory = fs::path(files_[index].path).parent_path();
    for (NodeId declaration : tree.children(tree.root())) {
      if (tree.kind(declaration) != NodeKind::ImportDecl) continue;
      const NodeId literal = tree.child(declaration, NodeKind::StringLiteral);
      if (literal.is_none()) continue;
      const SourceSpan span{tokens.file(), tree.begin_offset(literal), tree.end_offset(literal)};
      const std::string target = decode_string_literal(tree.text(literal), span, nullptr);
      const std::uint32_t imported = resolve(directory, target, span);
      if (imported != UINT32_MAX) imports_.push_back(PendingImport{index, imported, span});
    }
  }

  std::uint32_t resolve(const fs::path& directory, const std::string& target, SourceSpan span) {
    std::vector<fs::path> candidates;
    const fs::path relative(target);
    if (relative.is_absolute()) {
      candidates.push_back(relative);
    } else {
      candidates.push_back(directory / relative);
      for (const std::string& search : options_.search_paths) candidates.push_back(fs::path(search) / relative);
    }
    for (const fs::path& candidate : candidates) {
      const std::uint32_t index = load(candidate.lexically_normal().string(), span);
      if (index != UINT32_MAX) return index;
    }
    auto builder = diagnostics_.report(DiagnosticKind::ImportNotFound, span, target);
    for (const fs::path& candidate : candidates) {
      builder.note(fmt::format("looked for `{}`", candidate.lexically_normal().string()));
    }
    if (options_.search_paths.empty() && !relative.is_absolute()) {
      builder.note("imports are resolved relative to the importing file, then in the search "
                   "paths given with --import-path");
    }
    return UINT32_MAX;
  }

  void report_cycles() {
    std::vector<graph::Edge> edges;
    for (const PendingImport& import : imports_) edges.emplace_back(import.from, import.to);
    for (const auto& cycle : graph::find_cycles(static_cast<std::uint32_t>(files_.size()), edges)) {
      // Report at the import that leaves the cycle's first file, listing every step.
      std::string chain;
      std::vector<SourceSpan> steps;
      for (std::size_t i = 0; i < cycle.size(); ++i) {
        const std::uint32_t from = cycle[i];
        const std::uint32_t to = cycle[(i + 1) % cycle.size()];
        const auto import = std::find_if(imports_.begin(), imports_.end(), [&](const PendingImport& p) {
          return p.from == from && p.to == to;
        });
        steps.push_back(import->span);
        chain += fmt::format("`{}` imports `{}`", files_[from].path, files_[to].path);
        if (i + 1 < cycle.size()) chain += ", ";
      }
      auto builder = diagnostics_.report(DiagnosticKind::ImportCycle, steps.front(), chain);
      for (std::size_t i = 1; i < steps.size(); ++i) builder.label(steps[i], "next import in the cycle");
      builder.note("a file may not import itself, directly or through other files; move what "
                   "the files share into a file that both import");
    }
  }

  Program sorted() {
    Program program;
    program.files = std::move(files_);
    std::sort(program.files.begin(), program.files.end(),
              [](const ProgramFile& a, const ProgramFile& b) { return a.path < b.path; });
    return program;
  }

  SourceManager& sources_;
  const LoadOptions& options_;
  DiagnosticEngine& diagnostics_;
  std::vector<ProgramFile> files_;
  std::map<std::string, std::uint32_t> by_canonical_path_;
  std::vector<PendingImport> imports_;
};

}  // namespace

Program load_program(SourceManager& sources, const std::vector<std::string>& roots,
                     const LoadOptions& options, DiagnosticEngine& diagnostics) {
  return Loader(sources, options, diagnostics).run(roots);
}

void release_syntax(Program& program) {
  for (ProgramFile& file : program.files) {
    file.parsed.tree.reset();
    file.parsed.tokens.reset();
  }
}

Program single_file_program(SourceManager& sources, std::string path, std::string text,
                            DiagnosticEngine& diagnostics) {
  const FileId file = sources.add(path, std::move(text));
  Program program;
  program.files.push_back(ProgramFile{std::move(path), parse_file(sources, file, diagnostics), true});
  return program;
}

}  // namespace bpc::lowering
