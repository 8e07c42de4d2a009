#include "service/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include "base/utf8.h"

namespace bpc::service {
namespace {

// Linux's PATH_MAX: a longer path could not be extracted (and a zip holds at most 65535 bytes).
constexpr std::size_t kMaxPathBytes = 4096;

void check_entry_path(std::string_view path) {
  // The first two refusals do not quote the path: the message may end up in JSON, which must be
  // UTF-8.
  if (path.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("archive entry path contains a NUL");
  }
  if (utf8::find_invalid(path)) throw std::invalid_argument("archive entry path is not UTF-8");
  const auto refuse = [&](std::string_view why) {
    throw std::invalid_argument("archive entry path '" + std::string(path) + "' " +
                                std::string(why));
  };
  if (path.empty()) refuse("is empty");
  if (path.size() > kMaxPathBytes) {
    refuse("is longer than " + std::to_string(kMaxPathBytes) + " bytes");
  }
  if (path.find('\\') != std::string_view::npos) refuse("contains a backslash");
  if (path.front() == '/') refuse("is absolute");
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      refuse("has an empty, '.' or '..' segment");
    }
    if (end == path.size()) break;
    start = end + 1;
  }
}

// libarchive converts names through the calling thread's locale and marks a zip entry's name as
// UTF-8 only when that locale's character set is UTF-8; the process may be in any locale (a
// program starts in "C", where libarchive 3.6 crashes writing a non-ASCII pax name). While alive,
// this makes the calling thread's locale C.UTF-8.
class Utf8LocaleScope {
 public:
  Utf8LocaleScope() {
    static const locale_t utf8 = newlocale(LC_ALL_MASK, "C.UTF-8", locale_t{});
    if (utf8 == locale_t{}) throw std::runtime_error("writing an archive needs the C.UTF-8 locale");
    previous_ = uselocale(utf8);
  }
  ~Utf8LocaleScope() { uselocale(previous_); }
  Utf8LocaleScope(const Utf8LocaleScope&) = delete;
  Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

 private:
  locale_t previous_;
};

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

[[noreturn]] void throw_archive_error(archive* writer, std::string_view doing) {
  const char* message = archive_error_string(writer);
  throw std::runtime_error("libarchive: " + std::string(doing) + ": " +
                           (message != nullptr ? message : "unknown error"));
}

// Any status but ARCHIVE_OK is an error: a warning means something was written other than asked.
void check(archive* writer, int status, std::string_view doing) {
  if (status != ARCHIVE_OK) throw_archive_error(writer, doing);
}

la_ssize_t append_to_string(archive* writer, void* sink, const void* bytes, size_t length) {
  try {
    static_cast<std::string*>(sink)->append(static_cast<const char*>(bytes), length);
    return static_cast<la_ssize_t>(length);
  } catch (const std::bad_alloc&) {
    archive_set_error(writer, ENOMEM, "out of memory for the archive");
    return -1;
  }
}

void choose_format(archive* writer, ArchiveFormat format) {
  switch (format) {
    case ArchiveFormat::TarGz:
      check(writer, archive_write_set_format_pax_restricted(writer), "choosing pax");
      check(writer, archive_write_add_filter_gzip(writer), "adding gzip");
      // A NULL value clears the option: the gzip header's MTIME is then zero.
      check(writer, archive_write_set_filter_option(writer, "gzip", "timestamp", nullptr),
            "omitting the gzip timestamp");
      return;
    case ArchiveFormat::Zip:
      check(writer, archive_write_set_format_zip(writer), "choosing zip");
      check(writer, archive_write_zip_set_compression_deflate(writer), "choosing deflate");
      return;
  }
}

void write_entry(archive* writer, const ArchiveEntry& entry) {
  const EntryPtr header(archive_entry_new(), &archive_entry_free);
  if (!header) throw std::bad_alloc();
  archive_entry_set_pathname_utf8(header.get(), entry.path.c_str());
  archive_entry_set_filetype(header.get(), AE_IFREG);
  archive_entry_set_perm(header.get(), 0644);
  archive_entry_set_size(header.get(), static_cast<la_int64_t>(entry.contents.size()));
  archive_entry_set_mtime(header.get(), 0, 0);
  archive_entry_set_uid(header.get(), 0);
  archive_entry_set_gid(header.get(), 0);
  check(writer, archive_write_header(writer, header.get()), "writing the header of " + entry.path);
  std::string_view rest = entry.contents;
  while (!rest.empty()) {
    const la_ssize_t written = archive_write_data(writer, rest.data(), rest.size());
    if (written <= 0) throw_archive_error(writer, "writing " + entry.path);
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  check(writer, archive_write_finish_entry(writer), "finishing " + entry.path);
}

}  // namespace

std::optional<ArchiveFormat> parse_archive_format(std::string_view name) {
  if (name == "tar.gz" || name == "tgz") return ArchiveFormat::TarGz;
  if (name == "zip") return ArchiveFormat::Zip;
  return std::nullopt;
}

std::string_view archive_media_type(ArchiveFormat format) {
  return format == ArchiveFormat::TarGz ? "application/gzip" : "application/zip";
}

std::string_view archive_extension(ArchiveFormat format) {
  return format == ArchiveFormat::TarGz ? ".tar.gz" : ".zip";
}

std::string write_archive(ArchiveFormat format, const std::vector<ArchiveEntry>& entries) {
  for (const ArchiveEntry& entry : entries) check_entry_path(entry.path);
  const Utf8LocaleScope utf8_locale;
  std::string bytes;
  const ArchivePtr writer(archive_write_new(), &archive_write_free);
  if (!writer) throw std::bad_alloc();
  choose_format(writer.get(), format);
  // Without this the last block is padded with zeros to 10240 bytes.
  check(writer.get(), archive_write_set_bytes_in_last_block(writer.get(), 1), "unpadding");
  check(writer.get(), archive_write_open(writer.get(), &bytes, nullptr, &append_to_string, nullptr),
        "opening");
  for (const ArchiveEntry& entry : entries) write_entry(writer.get(), entry);
  check(writer.get(), archive_write_close(writer.get()), "closing");
  return bytes;
}

}  // namespace bpc::service
