#pragma once

// One archive of a generation job's artifacts: the files a job's backends wrote, downloadable in
// a single response as a .tar.gz or a .zip. Archives are content-addressed like every other blob
// (blob_store.h), so the same files must always give the same bytes, whenever and wherever they
// are written. Nothing about the writing machine or moment goes in:
//   - every entry is a regular file, mode 0644, owner and group 0 with no names, modified at the
//     Unix epoch. In a zip the epoch is before the first DOS date, so its DOS time is
//     1980-01-01 00:00:00; libarchive derives that field in the local time zone, and the epoch is
//     the one modification time that comes out the same in every zone.
//   - no directory entries: extractors create a file's parent directories themselves.
//   - entries are written in the order given, names in UTF-8 whatever the process's locale.
//   - tar is POSIX pax (restricted: an extended header only where ustar cannot hold a name, and
//     then with no times in it) in a gzip stream whose header has no timestamp and no file name.
//   - zip entries are deflated; their extra fields are libarchive's extended timestamp (the
//     epoch) and Unix owner (0, 0).
// The compressed bytes are zlib's: the same for a given zlib build, so a different zlib
// implementation may deflate the same files differently.
//
// Entry paths come from backends, which write only under their output directory; the writer
// checks them again so that no archive it makes can write outside the directory it is extracted
// into.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpc::service {

enum class ArchiveFormat : std::uint8_t { TarGz, Zip };

// "tar.gz" (or "tgz") and "zip"; nothing for any other name.
std::optional<ArchiveFormat> parse_archive_format(std::string_view name);
// The Content-Type of an archive: application/gzip or application/zip.
std::string_view archive_media_type(ArchiveFormat format);
// The file name extension, with its dot: ".tar.gz" or ".zip".
std::string_view archive_extension(ArchiveFormat format);

struct ArchiveEntry {
  std::string path;  // relative, '/'-separated, UTF-8
  std::string contents;
};

// Writes the entries, in the order given, into one archive in memory. Throws
// std::invalid_argument for a path that is empty, absolute, not UTF-8, longer than 4096 bytes, or
// holds a NUL, a backslash or an empty, "." or ".." segment; std::runtime_error when libarchive
// fails.
std::string write_archive(ArchiveFormat format, const std::vector<ArchiveEntry>& entries);

}  // namespace bpc::service
