#include "lsp/analysis.h"

#include <algorithm>
#include <chrono>

#include "backends/backend.h"

namespace bpc::lsp {

FileId Unit::file_id(std::string_view path) const {
  if (!compilation) return FileId::none();
  for (const lowering::ProgramFile& file : compilation->program.files) {
    if (file.path == path) return file.parsed.file;
  }
  return FileId::none();
}

Analyzer::Analyzer(const driver::FileSystem& base)
    : overlay_(base), known_targets_(backends::standard_backends().known_names()) {}

void Analyzer::set_settings(AnalysisSettings settings) {
  settings_ = std::move(settings);
  invalidate();
}

void Analyzer::invalidate() {
  for (auto& [root, unit] : units_) unit->dirty = true;
  // A project file may have appeared, gone or changed.
  projects_.clear();
  for (auto& [path, project] : buffer_projects_) project = driver::find_project_file(overlay_, path).value_or("");
  sources_pending_ = true;
}

void Analyzer::set_buffer(const std::string& path, std::string text) {
  overlay_.set(path, std::move(text));
  if (driver::is_project_file(path)) return invalidate();
  const bool opened = buffers_.insert(path).second;
  if (opened) {
    buffer_projects_[path] = driver::find_project_file(overlay_, path).value_or("");
    sources_pending_ = true;
  }
  bool held = false;
  for (auto& [root, unit] : units_) {
    if (opened || unit->files.contains(path) || root == path) unit->dirty = true;
    held = held || unit->files.contains(path) || root == path;
  }
  if (!held) add_unit(path);
}

Unit& Analyzer::add_unit(const std::string& root) {
  auto unit = std::make_unique<Unit>();
  unit->root = root;
  unit->workspace = std::make_unique<driver::Workspace>(overlay_);
  return *units_.emplace(root, std::move(unit)).first->second;
}

void Analyzer::remove_buffer(const std::string& path) {
  overlay_.remove(path);
  if (driver::is_project_file(path)) return invalidate();
  buffers_.erase(path);
  buffer_projects_.erase(path);
  drop_unwanted_units();
  for (auto& [root, unit] : units_) unit->dirty = true;  // the closed file now reads from disk
}

void Analyzer::drop_unwanted_units() {
  for (auto it = units_.begin(); it != units_.end();) {
    if (wanted(*it->second)) {
      ++it;
      continue;
    }
    if (it->second->compilation) retired_.push_back(std::move(it->second->compilation));
    it = units_.erase(it);
  }
}

bool Analyzer::wanted(const Unit& unit) const {
  if (buffers_.contains(unit.root)) return true;
  if (std::any_of(unit.files.begin(), unit.files.end(), [&](const std::string& file) { return buffers_.contains(file); })) {
    return true;
  }
  if (!unit.project_source) return false;
  const bool project_open = std::any_of(buffer_projects_.begin(), buffer_projects_.end(),
                                        [&](const auto& entry) { return entry.second == unit.project; });
  const auto project = projects_.find(unit.project);
  return project_open && (project == projects_.end() ||
                          std::find(project->second->project.sources.begin(), project->second->project.sources.end(),
                                    unit.root) != project->second->project.sources.end());
}

const ProjectState* Analyzer::project_for(std::string_view path) {
  const std::optional<std::string> file = driver::find_project_file(overlay_, path);
  if (!file) return nullptr;
  std::shared_ptr<const ProjectState>& slot = projects_[*file];
  if (!slot) {
    auto state = std::make_shared<ProjectState>();
    state->project = driver::load_project(overlay_, *file, known_targets_, state->sources, state->diagnostics);
    slot = std::move(state);
  }
  return slot.get();
}

void Analyzer::add_project_sources() {
  sources_pending_ = false;
  std::set<std::string> open_projects;
  for (const auto& [buffer, project] : buffer_projects_) {
    if (!project.empty()) open_projects.insert(project);
  }
  for (const std::string& file : open_projects) {
    const ProjectState* project = project_for(file);
    if (project == nullptr) continue;
    for (const std::string& source : project->project.sources) {
      if (unit_for(source) != nullptr) continue;
      Unit& unit = add_unit(source);
      unit.project = project->project.file;
      unit.project_source = true;
    }
  }
  drop_unwanted_units();
}

bool Analyzer::dirty() const {
  return sources_pending_ || std::any_of(units_.begin(), units_.end(), [](const auto& entry) { return entry.second->dirty; });
}

void Analyzer::compile(Unit& unit, const CancellationToken& token) {
  const ProjectState* project = project_for(unit.root);
  unit.project = project != nullptr ? project->project.file : "";
  driver::CompileOptions options;
  options.inputs = {unit.root};
  // A project's import roots take the place of the workspace folders.
  if (project == nullptr || project->project.import_roots.empty()) options.import_roots = settings_.import_roots;
  options.search_paths = settings_.search_paths;
  if (project != nullptr) project->project.apply_to(options);
  if (!options.import_roots.empty()) {
    // The root's own directory is always reachable, even for a file outside every folder.
    options.import_roots.push_back(driver::parent_directory(unit.root));
  }
  options.cancellation = token;
  options.keep_syntax = true;
  options.operation_parameters = false;  // the server generates nothing; the diagnostics are the same
  options.build_index = true;
  options.stop_after = driver::Phase::Pipeline;
  auto compilation = std::make_shared<driver::Compilation>(unit.workspace->compile(options));
  if (compilation->interrupted) return;  // stays dirty; the last complete compilation stands
  unit.files.clear();
  for (const lowering::ProgramFile& file : compilation->program.files) unit.files.insert(file.path);
  unit.files.insert(unit.root);
  if (unit.compilation) retired_.push_back(std::move(unit.compilation));
  unit.compilation = std::move(compilation);
  unit.dirty = false;
}

void Analyzer::fold_units() {
  for (auto it = units_.begin(); it != units_.end();) {
    const Unit& unit = *it->second;
    const bool folded = std::any_of(units_.begin(), units_.end(), [&](const auto& entry) {
      const Unit& other = *entry.second;
      return &other != &unit && other.files.contains(unit.root) && !unit.files.contains(other.root);
    });
    it = folded ? units_.erase(it) : std::next(it);
  }
}

Analyzer::Refresh Analyzer::refresh(const CancellationToken& token) {
  Refresh result;
  const auto start = std::chrono::steady_clock::now();
  if (sources_pending_) add_project_sources();
  // A second round when an open file is in no program any more (its importer dropped the import):
  // it becomes a root of its own.
  for (int round = 0; round < 2; ++round) {
    for (auto& [root, unit] : units_) {
      if (!unit->dirty) continue;
      if (token.is_cancelled()) {
        result.cancelled = true;
        break;
      }
      compile(*unit, token);
      if (unit->dirty) {
        result.cancelled = true;
        break;
      }
      result.compiled.push_back(unit.get());
    }
    if (result.cancelled) break;
    fold_units();
    bool adopted = false;
    for (const std::string& buffer : buffers_) {
      if (unit_for(buffer) != nullptr) continue;
      add_unit(buffer);
      adopted = true;
    }
    if (!adopted) break;
  }
  if (!result.cancelled) {
    // A folded unit's pointer is gone; report only the survivors.
    std::erase_if(result.compiled, [&](const Unit* unit) {
      return std::none_of(units_.begin(), units_.end(), [&](const auto& entry) { return entry.second.get() == unit; });
    });
    // Projects no unit follows any more.
    std::erase_if(projects_, [&](const auto& entry) {
      return std::none_of(units_.begin(), units_.end(), [&](const auto& unit) { return unit.second->project == entry.first; });
    });
  }
  result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

const Unit* Analyzer::unit_for(std::string_view path) const {
  if (const auto found = units_.find(path); found != units_.end()) return found->second.get();
  for (const auto& [root, unit] : units_) {
    if (unit->files.contains(path)) return unit.get();
  }
  return nullptr;
}

std::vector<const Unit*> Analyzer::units() const {
  std::vector<const Unit*> result;
  for (const auto& [root, unit] : units_) result.push_back(unit.get());
  return result;
}

}  // namespace bpc::lsp
