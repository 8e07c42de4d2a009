#include "backends/output/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

namespace bpc::backends {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr int kManifestVersion = 1;

std::string fold(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string errno_text(int error) { return std::strerror(error); }

// --- Disk access that never follows a symbolic link under the root ---------------------------

struct Probe {
  enum State {
    Absent,     // the path (or a directory on the way) does not exist
    File,       // a regular file
    Symlink,    // a symbolic link at or above the path
    NotFile,    // a directory or special file at the path
    Blocked,    // a directory on the way is a file
  } state = Absent;
  std::string detail;  // the offending relative path, for Symlink and Blocked
  dev_t device = 0;
  ino_t inode = 0;
  mode_t mode = 0;
};

Probe probe(const fs::path& root, std::string_view relative) {
  Probe result;
  fs::path full = root;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = relative.find('/', start);
    bool last = slash == std::string_view::npos;
    full /= std::string(relative.substr(start, last ? std::string_view::npos : slash - start));
    std::string shown(relative.substr(0, last ? relative.size() : slash));
    struct stat st {};
    if (::lstat(full.c_str(), &st) != 0) {
      result.state = Probe::Absent;
      return result;
    }
    if (S_ISLNK(st.st_mode)) {
      result.state = Probe::Symlink;
      result.detail = shown;
      return result;
    }
    if (last) {
      result.state = S_ISREG(st.st_mode) ? Probe::File : Probe::NotFile;
      result.device = st.st_dev;
      result.inode = st.st_ino;
      result.mode = st.st_mode & 07777;
      return result;
    }
    if (!S_ISDIR(st.st_mode)) {
      result.state = Probe::Blocked;
      result.detail = shown;
      return result;
    }
    start = slash + 1;
  }
}

// The reason a probed path cannot be read or written, or nullopt.
std::optional<std::string> probe_problem(const Probe& p) {
  switch (p.state) {
    case Probe::Symlink:
      return fmt::format("refusing to follow the symbolic link `{}` inside the output directory",
                         p.detail);
    case Probe::NotFile:
      return std::string("a directory or special file is in the way");
    case Probe::Blocked:
      return fmt::format("`{}` is a file, not a directory", p.detail);
    default:
      return std::nullopt;
  }
}

// Reads a regular file without following a final symbolic link.
std::optional<std::string> read_file(const fs::path& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    error = fmt::format("cannot read it: {}", errno_text(errno));
    return std::nullopt;
  }
  std::string data;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = fmt::format("cannot read it: {}", errno_text(errno));
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

// Creates the missing directories of `relative`'s parent, one at a time (probe() has checked
// that none of the existing ones is a link).
bool make_parents(const fs::path& root, std::string_view relative, std::string& error) {
  fs::path full = root;
  std::size_t start = 0;
  for (std::size_t slash = relative.find('/'); slash != std::string_view::npos;
       slash = relative.find('/', start)) {
    full /= std::string(relative.substr(start, slash - start));
    if (::mkdir(full.c_str(), 0777) != 0 && errno != EEXIST) {
      error = fmt::format("cannot create directory `{}`: {}", relative.substr(0, slash),
                          errno_text(errno));
      return false;
    }
    struct stat st {};
    if (::lstat(full.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      error = fmt::format("`{}` is not a directory", relative.substr(0, slash));
      return false;
    }
    start = slash + 1;
  }
  return true;
}

// Writes `bytes` to a temporary file next to `path` and renames it over `path`.
bool write_atomically(const fs::path& path, std::string_view bytes, std::optional<mode_t> mode,
                      std::string& error) {
  static std::atomic<unsigned> counter{0};
  fs::path temp = path.parent_path() /
                  fmt::format("{}{}-{}", kTemporaryFilePrefix, static_cast<long>(::getpid()), counter++);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    error = fmt::format("cannot create a temporary file: {}", errno_text(errno));
    return false;
  }
  auto fail = [&](std::string_view what) {
    error = fmt::format("{}: {}", what, errno_text(errno));
    ::close(fd);
    ::unlink(temp.c_str());
    return false;
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write it");
    }
    done += static_cast<std::size_t>(n);
  }
  if (mode && ::fchmod(fd, *mode) != 0) return fail("cannot set its permissions");
  if (::close(fd) != 0) {
    error = fmt::format("cannot write it: {}", errno_text(errno));
    ::unlink(temp.c_str());
    return false;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    error = fmt::format("cannot replace it: {}", errno_text(errno));
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

// Removes the directories above `relative` that are now empty, deepest first.
void remove_empty_parents(const fs::path& root, std::string_view relative) {
  for (std::size_t slash = relative.rfind('/'); slash != std::string_view::npos && slash > 0;
       slash = relative.rfind('/', slash - 1)) {
    fs::path dir = root / std::string(relative.substr(0, slash));
    if (::rmdir(dir.c_str()) != 0) return;  // not empty (or not ours to judge): stop
  }
}

// --- The manifest ------------------------------------------------------------------------------

struct ManifestEntry {
  std::string sha256;
  std::optional<CommentSyntax> user_code;
  // For each region, the SHA-256 of the default content bpc generated for it: a region whose
  // content still equals it holds no user code and is not saved when it is orphaned.
  std::map<std::string, std::string, std::less<>> region_defaults;
  // The hash an interrupted run was writing (from the pending manifest): the file on disk may
  // hold either text. Not saved.
  std::optional<std::string> pending_sha256;

  bool matches(const std::string& hash) const { return hash == sha256 || (pending_sha256 && hash == *pending_sha256); }
};
using Manifest = std::map<std::string, ManifestEntry, std::less<>>;

bool is_sha256_hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Parses a manifest; on failure returns nullopt with `error` set to what is wrong.
std::optional<Manifest> parse_manifest(std::string_view text, std::string& error) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    error = "it is not valid JSON";
    return std::nullopt;
  }
  if (!document.is_object() || document.value("format", json()) != "bpc-manifest") {
    error = "it has no `\"format\": \"bpc-manifest\"`";
    return std::nullopt;
  }
  const json& version = document.value("version", json());
  if (!version.is_number_integer() || version.get<int>() != kManifestVersion) {
    error = fmt::format("its version is {}, this bpc reads version {}", version.dump(),
                        kManifestVersion);
    return std::nullopt;
  }
  auto files = document.find("files");
  if (files == document.end() || !files->is_object()) {
    error = "it has no `files` object";
    return std::nullopt;
  }
  Manifest manifest;
  for (const auto& [path, entry] : files->items()) {
    if (auto problem = OutputDirectory::check_path(path)) {
      error = fmt::format("it lists the path `{}`, which is not a valid output path: {}", path,
                          *problem);
      return std::nullopt;
    }
    if (!entry.is_object() || !entry.contains("sha256") || !entry["sha256"].is_string() ||
        !is_sha256_hex(entry["sha256"].get<std::string>())) {
      error = fmt::format("the entry of `{}` has no valid `sha256`", path);
      return std::nullopt;
    }
    ManifestEntry parsed{entry["sha256"].get<std::string>(), std::nullopt};
    if (auto markers = entry.find("user_code_markers"); markers != entry.end()) {
      if (!markers->is_object() || !markers->contains("prefix") ||
          !(*markers)["prefix"].is_string() || (*markers)["prefix"].get<std::string>().empty() ||
          !markers->contains("suffix") || !(*markers)["suffix"].is_string()) {
        error = fmt::format("the entry of `{}` has an invalid `user_code_markers`", path);
        return std::nullopt;
      }
      parsed.user_code = CommentSyntax{(*markers)["prefix"].get<std::string>(),
                                       (*markers)["suffix"].get<std::string>()};
    }
    if (auto defaults = entry.find("region_defaults"); defaults != entry.end()) {
      if (!defaults->is_object()) {
        error = fmt::format("the entry of `{}` has an invalid `region_defaults`", path);
        return std::nullopt;
      }
      for (const auto& [key, hash] : defaults->items()) {
        if (!is_valid_region_key(key) || !hash.is_string() ||
            !is_sha256_hex(hash.get<std::string>())) {
          error = fmt::format("the entry of `{}` has an invalid `region_defaults`", path);
          return std::nullopt;
        }
        parsed.region_defaults.emplace(key, hash.get<std::string>());
      }
    }
    manifest.emplace(path, std::move(parsed));
  }
  return manifest;
}

std::string serialize_manifest(const Manifest& manifest) {
  json files = json::object();
  for (const auto& [path, entry] : manifest) {
    json item = {{"sha256", entry.sha256}};
    if (entry.user_code) {
      item["user_code_markers"] = {{"prefix", entry.user_code->prefix},
                                   {"suffix", entry.user_code->suffix}};
    }
    if (!entry.region_defaults.empty()) item["region_defaults"] = entry.region_defaults;
    files[path] = std::move(item);
  }
  json document = {
      {"format", "bpc-manifest"},
      {"version", kManifestVersion},
      {"about",
       "The files bpc generated here, with the SHA-256 of each as written with its user-code "
       "regions emptied. bpc uses it to update and remove them and to detect edits; do not edit "
       "it."},
      {"files", std::move(files)},
  };
  return document.dump(2) + "\n";
}

// --- Planning and carrying out -----------------------------------------------------------------

std::string blank(std::string_view text, const std::optional<CommentSyntax>& syntax) {
  if (!syntax) return std::string(text);
  // Generated contents were checked when added, so this cannot fail for them.
  return blank_user_regions(text, *syntax).value_or(std::string(text));
}

std::string comment_line(const CommentSyntax& syntax, std::string_view text) {
  return syntax.suffix.empty() ? fmt::format("{} {}\n", syntax.prefix, text)
                               : fmt::format("{} {} {}\n", syntax.prefix, text, syntax.suffix);
}

enum class Action {
  Write,     // create or update (or leave alone when the bytes are already right)
  Remove,    // a stale generated file
  Conflict,  // left alone
  Keep,      // a scaffold file that exists
  Error,     // left alone
  Drop,      // a stale manifest entry with nothing on disk: forget it
};

// One path the writer handles: a file of the output, or a stale manifest entry.
struct Item {
  std::string path;
  const OutputFile* file = nullptr;          // null for a stale manifest entry
  const ManifestEntry* entry = nullptr;      // the manifest's entry for the file on disk
  std::string entry_path;                    // the manifest path of `entry`
  Probe where;
  bool deferred = false;                     // in the way of stale files: written after removals
  std::optional<std::string> disk;           // its current bytes, when it is a regular file
  std::optional<CommentSyntax> disk_syntax;  // how the regions in `disk` are marked
  std::vector<UserRegion> regions;           // the well-formed regions of `disk`
  bool region_source = false;                // bpc's file: its regions may be restored
  Action action = Action::Keep;
  std::optional<Conflict> conflict;          // with action Conflict, or overridden by force
  std::optional<std::string> merged;         // for Write: the contents with user code restored
  std::optional<ManifestEntry> fresh_entry;  // for Write: its manifest entry, hashed once

  // The final contents, for Write.
  std::string_view contents() const { return merged ? std::string_view(*merged) : std::string_view(file->contents); }
};

class Writer {
 public:
  Writer(const OutputDirectory& output, const fs::path& root, const WriteOptions& options)
      : output_(output), root_(root), options_(options) {
    summary_.dry_run = options.dry_run;
  }

  WriteSummary run() {
    if (!open_root() || !read_manifest() || !read_pending_manifest()) return std::move(summary_);
    items_.reserve(output_.size() + manifest_.size());
    plan_output_files();
    plan_stale_files();
    resolve_deferred();
    place_regions();
    save_orphans();
    remove_temporary_files();
    if (!write_pending_manifest()) return std::move(summary_);
    carry_out();
    write_manifest();
    sort_summary();
    return std::move(summary_);
  }

 private:
  void error(std::string path, std::string message) {
    summary_.errors.push_back({std::move(path), std::move(message)});
  }

  bool open_root() {
    std::error_code ec;
    fs::file_status status = fs::status(root_, ec);
    exists_ = fs::exists(status);
    if (exists_ && !fs::is_directory(status)) {
      error("", fmt::format("output directory `{}` is not a directory", root_.string()));
      return false;
    }
    if (!exists_ && !options_.dry_run) {
      fs::create_directories(root_, ec);
      if (ec) {
        error("", fmt::format("cannot create output directory `{}`: {}", root_.string(),
                              ec.message()));
        return false;
      }
      exists_ = true;
    }
    // The root itself may be a link; nothing below it is followed.
    ec.clear();
    base_ = exists_ ? fs::canonical(root_, ec) : root_;
    if (ec) {
      error("", fmt::format("cannot resolve `{}`: {}", root_.string(), ec.message()));
      return false;
    }
    return true;
  }

  // A file in the manifest's format in the root: what it holds, or nullopt when it is absent or
  // (with `problem` set) unreadable or corrupt.
  struct ManifestFile {
    std::string bytes;
    Manifest manifest;
  };
  std::optional<ManifestFile> read_manifest_file(std::string_view name, std::string& problem) const {
    if (!exists_) return std::nullopt;
    const Probe where = probe(base_, name);
    if (where.state == Probe::Absent) return std::nullopt;
    if (where.state != Probe::File) {
      problem = "it is not a regular file";
    } else if (auto bytes = read_file(base_ / std::string(name), problem)) {
      if (auto parsed = parse_manifest(*bytes, problem)) return ManifestFile{std::move(*bytes), std::move(*parsed)};
    }
    return std::nullopt;
  }

  bool read_manifest() {
    std::string problem;
    if (auto file = read_manifest_file(kManifestFileName, problem)) {
      manifest_bytes_ = std::move(file->bytes);
      manifest_ = std::move(file->manifest);
      return true;
    }
    if (problem.empty()) return true;  // none yet
    error(std::string(kManifestFileName),
          fmt::format("the manifest `{}` is corrupt or unreadable: {}. Nothing was written. "
                      "Delete it to start over: bpc then treats the files already there as not "
                      "its own, except those that match what it generates",
                      (root_ / std::string(kManifestFileName)).string(), problem));
    return false;
  }

  // What an interrupted run was about to write (see writer.h): its files count as bpc's, and each
  // file it was rewriting may hold the old or the new text.
  bool read_pending_manifest() {
    std::string problem;
    if (auto pending = read_manifest_file(kPendingManifestFileName, problem)) {
      pending_on_disk_ = true;
      for (auto& [path, entry] : pending->manifest) {
        const auto known = manifest_.find(path);
        if (known == manifest_.end()) {
          manifest_.emplace(path, std::move(entry));
          continue;
        }
        known->second.pending_sha256 = entry.sha256;
        known->second.region_defaults.merge(entry.region_defaults);
      }
      return true;
    }
    if (problem.empty()) return true;  // the last run finished
    error(std::string(kPendingManifestFileName),
          fmt::format("`{}`, left by a build that did not finish, is corrupt or unreadable: {}. "
                      "Nothing was written. Delete it to go on: files that build changed may then "
                      "be reported as edited, and --force overwrites them",
                      (root_ / std::string(kPendingManifestFileName)).string(), problem));
    return false;
  }

  // The temporary files a killed run left next to the files it was writing: in the directories
  // of this run's files and of the manifest's, never through a symbolic link.
  void remove_temporary_files() {
    if (options_.dry_run || !exists_) return;
    std::set<std::string> directories = {""};
    const auto add_parent = [&](std::string_view path) {
      const std::size_t slash = path.rfind('/');
      directories.emplace(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash));
    };
    for (const Item& item : items_) add_parent(item.path);
    for (const auto& [path, entry] : manifest_) add_parent(path);
    for (const std::string& directory : directories) {
      if (!directory.empty() && probe_path(directory).state != Probe::NotFile) continue;
      std::error_code ec;
      for (fs::directory_iterator it(base_ / directory, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(kTemporaryFilePrefix)) continue;
        std::error_code type_error;
        if (fs::is_regular_file(it->symlink_status(type_error))) ::unlink(it->path().c_str());
      }
    }
  }

  // Saves the manifest this run is about to make true, before it changes any file.
  bool write_pending_manifest() {
    if (options_.dry_run) return true;
    const bool changes = std::any_of(items_.begin(), items_.end(), [](const Item& item) {
      return item.action == Action::Remove ||
             (item.action == Action::Write && !(item.disk && *item.disk == item.contents()));
    });
    if (!changes) return true;
    std::string problem;
    if (!write_atomically(base_ / std::string(kPendingManifestFileName), serialize_manifest(next_manifest()),
                          std::nullopt, problem)) {
      error(std::string(kPendingManifestFileName), problem + "; nothing was written");
      return false;
    }
    pending_on_disk_ = true;
    return true;
  }

  Probe probe_path(std::string_view path) const {
    return exists_ ? probe(base_, path) : Probe{};
  }

  bool read_disk(Item& item) {
    std::string problem;
    item.disk = read_file(base_ / item.path, problem);
    if (item.disk) return true;
    item.action = Action::Error;
    error(item.path, problem);
    return false;
  }

  // Reads the regions of a file bpc generated and checks it against its manifest hash (and,
  // for an output file, against the new contents: an edit equal to them is no conflict).
  void check_edits(Item& item, const std::string* fresh_blank, bool stale) {
    item.region_source = true;
    item.disk_syntax = item.entry->user_code;
    std::optional<std::string> disk_blank = item.disk;
    if (item.disk_syntax) {
      RegionScan scan = extract_user_regions(*item.disk, *item.disk_syntax);
      item.regions = std::move(scan.regions);
      if (!scan.ok()) {
        disk_blank.reset();
        item.conflict = Conflict{
            item.path, ConflictKind::MalformedMarkers,
            fmt::format("{}its user-code markers are broken (line {}: {})",
                        stale ? "it is no longer generated, but " : "", scan.problems[0].line,
                        scan.problems[0].message)};
      } else {
        disk_blank = blank_user_regions(*item.disk, *item.disk_syntax);
      }
    }
    if (disk_blank && !item.entry->matches(sha256_hex(*disk_blank)) &&
        !(fresh_blank && *disk_blank == *fresh_blank)) {
      item.conflict =
          Conflict{item.path, ConflictKind::EditedOutsideRegions,
                   fmt::format("{} outside its user-code regions",
                               stale ? "it is no longer generated, but was edited"
                                     : "it was edited")};
    }
    if (item.conflict && !options_.force) item.action = Action::Conflict;
  }

  void plan_output_files() {
    std::unordered_map<std::string, std::string> folded_manifest;  // lowercased -> path
    for (const auto& [path, entry] : manifest_) folded_manifest.emplace(fold(path), path);

    for (const auto& [path, file] : output_) {
      Item& item = items_.emplace_back();
      item.path = path;
      item.file = &file;
      item.action = Action::Write;
      item.where = probe_path(path);
      // The manifest entry: the path's own, or one differing only by case that is the same file
      // (on a case-insensitive file system).
      if (auto it = manifest_.find(path); it != manifest_.end()) {
        item.entry = &it->second;
        item.entry_path = path;
      } else if (auto f = folded_manifest.find(fold(path));
                 f != folded_manifest.end() && item.where.state == Probe::File) {
        Probe other = probe_path(f->second);
        if (other.state == Probe::File && other.device == item.where.device &&
            other.inode == item.where.inode) {
          item.entry = &manifest_.find(f->second)->second;
          item.entry_path = f->second;
        }
      }
      if (item.entry) claimed_.insert(item.entry_path);

      if (item.where.state == Probe::Blocked || item.where.state == Probe::NotFile) {
        item.deferred = true;  // resolve_deferred() decides once stale files are known
        continue;
      }
      if (auto problem = probe_problem(item.where)) {
        item.action = Action::Error;
        error(path, *problem);
        continue;
      }
      if (item.where.state == Probe::Absent) continue;  // a new file
      if (!file.generated()) {
        item.action = Action::Keep;  // a scaffold file the user now owns
        continue;
      }
      if (!read_disk(item)) continue;
      std::string fresh_blank = blank(file.contents, file.user_code);
      if (item.entry) {
        check_edits(item, &fresh_blank, /*stale=*/false);
        continue;
      }
      // Not bpc's, unless it is what bpc generates (outside the regions): then adopt it.
      if (file.user_code) {
        RegionScan scan = extract_user_regions(*item.disk, *file.user_code);
        if (scan.ok() && blank(*item.disk, file.user_code) == fresh_blank) {
          item.region_source = true;
          item.disk_syntax = file.user_code;
          item.regions = std::move(scan.regions);
          continue;
        }
      } else if (*item.disk == fresh_blank) {
        continue;
      }
      item.action = Action::Conflict;
      item.conflict = Conflict{path, ConflictKind::NotGenerated,
                               "a file bpc did not generate is in the way; move or delete it "
                               "(--force does not overwrite files bpc did not generate)"};
    }
  }

  void plan_stale_files() {
    for (const auto& [path, entry] : manifest_) {
      if (claimed_.contains(path) || output_.contains(path)) continue;
      Item& item = items_.emplace_back();
      item.path = path;
      item.entry = &entry;
      item.entry_path = path;
      item.where = probe_path(path);
      if (item.where.state == Probe::Absent || item.where.state == Probe::Blocked) {
        item.action = Action::Drop;  // already gone
        continue;
      }
      if (auto problem = probe_problem(item.where)) {
        item.action = Action::Error;
        error(path, *problem);
        continue;
      }
      if (!read_disk(item)) continue;
      item.action = Action::Remove;
      check_edits(item, nullptr, /*stale=*/true);
    }
  }

  // An output file where a stale file or a directory of stale files is: written after they are
  // removed, when nothing else is in the way.
  void resolve_deferred() {
    std::set<std::string, std::less<>> removed;
    for (const Item& item : items_) {
      if (item.action == Action::Remove) removed.insert(item.path);
    }
    for (Item& item : items_) {
      if (!item.deferred) continue;
      bool clears = false;
      if (item.where.state == Probe::Blocked) {
        clears = removed.contains(item.where.detail);
      } else if (fs::is_directory(fs::symlink_status(base_ / item.path))) {
        clears = true;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(base_ / item.path, ec), end; !ec && it != end;
             it.increment(ec)) {
          fs::file_status status = it->symlink_status();
          if (fs::is_directory(status)) continue;
          std::string relative =
              item.path + "/" + it->path().lexically_relative(base_ / item.path).generic_string();
          if (!fs::is_regular_file(status) || !removed.contains(relative)) clears = false;
        }
        if (ec) clears = false;
      }
      if (!clears) {
        item.action = Action::Error;
        error(item.path, *probe_problem(item.where));
      }
    }
  }

  // Puts the old regions into the new contents, by key: from the file itself first, else from
  // another file bpc generated with the same comment syntax. Restoring user code can, in odd
  // cases (a region moved between comment syntaxes), break a file's markers; that file becomes
  // an error and the placement is redone without it, so no region counts as placed in a file
  // that is not written.
  void place_regions() {
    std::vector<Item*> sources;
    for (Item& item : items_) {
      if (item.region_source && !item.regions.empty()) sources.push_back(&item);
    }
    std::sort(sources.begin(), sources.end(),
              [](const Item* a, const Item* b) { return a->path < b->path; });
    while (true) {
      placed_.clear();
      Item* failed = nullptr;
      for (Item& item : items_) {
        if (!item.file || !item.file->generated() || item.action != Action::Write ||
            !item.file->user_code) {
          continue;
        }
        const CommentSyntax& syntax = *item.file->user_code;
        std::vector<UserRegion> old;
        for (const UserRegion& region : extract_user_regions(item.file->contents, syntax).regions) {
          std::optional<Placement> found;
          for (const UserRegion& mine : item.regions) {
            if (mine.key == region.key) found = Placement{&item, &mine, &item};
          }
          for (auto it = sources.begin(); !found && it != sources.end(); ++it) {
            if (*it == &item || (*it)->disk_syntax != item.file->user_code) continue;
            for (const UserRegion& theirs : (*it)->regions) {
              if (theirs.key == region.key) found = Placement{*it, &theirs, &item};
            }
          }
          if (!found) continue;
          old.push_back(*found->region);
          placed_.emplace(region.key, *found);
        }
        MergeResult merged = merge_user_regions(item.file->contents, old, syntax);
        if (!merged.ok()) {
          item.action = Action::Error;
          error(item.path, fmt::format("restoring its user code would break its markers (line "
                                       "{}: {}); it was left as it is",
                                       merged.problems[0].line, merged.problems[0].message));
          failed = &item;
          break;
        }
        item.merged = std::move(merged.text);
      }
      if (!failed) return;
    }
  }

  // Whether the item's file on disk is about to be replaced or removed.
  static bool replaced(const Item& item) {
    return (item.action == Action::Write && item.disk && item.contents() != *item.disk) ||
           item.action == Action::Remove;
  }

  // Appends regions to `<path>.orphaned-user-code`; false (with an error) when it cannot.
  bool append_orphans(const Item& item, std::vector<OrphanedRegion> orphans) {
    const std::string side = item.path + std::string(kOrphanedUserCodeSuffix);
    if (!options_.dry_run) {
      std::string problem;
      Probe where = probe_path(side);
      std::optional<std::string> existing;
      if (auto blocked = probe_problem(where)) {
        problem = *blocked;
      } else if (where.state == Probe::File) {
        existing = read_file(base_ / side, problem);
      }
      if (problem.empty()) {
        const CommentSyntax& syntax = *item.disk_syntax;
        std::string text = existing.value_or("");
        if (!existing) {
          text += comment_line(syntax, fmt::format("User code bpc took out of `{}` because its "
                                                   "user-code region is no longer generated.",
                                                   item.path));
          text += comment_line(syntax, "Copy what you still need into a user-code region, then "
                                       "delete this file. bpc never removes it.");
        }
        for (const OrphanedRegion& orphan : orphans) {
          text += '\n';
          text += begin_marker(syntax, orphan.key) + "\n";
          text += orphan.content;
          if (!orphan.content.ends_with('\n')) text += '\n';
          text += end_marker(syntax, orphan.key) + "\n";
        }
        if (make_parents(base_, side, problem)) {
          write_atomically(base_ / side, text,
                           where.state == Probe::File ? std::optional<mode_t>(where.mode)
                                                      : std::nullopt,
                           problem);
        }
      }
      if (!problem.empty()) {
        error(side, fmt::format("{}; `{}` was left as it is to keep its user code", problem,
                                item.path));
        return false;
      }
    }
    for (OrphanedRegion& orphan : orphans) {
      orphan.saved_to = side;
      summary_.orphaned.push_back(std::move(orphan));
    }
    return true;
  }

  // Whether a region of a file on disk holds anything worth saving: not blank, and not the
  // default content bpc generated for it.
  static bool holds_user_code(const Item& item, const UserRegion& region) {
    if (region.content.find_first_not_of(" \t\r\n") == std::string::npos) return false;
    if (item.entry) {
      auto it = item.entry->region_defaults.find(region.key);
      if (it != item.entry->region_defaults.end() && it->second == sha256_hex(region.content)) {
        return false;
      }
    }
    return true;
  }

  // The regions of files about to be replaced or removed that found no new place.
  // They are saved before anything is replaced; a file whose orphans cannot be saved is not.
  void save_orphans() {
    for (Item& item : items_) {
      if (!item.region_source || !replaced(item)) continue;
      std::vector<OrphanedRegion> orphans;
      for (const UserRegion& region : item.regions) {
        auto it = placed_.find(region.key);
        if (it != placed_.end() && it->second.region == &region) continue;
        if (!holds_user_code(item, region)) continue;
        orphans.push_back({item.path, region.key, region.content, ""});
      }
      if (!orphans.empty() && !append_orphans(item, std::move(orphans))) abandon(item);
    }
  }

  // Gives up on writing an item after placement: user code that was to move into it from a
  // file that is replaced or removed is saved beside that file instead.
  void abandon(Item& item) {
    item.action = Action::Error;
    for (auto& [key, placement] : placed_) {
      if (placement.target != &item || placement.source == &item) continue;
      const Item& source = *placement.source;
      if (!replaced(source) || !holds_user_code(source, *placement.region)) continue;
      append_orphans(source, {{source.path, key, placement.region->content, ""}});
    }
  }

  void write_item(Item& item) {
    if (item.disk && *item.disk == item.contents()) {
      summary_.unchanged.push_back(item.path);
      return;
    }
    if (!options_.dry_run) {
      std::string problem;
      if (item.deferred && probe_path(item.path).state != Probe::Absent) {
        problem = "the files that were in the way could not all be removed";
      } else if (make_parents(base_, item.path, problem)) {
        write_atomically(base_ / item.path, item.contents(),
                         item.disk ? std::optional<mode_t>(item.where.mode) : std::nullopt,
                         problem);
      }
      if (!problem.empty()) {
        error(item.path, std::move(problem));
        abandon(item);
        return;
      }
    }
    summary_.written.push_back(item.path);
    if (item.conflict) summary_.overridden.push_back(*item.conflict);
  }

  void carry_out() {
    for (Item& item : items_) {
      if (item.action == Action::Write && !item.deferred) write_item(item);
    }
    for (Item& item : items_) {
      if (item.action != Action::Remove) continue;
      if (!options_.dry_run) {
        if (::unlink((base_ / item.path).c_str()) != 0) {
          error(item.path, fmt::format("cannot remove it: {}", errno_text(errno)));
          item.action = Action::Error;
          continue;
        }
        remove_empty_parents(base_, item.path);
      }
      summary_.removed.push_back(item.path);
      if (item.conflict) summary_.overridden.push_back(*item.conflict);
    }
    for (Item& item : items_) {
      if (item.action == Action::Write && item.deferred) write_item(item);
    }
    for (const Item& item : items_) {
      if (item.action == Action::Conflict) summary_.conflicts.push_back(*item.conflict);
      if (item.action == Action::Keep) summary_.kept.push_back(item.path);
    }
  }

  // The manifest entry of a generated file this run writes. Both manifests (pending and final)
  // ask for it: the file is hashed once.
  static const ManifestEntry& fresh_entry(Item& item) {
    if (!item.fresh_entry) {
      const std::optional<CommentSyntax>& syntax = item.file->user_code;
      ManifestEntry& entry = item.fresh_entry.emplace();
      entry.user_code = syntax;
      entry.sha256 = syntax ? sha256_hex(blank(item.contents(), syntax)) : sha256_hex(item.contents());
      if (syntax) {
        for (const UserRegion& region : extract_user_regions(item.file->contents, *syntax).regions) {
          entry.region_defaults.emplace(region.key, sha256_hex(region.content));
        }
      }
    }
    return *item.fresh_entry;
  }

  // The manifest that describes the root once every planned action is done.
  Manifest next_manifest() {
    Manifest next;
    for (Item& item : items_) {
      switch (item.action) {
        case Action::Write:
          if (item.file->generated()) next[item.path] = fresh_entry(item);
          break;
        case Action::Conflict:
        case Action::Error:
          // Still bpc's file: keep protecting it.
          if (item.entry) next[item.entry_path] = *item.entry;
          break;
        case Action::Remove:
        case Action::Keep:
        case Action::Drop:
          break;
      }
    }
    return next;
  }

  void write_manifest() {
    if (options_.dry_run) return;
    const Manifest next = next_manifest();
    if (manifest_bytes_ || !next.empty()) {
      const std::string bytes = serialize_manifest(next);
      std::string problem;
      if (bytes != manifest_bytes_ &&
          !write_atomically(base_ / std::string(kManifestFileName), bytes, std::nullopt, problem)) {
        error(std::string(kManifestFileName), problem);
        return;  // the pending manifest stays: the next run still knows what this one wrote
      }
    }
    if (pending_on_disk_) ::unlink((base_ / std::string(kPendingManifestFileName)).c_str());
  }

  void sort_summary() {
    std::sort(summary_.written.begin(), summary_.written.end());
    std::sort(summary_.unchanged.begin(), summary_.unchanged.end());
    std::sort(summary_.removed.begin(), summary_.removed.end());
    std::sort(summary_.kept.begin(), summary_.kept.end());
    auto by_path = [](const auto& a, const auto& b) { return a.path < b.path; };
    std::stable_sort(summary_.conflicts.begin(), summary_.conflicts.end(), by_path);
    std::stable_sort(summary_.overridden.begin(), summary_.overridden.end(), by_path);
    std::stable_sort(summary_.orphaned.begin(), summary_.orphaned.end(), by_path);
    std::stable_sort(summary_.errors.begin(), summary_.errors.end(), by_path);
  }

  struct Placement {
    const Item* source;
    const UserRegion* region;
    const Item* target;
  };

  const OutputDirectory& output_;
  const fs::path root_;
  const WriteOptions options_;
  WriteSummary summary_;
  bool exists_ = false;
  fs::path base_;  // the root, resolved
  Manifest manifest_;
  std::optional<std::string> manifest_bytes_;
  bool pending_on_disk_ = false;  // .bpc-manifest.pending.json exists (read or written)
  std::vector<Item> items_;
  std::set<std::string, std::less<>> claimed_;  // manifest paths an output file stands for
  std::unordered_map<std::string, Placement> placed_;
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(context, bytes.data(), bytes.size()) == 1 &&
            EVP_DigestFinal_ex(context, digest, &length) == 1;
  EVP_MD_CTX_free(context);
  if (!ok) throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

WriteSummary write_output(const OutputDirectory& output, const fs::path& root,
                          const WriteOptions& options) {
  return Writer(output, root, options).run();
}

}  // namespace bpc::backends
