#include "cli/input_files.h"

#include <array>
#include <chrono>
#include <iostream>

#include "backends/backend.h"
#include "cli/exit_codes.h"
#include "driver/program_loader.h"

namespace bpc::cli {

void ImportOptions::add_to(CLI::App& command) {
  // One value per occurrence: `-I lib main.bpl` must leave `main.bpl` to the files, which are
  // optional where a project file can name them.
  command.add_option("-I,--import-path", search_paths,
                     "Where to look for imported files not found beside the importing file (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--import-root", import_roots,
                     "A directory imports may reach (repeatable); default: the directories of the files "
                     "named and the --import-path directories")
      ->allow_extra_args(false);
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

void ProjectOptions::add_to(CLI::App& command) {
  auto* given = command.add_option("--project", project,
                                   "The project file (bpc.json) to follow, or a directory holding one; default: the "
                                   "nearest bpc.json above the first file named, or above the working directory");
  command.add_flag("--no-project", no_project, "Follow no project file")->excludes(given);
}

ProjectSetup ProjectOptions::load(const driver::FileSystem& files, const std::vector<std::string>& named) const {
  ProjectSetup setup;
  setup.inputs = named;
  std::optional<std::string> path;
  if (!project.empty()) {
    const driver::ResolveResult resolved = files.resolve(project);
    const auto* found = std::get_if<driver::ResolvedPath>(&resolved);
    path = found != nullptr && found->kind == driver::FileKind::Directory
               ? found->path + "/" + std::string(driver::kProjectFileName)
               : project;
  } else if (!no_project) {
    path = driver::find_project_file(files, named.empty() || named.front() == "-" ? "." : named.front());
  }
  if (!path) return setup;
  setup.project = driver::load_project(files, *path, backends::standard_backends().known_names(), setup.sources,
                                       setup.diagnostics);
  if (setup.inputs.empty()) setup.inputs = setup.project->sources;
  return setup;
}

std::optional<int> ProjectSetup::refusal(std::string_view command, const DiagnosticOptions& printing) const {
  if (diagnostics.has_errors()) {
    printing.print(sources, diagnostics);
    return exit_code_for_failure(diagnostics);
  }
  if (!inputs.empty()) return std::nullopt;
  printing.print(sources, diagnostics);
  std::cerr << "bpc " << command
            << (project ? ": the project file lists no `sources`; name the blueprint files\n"
                        : ": no files named, and no bpc.json here or above; name the blueprint files\n");
  return kExitUsage;
}

driver::CompileOptions ProjectSetup::compile_options(const ImportOptions& imports, std::vector<std::string> targets,
                                                    std::optional<std::vector<std::string>> others) const {
  driver::CompileOptions options = imports.compile_options(others ? std::move(*others) : inputs);
  options.selected_targets = std::move(targets);
  if (project) project->apply_to(options);
  return options;
}

driver::Compilation ProjectSetup::compile(const driver::FileSystem& files, const driver::CompileOptions& options) {
  driver::Compilation compilation = driver::compile(files, options, nullptr, std::move(sources));
  compilation.diagnostics.absorb(std::move(diagnostics));
  return compilation;
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
