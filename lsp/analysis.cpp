#include "lsp/analysis.h"

#include <algorithm>
#include <chrono>

namespace bpc::lsp {

FileId Unit::file_id(std::string_view path) const {
  if (!compilation) return FileId::none();
  for (const lowering::ProgramFile& file : compilation->program.files) {
    if (file.path == path) return file.parsed.file;
  }
  return FileId::none();
}

void Analyzer::set_settings(AnalysisSettings settings) {
  settings_ = std::move(settings);
  invalidate();
}

void Analyzer::invalidate() {
  for (auto& [root, unit] : units_) unit->dirty = true;
}

void Analyzer::set_buffer(const std::string& path, std::string text) {
  const bool opened = buffers_.insert(path).second;
  overlay_.set(path, std::move(text));
  bool held = false;
  for (auto& [root, unit] : units_) {
    if (opened || unit->files.contains(path) || root == path) unit->dirty = true;
    held = held || unit->files.contains(path) || root == path;
  }
  if (!held) {
    auto unit = std::make_unique<Unit>();
    unit->root = path;
    unit->workspace = std::make_unique<driver::Workspace>(overlay_);
    units_.emplace(path, std::move(unit));
  }
}

void Analyzer::remove_buffer(const std::string& path) {
  buffers_.erase(path);
  overlay_.remove(path);
  for (auto it = units_.begin(); it != units_.end();) {
    Unit& unit = *it->second;
    const bool any_open = std::any_of(unit.files.begin(), unit.files.end(),
                                      [&](const std::string& file) { return buffers_.contains(file); }) ||
                          buffers_.contains(unit.root);
    if (!any_open) {
      if (it->second->compilation) retired_.push_back(std::move(it->second->compilation));
      it = units_.erase(it);
      continue;
    }
    unit.dirty = true;  // the closed file now reads from disk
    ++it;
  }
}

bool Analyzer::dirty() const {
  return std::any_of(units_.begin(), units_.end(), [](const auto& entry) { return entry.second->dirty; });
}

void Analyzer::compile(Unit& unit, const CancellationToken& token) {
  driver::CompileOptions options;
  options.inputs = {unit.root};
  options.import_roots = settings_.import_roots;
  if (!options.import_roots.empty()) {
    // The root's own directory is always reachable, even for a file outside every folder.
    const std::size_t slash = unit.root.rfind('/');
    options.import_roots.push_back(slash == std::string::npos ? "/" : unit.root.substr(0, std::max<std::size_t>(slash, 1)));
  }
  options.search_paths = settings_.search_paths;
  options.cancellation = token;
  options.keep_syntax = true;
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
  if (!result.cancelled) {
    fold_units();
    // A folded unit's pointer is gone; report only the survivors.
    std::erase_if(result.compiled, [&](const Unit* unit) {
      return std::none_of(units_.begin(), units_.end(), [&](const auto& entry) { return entry.second.get() == unit; });
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
