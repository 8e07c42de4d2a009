#include "driver/import_resolver.h"

#include <fmt/format.h>

namespace bpc::driver {

namespace {

std::string join(std::string_view directory, std::string_view relative) {
  if (directory.empty() || directory == ".") return normalize_path(relative);
  return normalize_path(std::string(directory) + "/" + std::string(relative));
}

// Why a path written in an import is refused before any lookup, or an empty string.
std::string malformed(std::string_view target) {
  if (target.empty()) return "it is empty";
  if (target.find('\0') != std::string_view::npos) return "it holds a NUL byte";
  if (target.find('\\') != std::string_view::npos) return "it holds a backslash; separate directories with `/`";
  return "";
}

bool is_absolute(std::string_view target) {
  if (!target.empty() && target.front() == '/') return true;
  // `C:/x` or `C:x`: a Windows drive means the same thing, and is no more portable.
  return target.size() >= 2 && target[1] == ':' &&
         ((target[0] >= 'A' && target[0] <= 'Z') || (target[0] >= 'a' && target[0] <= 'z'));
}

}  // namespace

ImportResolver::ImportResolver(const FileSystem& files, const std::vector<std::string>& inputs,
                               const std::vector<std::string>& roots, std::vector<std::string> search_paths)
    : files_(files), search_paths_(std::move(search_paths)) {
  if (roots.empty()) {
    for (const std::string& input : inputs) root_names_.push_back(parent_directory(normalize_path(input)));
    for (const std::string& search : search_paths_) root_names_.push_back(normalize_path(search));
  } else {
    for (const std::string& root : roots) root_names_.push_back(normalize_path(root));
  }
  for (const std::string& name : root_names_) {
    Root root{files_.absolute(name), ""};
    const ResolveResult resolved = files_.resolve(name);
    if (const auto* found = std::get_if<ResolvedPath>(&resolved)) root.real = found->path;
    roots_.push_back(std::move(root));
  }
}

bool ImportResolver::lexically_inside(std::string_view absolute) const {
  for (const Root& root : roots_) {
    if (path_is_within(absolute, root.lexical)) return true;
  }
  return false;
}

std::string ImportResolver::shown(const std::string& real) const {
  const std::string working = files_.absolute(".");
  if (working != "/" && path_is_within(real, working) && real.size() > working.size()) {
    return real.substr(working.size() + 1);
  }
  return real;
}

bool ImportResolver::really_inside(std::string_view real) const {
  for (const Root& root : roots_) {
    if (!root.real.empty() && path_is_within(real, root.real)) return true;
  }
  return false;
}

ImportResolution ImportResolver::resolve(std::string_view importer_display, std::string_view target) const {
  if (const std::string why = malformed(target); !why.empty()) {
    return ImportRefused{DiagnosticKind::InvalidImportPath, why, {}};
  }
  if (is_absolute(target)) return ImportRefused{DiagnosticKind::AbsoluteImport, "", {}};

  std::vector<std::string> candidates{join(parent_directory(importer_display), target)};
  for (const std::string& search : search_paths_) candidates.push_back(join(search, target));

  // The first refusal that is not "not found" explains a failure better than "cannot find".
  std::optional<ImportRefused> refusal;
  std::vector<std::string> looked_for;
  for (const std::string& candidate : candidates) {
    const std::string absolute = files_.absolute(candidate);
    if (!lexically_inside(absolute)) {
      if (!refusal) refusal = ImportRefused{DiagnosticKind::ImportOutsideRoots, candidate, {}};
      continue;
    }
    looked_for.push_back(candidate);
    const ResolveResult resolved = files_.resolve(candidate);
    if (const auto* error = std::get_if<FileError>(&resolved)) {
      if (error->kind != FileErrorKind::NotFound && !refusal) {
        refusal = ImportRefused{DiagnosticKind::UnreadableImport, error->message, {}};
      }
      continue;
    }
    const ResolvedPath& found = std::get<ResolvedPath>(resolved);
    if (!really_inside(found.path)) {
      if (!refusal) refusal = ImportRefused{DiagnosticKind::ImportOutsideRoots, shown(found.path), {}};
      continue;
    }
    if (found.kind != FileKind::Regular) {
      if (!refusal) {
        refusal = ImportRefused{DiagnosticKind::UnreadableImport,
                                found.kind == FileKind::Directory ? "it is a directory" : "it is not a regular file",
                                {}};
      }
      continue;
    }
    return ImportFound{found.path, candidate};
  }
  if (refusal) return *refusal;
  return ImportRefused{DiagnosticKind::ImportNotFound, "", std::move(looked_for)};
}

}  // namespace bpc::driver
