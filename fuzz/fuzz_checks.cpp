#include "fuzz/fuzz_checks.h"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backends/backend.h"
#include "driver/compilation.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/diagnostics/render.h"
#include "frontend/format/formatter.h"
#include "frontend/frontend.h"
#include "frontend/source/source_manager.h"
#include "base/utf8.h"
#include "ir/json.h"

namespace bpc::fuzz {
namespace {

constexpr const char* kPath = "fuzz.bpl";

std::string check_tokens(const TokenizedBuffer& tokens) {
  const std::uint64_t size = tokens.source().size();
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens.tokens()[i];
    if (static_cast<std::uint64_t>(t.offset) + t.length > size) {
      return fmt::format("token {} ({}) spans [{}, {}) past the end of the text ({} bytes)", i,
                         token_kind_name(t.kind()), t.offset,
                         static_cast<std::uint64_t>(t.offset) + t.length, size);
    }
  }
  for (const Comment& c : tokens.comments()) {
    if (static_cast<std::uint64_t>(c.offset) + c.length > size) {
      return fmt::format("comment at [{}, {}) past the end of the text ({} bytes)", c.offset,
                         static_cast<std::uint64_t>(c.offset) + c.length, size);
    }
  }
  return {};
}

std::string check_tree(const Tree& tree) {
  const std::uint32_t token_count = tree.tokens().size();
  const std::uint32_t count = tree.size();
  if (count == 0) return "the tree has no nodes (no root)";
  if (tree.subtree_size(tree.root()) != count) {
    return fmt::format("the root's subtree has {} nodes but the tree has {}",
                       tree.subtree_size(tree.root()), count);
  }
  // Ends (one past the last node) of the subtrees enclosing the current node, innermost last.
  std::vector<std::uint64_t> open_ends;
  open_ends.reserve(64);
  for (std::uint32_t i = 0; i < count; ++i) {
    const Node& n = tree.node(NodeId{i});
    const std::string_view kind = node_kind_name(n.kind());
    const TokenIndex first = tree.first_token(NodeId{i});
    const TokenIndex last = tree.last_token(NodeId{i});
    if (first.index >= token_count || last.index >= token_count) {
      return fmt::format("node {} ({}) has token range [{}, {}] outside the {} tokens", i, kind,
                         first.index, last.index, token_count);
    }
    if (first.index > last.index) {
      return fmt::format("node {} ({}) has first_token {} > last_token {}", i, kind, first.index, last.index);
    }
    const std::uint32_t subtree = tree.subtree_size(NodeId{i});
    if (subtree == 0) return fmt::format("node {} ({}) has subtree size 0", i, kind);
    const std::uint64_t end = static_cast<std::uint64_t>(i) + subtree;
    while (!open_ends.empty() && open_ends.back() <= i) open_ends.pop_back();
    const std::uint64_t limit = open_ends.empty() ? count : open_ends.back();
    if (end > limit) {
      return fmt::format(
          "node {} ({}) has subtree [{}, {}) that overflows its parent's subtree (ends at {})", i,
          kind, i, end, limit);
    }
    open_ends.push_back(end);
  }
  return {};
}

std::string check_span(const SourceManager& sources, const SourceSpan& span, std::string_view what,
                       std::size_t index) {
  if (span.file.is_none()) return {};
  if (span.file.index >= sources.file_count()) {
    return fmt::format("diagnostic {}: {} names file {} but there are {} files", index, what,
                       span.file.index, sources.file_count());
  }
  const std::uint32_t size = sources.file(span.file).size();
  if (!(span.begin <= span.end && span.end <= size)) {
    return fmt::format("diagnostic {}: {} [{}, {}) is not within the file ({} bytes)", index,
                       what, span.begin, span.end, size);
  }
  return {};
}

std::string check_diagnostics(const SourceManager& sources, const DiagnosticEngine& diagnostics) {
  const auto& all = diagnostics.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Diagnostic& d = all[i];
    const std::string where = fmt::format("{} `{}`", info(d.kind).code, d.message);
    std::string failure = check_span(sources, d.span, "span of " + where, i);
    for (std::size_t l = 0; failure.empty() && l < d.labels.size(); ++l) {
      failure = check_span(sources, d.labels[l].span, fmt::format("label {} of {}", l, where), i);
    }
    for (const Fix& fix : d.fixes) {
      for (std::size_t e = 0; failure.empty() && e < fix.edits.size(); ++e) {
        failure = check_span(sources, fix.edits[e].span,
                             fmt::format("edit {} of fix `{}` of {}", e, fix.description, where),
                             i);
      }
    }
    if (!failure.empty()) return failure;
  }
  return {};
}

void render_all(const SourceManager& sources, const DiagnosticEngine& diagnostics) {
  // The command line's default limit (50 errors): rendering a thousand diagnostics of a 64 KB
  // input three times made this target ten times slower without reaching new code.
  const RenderOptions options[] = {
      {DiagnosticFormat::Text, false, 50}, {DiagnosticFormat::Text, true, 3},
      {DiagnosticFormat::Json, false, 50}, {DiagnosticFormat::Sarif, false, 50}};
  for (const RenderOptions& o : options) {
    std::ostringstream out;
    render_diagnostics(out, sources, diagnostics, o);
  }
}

// The first line where two texts differ, for failure messages.
std::string first_difference(std::string_view a, std::string_view b) {
  const auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  const std::size_t at = static_cast<std::size_t>(mismatch.first - a.begin());
  const std::size_t line = static_cast<std::size_t>(std::count(a.begin(), a.begin() + at, '\n')) + 1;
  const auto excerpt = [at](std::string_view s) {
    const std::size_t start = at < 40 ? 0 : at - 40;
    return fmt::format("{:?}", s.substr(start, 80));
  };
  return fmt::format("first difference at byte {} (line {}): {} vs {}", at, line, excerpt(a),
                     excerpt(b));
}

}  // namespace

std::string check_parse(std::string_view input) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  const FileId file = sources.add(kPath, std::string(input));
  const ParsedFile parsed = parse_file(sources, file, diagnostics);
  check_literals(parsed, diagnostics);
  if (parsed.tokens == nullptr || parsed.tree == nullptr) return "parse_file returned no tree";

  std::string failure = check_tokens(*parsed.tokens);
  if (failure.empty()) failure = check_tree(*parsed.tree);
  if (failure.empty()) failure = check_diagnostics(sources, diagnostics);
  if (!failure.empty()) return failure;
  if (parsed.tree->has_errors() && !diagnostics.has_errors()) {
    return "the tree is marked as having errors but no error was reported";
  }
  render_all(sources, diagnostics);
  return {};
}

std::string check_format(std::string_view input) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  const FileId file = sources.add(kPath, std::string(input));
  const ParsedFile parsed = parse_file(sources, file, diagnostics);
  if (diagnostics.has_errors() || parsed.tree->has_errors()) return {};  // `bpc fmt` refuses

  const std::string first = format_tree(*parsed.tree);
  DiagnosticEngine again_diagnostics;
  const FileId again = sources.add("formatted.bpl", first);
  const ParsedFile reparsed = parse_file(sources, again, again_diagnostics);
  if (again_diagnostics.has_errors() || reparsed.tree->has_errors()) {
    std::ostringstream out;
    render_diagnostics(out, sources, again_diagnostics, {DiagnosticFormat::Text, false, 3});
    return "the formatted output does not parse:\n" + out.str() + "--- formatted output ---\n" +
           first.substr(0, 4000);
  }
  const std::string second = format_tree(*reparsed.tree);
  if (second != first) {
    return "formatting is not idempotent: " + first_difference(first, second);
  }
  return {};
}

namespace {

// The input as the one file of an in-memory file system, compiled as `bpc check` does; with
// `verify_each`, the IR verifier runs on the lowering's output and after every pass (BP9002),
// and the symbol index is kept, as the language server keeps it.
driver::Compilation compile_input(std::string_view input, bool verify_each) {
  driver::MemoryFileSystem files;
  files.add(kPath, std::string(input));
  driver::CompileOptions options;
  options.inputs = {kPath};
  options.instrumentation.verify_each = verify_each;
  options.build_index = verify_each;
  return driver::compile(files, options);
}

// Every span of the index lies in its file, every reference names a declaration, and looking up
// the start of each name finds a declaration.
std::string check_index(const SourceManager& sources, const lowering::SymbolIndex& index) {
  const auto inside = [&](const SourceSpan& span) {
    return !span.file.is_none() && span.file.index < sources.file_count() && span.begin <= span.end &&
           span.end <= sources.file(span.file).size();
  };
  for (std::uint32_t i = 0; i < index.declarations().size(); ++i) {
    const lowering::SymbolIndex::Declaration& declaration = index.declaration(i);
    if (!inside(declaration.name_span) || !inside(declaration.span)) {
      return fmt::format("symbol index: declaration {} `{}` has a span outside its file", i, declaration.name);
    }
    if (declaration.parent != lowering::SymbolIndex::kNone && declaration.parent >= index.declarations().size()) {
      return fmt::format("symbol index: declaration {} `{}` has parent {} out of range", i, declaration.name,
                         declaration.parent);
    }
    if (!index.at(declaration.name_span.file, declaration.name_span.begin)) {
      return fmt::format("symbol index: nothing at the name of declaration {} `{}`", i, declaration.name);
    }
  }
  for (const lowering::SymbolIndex::Reference& reference : index.references()) {
    if (!inside(reference.span)) return "symbol index: a reference has a span outside its file";
    if (reference.declaration >= index.declarations().size()) {
      return fmt::format("symbol index: a reference names declaration {} of {}", reference.declaration,
                         index.declarations().size());
    }
  }
  return {};
}

}  // namespace

std::string check_semantics(std::string_view input) {
  driver::Compilation compilation = compile_input(input, /*verify_each=*/true);
  const SourceManager& sources = compilation.sources;
  const DiagnosticEngine& diagnostics = compilation.diagnostics;
  std::optional<ir::Module>& module = compilation.module;
  for (const Diagnostic& d : diagnostics.diagnostics()) {
    if (d.kind == DiagnosticKind::InvalidIr) return d.message;
  }
  render_all(sources, diagnostics);
  if (std::string failure = check_diagnostics(sources, diagnostics); !failure.empty()) return failure;
  if (compilation.index) {
    if (std::string failure = check_index(sources, *compilation.index); !failure.empty()) return failure;
  }
  if (!module || diagnostics.has_errors()) return {};
  const std::string json = ir::module_to_json(*module);
  std::vector<std::string> errors;
  const std::optional<ir::Module> loaded = ir::module_from_json(json, errors);
  if (!loaded) {
    return "the IR JSON of a checked module does not load: " +
           (errors.empty() ? std::string("(no message)") : errors.front());
  }
  if (ir::module_to_json(*loaded) != json) {
    return "the IR JSON does not round-trip: " + first_difference(json, ir::module_to_json(*loaded));
  }
  return {};
}

namespace {

// The files one run of `backend` produces, or why the run is a finding ("" and no files when the
// backend refused the input as a limitation).
std::string emit_once(const backends::Backend& backend, const ir::Module& module, const backends::Options& options,
                      backends::OutputDirectory& out) {
  DiagnosticEngine diagnostics;
  backends::SharedArtifacts shared;
  try {
    backend.emit(module, options, out, diagnostics, shared);
  } catch (const backends::BackendLimitation&) {
    out = backends::OutputDirectory();
    return {};
  } catch (const std::exception& error) {
    return fmt::format("backend `{}` threw: {}", backend.name(), error.what());
  }
  return {};
}

}  // namespace

std::string check_backends(std::string_view input) {
  driver::Compilation compilation = compile_input(input, /*verify_each=*/false);
  if (!compilation.ok()) return {};
  const std::optional<ir::Module>& module = compilation.module;
  DiagnosticEngine& diagnostics = compilation.diagnostics;
  const std::vector<FileId> files = compilation.module_files();
  const backends::BackendRegistry registry = backends::standard_backends();
  for (std::string_view name : registry.names()) {
    const backends::Backend& backend = *registry.find(name);
    const auto declared = std::find_if(module->targets.begin(), module->targets.end(),
                                       [&](const ir::Target& t) { return t.name == name; });
    const std::optional<backends::Options> options =
        backends::resolve_options(backend, declared == module->targets.end() ? nullptr : &*declared, files, diagnostics);
    if (!options) continue;  // BP3001/BP3002: the blueprint's mistake, reported
    backends::OutputDirectory first;
    backends::OutputDirectory second;
    if (std::string failure = emit_once(backend, *module, *options, first); !failure.empty()) return failure;
    if (std::string failure = emit_once(backend, *module, *options, second); !failure.empty()) return failure;
    if (first.files().size() != second.files().size()) return fmt::format("backend `{}` is not deterministic", name);
    for (auto a = first.begin(), b = second.begin(); a != first.end(); ++a, ++b) {
      if (a->first != b->first || a->second.contents != b->second.contents) {
        return fmt::format("backend `{}` is not deterministic: {}", name, a->first);
      }
      const std::string& contents = a->second.contents;
      if (utf8::find_invalid(contents)) return fmt::format("backend `{}` wrote invalid UTF-8 in {}", name, a->first);
      if (a->first.ends_with(".json") && !nlohmann::json::accept(contents)) {
        return fmt::format("backend `{}` wrote a .json file that does not parse: {}", name, a->first);
      }
    }
  }
  return {};
}

std::string check_ir_json(std::string_view input) {
  std::vector<std::string> errors;
  const std::optional<ir::Module> module = ir::module_from_json(input, errors);
  if (!module) return errors.empty() ? "the loader rejected the input without a message" : "";
  const std::string json = ir::module_to_json(*module);
  std::vector<std::string> again_errors;
  const std::optional<ir::Module> again = ir::module_from_json(json, again_errors);
  if (!again) {
    return "a module the loader accepted prints JSON it rejects: " +
           (again_errors.empty() ? std::string("(no message)") : again_errors.front());
  }
  if (ir::module_to_json(*again) != json) {
    return "IR JSON does not round-trip: " + first_difference(json, ir::module_to_json(*again));
  }
  return {};
}

}  // namespace bpc::fuzz
