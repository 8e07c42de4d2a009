#pragma once

// The writer: puts an OutputDirectory on disk, safely, and says what it did.
//
// The output root may hold more than bpc's files (a generated project is where its users work),
// so the writer keeps a manifest, `.bpc-manifest.json` in the root, of the files it generated:
// for each, the SHA-256 of its contents as written with every user-code region blanked
// (user_regions.h), the comment syntax of its markers, and the SHA-256 of the default content
// bpc generated for each region. With it the writer:
//
//   - writes only files whose bytes change, so unchanged files keep their timestamps and build
//     tools stay quiet; each write goes to a temporary file in the same directory that is then
//     renamed over the target (atomic per file; the existing file's permission bits are kept);
//   - puts the user-code regions of the files on disk back into the new contents, by key and
//     across files (a region follows its key when its declaration moves to another file, among
//     files with the same comment syntax), before comparing or writing;
//   - removes the files it generated before that are no longer generated, and then the
//     directories that this leaves empty;
//   - never touches a file it did not generate: a file on disk where a generated file should go,
//     not in the manifest, is a conflict (`NotGenerated`) that `force` does NOT override, unless
//     it equals the generated file outside the user-code regions (then bpc adopts it; this is
//     how a lost manifest heals);
//   - never silently overwrites or removes a generated file the user edited outside its
//     user-code regions: the file on disk, blanked, is hashed and compared with the manifest;
//     a difference (or broken markers) is a conflict, which `force` overrides. An edit that
//     happens to equal the new generated text is not a conflict;
//   - saves user code that would be lost, i.e. the regions of a file about to be rewritten or
//     removed whose key is no longer generated anywhere and whose content is neither blank nor
//     the default bpc generated for it, by appending them, with
//     their markers, to `<path>.orphaned-user-code` next to the file (created if needed, never
//     removed by bpc) and listing them in the summary;
//   - never follows a symbolic link inside the root: a link at or above a path it would read,
//     write or remove is an error for that path (the root itself may be a link);
//   - with `dry_run`, decides everything the same way and reports it, touching nothing.
//
// Scaffold files (FileKind::Scaffold) are created when missing and otherwise left alone; they
// are not in the manifest.
//
// A manifest that cannot be read or is not what bpc writes stops the writer before it changes
// anything, with an error that says so and how to recover. The writer takes no lock: two bpc
// processes writing one root at once is unsupported. Writes are not fsync'ed.
//
// A build killed while it writes (kill -9, SIGTERM, a crash) leaves each file old or new, never a
// mix: before changing anything the writer saves the manifest it is about to write as
// `.bpc-manifest.pending.json`, and it removes that file after the real manifest is written. The
// next run reads both, so a file that holds either the old or the new generated text is bpc's
// and unedited, and a file the killed run created is known; it also removes the temporary files
// (`.bpc-tmp-*`) a killed run left next to the files it was writing.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "backends/output/output_directory.h"

namespace bpc::backends {

inline constexpr std::string_view kManifestFileName = ".bpc-manifest.json";
inline constexpr std::string_view kPendingManifestFileName = ".bpc-manifest.pending.json";
inline constexpr std::string_view kTemporaryFilePrefix = ".bpc-tmp-";
inline constexpr std::string_view kOrphanedUserCodeSuffix = ".orphaned-user-code";

struct WriteOptions {
  bool force = false;    // overwrite or remove generated files the user edited
  bool dry_run = false;  // report, change nothing
};

enum class ConflictKind : std::uint8_t {
  EditedOutsideRegions,  // a generated file changed outside its user-code regions
  MalformedMarkers,      // a generated file whose user-code markers no longer parse
  NotGenerated,          // a file bpc did not generate is in the way (force does not override)
};

struct Conflict {
  std::string path;
  ConflictKind kind = ConflictKind::EditedOutsideRegions;
  std::string message;  // one sentence, without the path
};

struct OrphanedRegion {
  std::string path;      // the file the region was in
  std::string key;
  std::string content;
  std::string saved_to;  // `<path>.orphaned-user-code`
};

struct WriteError {
  std::string path;  // empty for errors about the whole root or the manifest
  std::string message;
};

// What the writer did, or would do in a dry run. Every list is sorted by path.
struct WriteSummary {
  bool dry_run = false;
  std::vector<std::string> written;    // created or changed
  std::vector<std::string> unchanged;  // generated, bytes already right
  std::vector<std::string> removed;    // generated earlier, no longer generated
  std::vector<std::string> kept;       // scaffold files that already existed
  std::vector<Conflict> conflicts;     // left alone; need the user (or force)
  std::vector<Conflict> overridden;    // conflicts that force overrode: written or removed
  std::vector<OrphanedRegion> orphaned;
  std::vector<WriteError> errors;

  bool ok() const { return conflicts.empty() && errors.empty(); }
};

// Writes `output` under `root` (created if missing). Never throws for I/O problems: they are
// `errors` in the summary.
WriteSummary write_output(const OutputDirectory& output, const std::filesystem::path& root,
                          const WriteOptions& options = {});

// The SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace bpc::backends
