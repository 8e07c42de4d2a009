#include "backends/output/output_directory.h"

#include <array>
#include <vector>

#include <fmt/format.h>

#include "base/utf8.h"

namespace bpc::backends {
namespace {

std::string fold(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_device_name(std::string_view component) {
  std::string base = fold(component.substr(0, component.find('.')));
  static constexpr std::array<std::string_view, 4> plain = {"con", "prn", "aux", "nul"};
  for (std::string_view name : plain) {
    if (base == name) return true;
  }
  return base.size() == 4 && (base.starts_with("com") || base.starts_with("lpt")) &&
         base[3] >= '1' && base[3] <= '9';
}

std::optional<std::string> check_component(std::string_view component) {
  if (component.empty()) return "it has an empty component";
  if (component == ".") return "it has a `.` component";
  if (component == "..") return "it has a `..` component";
  if (component.size() > 255) return "a component is longer than 255 bytes";
  if (component.back() == '.' || component.back() == ' ') {
    return fmt::format("component `{}` ends with `{}`, which Windows drops", component,
                       component.back());
  }
  if (is_device_name(component)) {
    return fmt::format("component `{}` is a reserved device name on Windows", component);
  }
  if (component.starts_with(".bpc-")) {
    return fmt::format("names starting with `.bpc-` are reserved for bpc's own files");
  }
  return std::nullopt;
}

constexpr std::string_view kOrphanSuffix = ".orphaned-user-code";

// The path as it can be shown in a message: control characters escaped.
std::string printable(std::string_view path) {
  std::string out;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

OutputError::OutputError(std::string path, std::string reason)
    : std::runtime_error(fmt::format("output file `{}`: {}", printable(path), reason)),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

std::optional<std::string> OutputDirectory::check_path(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.front() == '/') return "the path is absolute; output paths are relative to the root";
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return byte == 0 ? std::string("it contains a NUL character")
                       : fmt::format("it contains the control character U+{:04X}", byte);
    }
    if (c == '\\') return "it contains a backslash; use `/` to separate directories";
  }
  if (auto bad = utf8::find_invalid(path)) {
    return fmt::format("it is not valid UTF-8 (at byte {})", *bad);
  }
  if (path.size() >= 2 && path[1] == ':' &&
      ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'))) {
    return "it starts with a Windows drive letter";
  }
  if (path.find(':') != std::string_view::npos) {
    return "it contains `:` (drive letters and NTFS streams on Windows)";
  }
  if (auto at = path.find_first_of("<>\"|?*"); at != std::string_view::npos) {
    return fmt::format("it contains `{}`, which Windows does not allow in file names", path[at]);
  }
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    std::string_view component =
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (auto problem = check_component(component)) return problem;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (path.ends_with(kOrphanSuffix)) {
    return fmt::format("names ending in `{}` are reserved for saved user code", kOrphanSuffix);
  }
  return std::nullopt;
}

const OutputFile& OutputDirectory::add(std::string path, std::string contents,
                                       FileOptions options) {
  if (interrupt_ != nullptr) interrupt_->poll();
  if (auto problem = check_path(path)) throw OutputError(path, *problem);

  std::string folded = fold(path);
  if (auto it = folded_files_.find(folded); it != folded_files_.end()) {
    if (it->second == path) throw OutputError(path, "it was already added");
    throw OutputError(path, fmt::format("it differs only by case from `{}`, which was already "
                                        "added; case-insensitive file systems would merge them",
                                        it->second));
  }
  if (auto it = folded_dirs_.find(folded); it != folded_dirs_.end()) {
    throw OutputError(path, fmt::format("it is a directory of `{}`, which was already added",
                                        it->second.second));
  }
  // Every directory on the way must not be a file, and must be spelled as before.
  std::vector<std::pair<std::string, std::string>> new_dirs;  // folded, spelling
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    std::string dir = path.substr(0, slash);
    std::string folded_dir = folded.substr(0, slash);
    if (auto it = folded_files_.find(folded_dir); it != folded_files_.end()) {
      throw OutputError(path, fmt::format("its directory `{}` is a file already added as `{}`",
                                          dir, it->second));
    }
    if (auto it = folded_dirs_.find(folded_dir); it != folded_dirs_.end()) {
      if (it->second.first != dir) {
        throw OutputError(path, fmt::format("its directory `{}` differs only by case from `{}` "
                                            "(of `{}`); case-insensitive file systems would merge "
                                            "them",
                                            dir, it->second.first, it->second.second));
      }
    } else {
      new_dirs.emplace_back(std::move(folded_dir), std::move(dir));
    }
  }

  if (options.user_code) {
    if (options.user_code->prefix.empty()) {
      throw OutputError(path, "the user-code comment syntax has an empty prefix");
    }
    RegionScan scan = extract_user_regions(contents, *options.user_code);
    if (!scan.ok()) {
      const RegionProblem& first = scan.problems.front();
      throw OutputError(path, fmt::format("line {}: {}", first.line, first.message));
    }
    for (const UserRegion& region : scan.regions) {
      if (auto it = region_keys_.find(region.key); it != region_keys_.end()) {
        throw OutputError(path, fmt::format("user-code key `{}` is already used in `{}`; keys "
                                            "must be unique in a project",
                                            region.key, it->second));
      }
    }
    for (const UserRegion& region : scan.regions) region_keys_.emplace(region.key, path);
  }

  for (auto& [folded_dir, dir] : new_dirs) {
    folded_dirs_.emplace(std::move(folded_dir), std::pair(std::move(dir), path));
  }
  folded_files_.emplace(std::move(folded), path);
  auto [it, inserted] = files_.emplace(
      path, OutputFile{path, std::move(contents), options.kind, std::move(options.user_code)});
  return it->second;
}

const OutputFile* OutputDirectory::find(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace bpc::backends
