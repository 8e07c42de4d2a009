#include "driver/program_loader.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "driver/import_resolver.h"
#include "frontend/literals/string_literal.h"
#include "ir/graph/cycles.h"

namespace bpc::driver {

namespace {

struct PendingImport {
  std::uint32_t from;  // index into the loaded files
  std::uint32_t to;
  SourceSpan span;     // the path string in the importing file
};

// A file over the byte limit is added empty, so that BP1002 can name it.
FileId report_too_large(const std::string& display, const FileError& error, std::uint64_t limit,
                        SourceManager& sources, DiagnosticEngine& diagnostics) {
  const FileId id = sources.add(display, "");
  (void)diagnostics.report<DiagnosticKind::FileTooLarge>(SourceSpan{id, 0, 0}, error.size, limit);
  return id;
}

// Thrown inside the loader when a budget runs out; the loader has reported it already.
struct BudgetExhausted {
  LoadBudget budget;
};

class Loader {
 public:
  Loader(const FileSystem& files, const LoadRequest& request, SourceManager& sources, DiagnosticEngine& diagnostics,
         ParsedFileSource& parser, const Interrupt& interrupt)
      : files_(files),
        request_(request),
        resolver_(files, request.inputs, request.import_roots, request.search_paths),
        sources_(sources),
        diagnostics_(diagnostics),
        parser_(parser),
        interrupt_(interrupt) {
    parse_options_.max_nesting = request.budgets.max_nesting;
    parse_options_.interrupt = &interrupt;
  }

  LoadedProgram run() {
    std::optional<LoadBudget> exhausted;
    try {
      for (const std::string& input : request_.inputs) {
        const std::uint32_t index = load_input(input);
        if (index != UINT32_MAX) loaded_[index].is_root = true;
      }
      // Breadth-first over imports; `loaded_` grows as new files are found.
      for (std::uint32_t i = 0; i < loaded_.size(); ++i) follow_imports(i);
    } catch (const BudgetExhausted& stop) {
      // Reported; what was loaded is returned so its diagnostics can be shown.
      exhausted = stop.budget;
    }
    // A file another file imports is not a root, even when it was also named on the command
    // line: naming every file of a blueprint must mean the same as naming its root.
    for (const PendingImport& import : imports_) {
      if (import.from != import.to) loaded_[import.to].is_root = false;
    }
    report_cycles();
    return LoadedProgram{sorted(), exhausted};
  }

 private:
  std::uint32_t load_input(const std::string& path) {
    const ResolveResult resolved = files_.resolve(path);
    if (const auto* error = std::get_if<FileError>(&resolved)) {
      (void)diagnostics_.report<DiagnosticKind::CannotReadFile>(SourceSpan{}, path, error->message);
      return UINT32_MAX;
    }
    return load(std::get<ResolvedPath>(resolved).path, path);
  }

  // Reads and parses a file once; returns its index, or UINT32_MAX when it cannot be read (reported).
  std::uint32_t load(const std::string& identity, const std::string& display, SourceSpan imported_at = {}) {
    if (const auto found = by_identity_.find(identity); found != by_identity_.end()) return found->second;
    if (loaded_.size() >= request_.budgets.max_files) {
      (void)diagnostics_.report<DiagnosticKind::TooManyFiles>(imported_at, request_.budgets.max_files);
      throw BudgetExhausted{LoadBudget::Files};
    }
    const std::uint64_t file_limit = std::min<std::uint64_t>(request_.budgets.max_file_bytes, kMaxSourceBytes);
    ReadResult read = files_.read(identity, file_limit);
    if (const auto* error = std::get_if<FileError>(&read)) {
      if (error->kind == FileErrorKind::TooLarge) {
        (void)report_too_large(display, *error, file_limit, sources_, diagnostics_);
        return UINT32_MAX;
      }
      if (imported_at.file.is_none()) {
        (void)diagnostics_.report<DiagnosticKind::CannotReadFile>(SourceSpan{}, display, error->message);
      } else {
        (void)diagnostics_.report<DiagnosticKind::UnreadableImport>(imported_at, display, error->message);
      }
      return UINT32_MAX;
    }
    std::string& text = std::get<std::string>(read);
    total_bytes_ += text.size();
    if (total_bytes_ > request_.budgets.max_total_bytes) {
      (void)diagnostics_.report<DiagnosticKind::SourceBudgetExceeded>(imported_at, request_.budgets.max_total_bytes);
      throw BudgetExhausted{LoadBudget::TotalBytes};
    }
    interrupt_.poll();
    ParsedFile parsed = parser_.parse(identity, display, std::move(text), sources_, diagnostics_, parse_options_);
    count_declarations(*parsed.tree);
    const auto index = static_cast<std::uint32_t>(loaded_.size());
    loaded_.push_back(lowering::ProgramFile{display, std::move(parsed), false});
    by_identity_.emplace(identity, index);
    return index;
  }

  void count_declarations(const Tree& tree) {
    for (NodeId declaration : tree.children(tree.root())) {
      (void)declaration;
      ++declarations_;
    }
    if (declarations_ > request_.budgets.max_declarations) {
      (void)diagnostics_.report<DiagnosticKind::TooManyDeclarations>(SourceSpan{tree.tokens().file(), 0, 0},
                                request_.budgets.max_declarations);
      throw BudgetExhausted{LoadBudget::Declarations};
    }
  }

  void follow_imports(std::uint32_t index) {
    const Tree& tree = *loaded_[index].parsed.tree;
    const TokenizedBuffer& tokens = tree.tokens();
    for (NodeId declaration : tree.children(tree.root())) {
      if (tree.kind(declaration) != NodeKind::ImportDecl) continue;
      const NodeId literal = tree.child(declaration, NodeKind::StringLiteral);
      if (literal.is_none()) continue;
      const SourceSpan span{tokens.file(), tree.begin_offset(literal), tree.end_offset(literal)};
      const std::string target = decode_string_literal(tree.text(literal), span, nullptr);
      const std::uint32_t imported = resolve(loaded_[index].path, target, span);
      if (imported != UINT32_MAX) {
        imports_.push_back(PendingImport{index, imported, span});
      } else {
        missing_imports_ = true;
      }
    }
  }

  std::uint32_t resolve(const std::string& importer, const std::string& target, SourceSpan span) {
    const ImportResolution resolution = resolver_.resolve(importer, target);
    if (const auto* found = std::get_if<ImportFound>(&resolution)) return load(found->identity, found->display, span);
    const ImportRefused& refused = std::get<ImportRefused>(resolution);
    // The path as written, quoted and escaped so that a hostile one prints as one line.
    const std::string shown = fmt::format("{:?}", target);
    const std::string plain = shown.substr(1, shown.size() - 2);
    switch (refused.kind) {
      case DiagnosticKind::ImportNotFound: {
        auto builder = diagnostics_.report<DiagnosticKind::ImportNotFound>(span, plain);
        for (const std::string& candidate : refused.looked_for) builder.note(fmt::format("looked for `{}`", candidate));
        if (!resolver_.has_search_paths()) {
          builder.note("imports are resolved relative to the importing file, then in the search "
                       "paths given with --import-path");
        }
        break;
      }
      case DiagnosticKind::ImportOutsideRoots:
        (void)diagnostics_.report<DiagnosticKind::ImportOutsideRoots>(span, plain, refused.detail)
            .note(fmt::format("imports may only reach files inside the import roots: {}",
                              fmt::format("`{}`", fmt::join(resolver_.root_names(), "`, `"))))
            .note("add a root with --import-root DIR to allow a wider tree");
        break;
      case DiagnosticKind::AbsoluteImport:
        (void)diagnostics_.report<DiagnosticKind::AbsoluteImport>(span, plain);
        break;
      case DiagnosticKind::InvalidImportPath:
        (void)diagnostics_.report<DiagnosticKind::InvalidImportPath>(span, shown, refused.detail);
        break;
      default:
        (void)diagnostics_.report<DiagnosticKind::UnreadableImport>(span, plain, refused.detail);
        break;
    }
    return UINT32_MAX;
  }

  void report_cycles() {
    std::vector<graph::Edge> edges;
    for (const PendingImport& import : imports_) edges.emplace_back(import.from, import.to);
    std::unordered_map<std::uint64_t, SourceSpan> edge_spans;
    for (const PendingImport& import : imports_) {
      edge_spans.emplace((std::uint64_t{import.from} << 32) | import.to, import.span);
    }
    for (const auto& cycle : graph::find_cycles(static_cast<std::uint32_t>(loaded_.size()), edges)) {
      // Report at the import that leaves the cycle's first file, listing every step.
      std::string chain;
      std::vector<SourceSpan> steps;
      for (std::size_t i = 0; i < cycle.size(); ++i) {
        const std::uint32_t from = cycle[i];
        const std::uint32_t to = cycle[(i + 1) % cycle.size()];
        steps.push_back(edge_spans.at((std::uint64_t{from} << 32) | to));
        chain += fmt::format("`{}` imports `{}`", loaded_[from].path, loaded_[to].path);
        if (i + 1 < cycle.size()) chain += ", ";
      }
      auto builder = diagnostics_.report<DiagnosticKind::ImportCycle>(steps.front(), chain);
      for (std::size_t i = 1; i < steps.size(); ++i) builder.label(steps[i], "next import in the cycle");
      builder.note("a file may not import itself, directly or through other files; move what "
                   "the files share into a file that both import");
    }
  }

  lowering::Program sorted() {
    lowering::Program program;
    program.files = std::move(loaded_);
    program.has_missing_imports = missing_imports_;
    std::sort(program.files.begin(), program.files.end(),
              [](const lowering::ProgramFile& a, const lowering::ProgramFile& b) { return a.path < b.path; });
    return program;
  }

  const FileSystem& files_;
  const LoadRequest& request_;
  ImportResolver resolver_;
  SourceManager& sources_;
  DiagnosticEngine& diagnostics_;
  ParsedFileSource& parser_;
  const Interrupt& interrupt_;
  ParseOptions parse_options_;
  std::vector<lowering::ProgramFile> loaded_;
  std::unordered_map<std::string, std::uint32_t> by_identity_;
  std::vector<PendingImport> imports_;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t declarations_ = 0;
  bool missing_imports_ = false;
};

}  // namespace

ParsedFile FreshParse::parse(const std::string& /*identity*/, const std::string& display, std::string text,
                             SourceManager& sources, DiagnosticEngine& diagnostics, const ParseOptions& options) {
  const FileId file = sources.add(display, std::move(text));
  return parse_file(sources, file, diagnostics, options);
}

LoadedProgram load_program(const FileSystem& files, const LoadRequest& request, SourceManager& sources,
                           DiagnosticEngine& diagnostics, ParsedFileSource& parser, const Interrupt& interrupt) {
  return Loader(files, request, sources, diagnostics, parser, interrupt).run();
}

std::optional<FileId> read_source(const FileSystem& files, const std::string& path, std::uint64_t max_bytes,
                                  SourceManager& sources, DiagnosticEngine& diagnostics) {
  const std::uint64_t limit = std::min<std::uint64_t>(max_bytes, kMaxSourceBytes);
  ReadResult read = files.read(path, limit);
  if (const auto* error = std::get_if<FileError>(&read)) {
    if (error->kind == FileErrorKind::TooLarge) return report_too_large(path, *error, limit, sources, diagnostics);
    (void)diagnostics.report<DiagnosticKind::CannotReadFile>(SourceSpan{}, path, error->message);
    return std::nullopt;
  }
  return sources.add(path, std::move(std::get<std::string>(read)));
}

}  // namespace bpc::driver
