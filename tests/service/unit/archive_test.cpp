#include "service/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <locale.h>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>
#include <type_traits>

namespace bpc::service {
namespace {

struct ReadEntry {
  std::string path;
  std::string contents;
  unsigned mode = 0;
  la_int64_t uid = -1;
  la_int64_t gid = -1;
  std::time_t mtime = -1;
};

// Reads an archive back with libarchive's reader, detecting the format as an extractor would,
// in a UTF-8 locale (in "C" it reports that the non-ASCII names cannot be converted).
std::vector<ReadEntry> read_archive(const std::string& bytes) {
  const std::unique_ptr<std::remove_pointer_t<locale_t>, decltype(&freelocale)> utf8(
      newlocale(LC_ALL_MASK, "C.UTF-8", locale_t{}), &freelocale);
  if (!utf8) throw std::runtime_error("no C.UTF-8 locale");
  const locale_t previous = uselocale(utf8.get());
  struct Restore {
    locale_t locale;
    ~Restore() { uselocale(locale); }
  } restore{previous};
  const std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                       &archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    throw std::runtime_error(archive_error_string(reader.get()));
  }
  std::vector<ReadEntry> entries;
  archive_entry* header = nullptr;
  int status = ARCHIVE_OK;
  while ((status = archive_read_next_header(reader.get(), &header)) == ARCHIVE_OK) {
    ReadEntry& entry = entries.emplace_back();
    const char* path = archive_entry_pathname_utf8(header);
    entry.path = path != nullptr ? path : "<no UTF-8 path>";
    entry.mode = archive_entry_mode(header);
    entry.uid = archive_entry_uid(header);
    entry.gid = archive_entry_gid(header);
    entry.mtime = archive_entry_mtime(header);
    char buffer[65536];
    la_ssize_t read = 0;
    while ((read = archive_read_data(reader.get(), buffer, sizeof buffer)) > 0) {
      entry.contents.append(buffer, static_cast<std::size_t>(read));
    }
    if (read < 0) throw std::runtime_error(archive_error_string(reader.get()));
  }
  if (status != ARCHIVE_EOF) throw std::runtime_error(archive_error_string(reader.get()));
  return entries;
}

std::vector<ArchiveEntry> sample_entries() {
  std::string random(1 << 20, '\0');
  std::mt19937 generator(20240601);
  for (char& byte : random) byte = static_cast<char>(generator() & 0xff);
  // Too long for ustar's 100-byte name field even with its prefix field: a pax header holds it.
  const std::string long_path =
      "src/" + std::string(60, 'a') + "/" + std::string(110, 'b') + ".txt";
  return {
      {"README.md", "# Generated\n"},
      {"empty.txt", ""},
      {"bin/random.bin", random},
      {long_path, "deep\n"},
      {"docs/café/naïve.md", "unicode\n"},
  };
}

class ArchiveFormats : public ::testing::TestWithParam<ArchiveFormat> {};

TEST_P(ArchiveFormats, RoundTripsEveryEntryInOrderAsAPlainFile) {
  const std::vector<ArchiveEntry> entries = sample_entries();
  ASSERT_GT(entries[3].path.size(), 150u);
  const std::vector<ReadEntry> read = read_archive(write_archive(GetParam(), entries));
  ASSERT_EQ(read.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(entries[i].path);
    EXPECT_EQ(read[i].path, entries[i].path);
    EXPECT_TRUE(read[i].contents == entries[i].contents);
    EXPECT_EQ(read[i].mode, AE_IFREG | 0644u);
    EXPECT_EQ(read[i].uid, 0);
    EXPECT_EQ(read[i].gid, 0);
    EXPECT_EQ(read[i].mtime, 0);
  }
}

TEST_P(ArchiveFormats, SameEntriesGiveSameBytesAtAnyTime) {
  const std::vector<ArchiveEntry> entries = sample_entries();
  const std::string first = write_archive(GetParam(), entries);
  EXPECT_TRUE(write_archive(GetParam(), entries) == first);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(write_archive(GetParam(), entries) == first);
}

TEST_P(ArchiveFormats, BytesDoNotDependOnTheTimeZoneOrLocale) {
  const std::vector<ArchiveEntry> entries = sample_entries();
  const std::string first = write_archive(GetParam(), entries);
  const std::string previous_locale = std::setlocale(LC_ALL, nullptr);
  const char* previous_zone = std::getenv("TZ");
  const std::string saved_zone = previous_zone != nullptr ? previous_zone : "";
  // POSIX zone strings need no time zone database: UTC+14 and UTC-12, the extremes.
  for (const char* zone : {"EAST-14", "WEST+12"}) {
    for (const char* locale : {"C", "C.UTF-8"}) {
      SCOPED_TRACE(std::string(zone) + " " + locale);
      setenv("TZ", zone, 1);
      tzset();
      ASSERT_NE(std::setlocale(LC_ALL, locale), nullptr);
      EXPECT_TRUE(write_archive(GetParam(), entries) == first);
    }
  }
  std::setlocale(LC_ALL, previous_locale.c_str());
  if (previous_zone != nullptr) {
    setenv("TZ", saved_zone.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

TEST_P(ArchiveFormats, RefusesPathsThatCouldEscapeTheExtractionDirectory) {
  for (const std::string& path :
       {std::string(), std::string("/etc/passwd"), std::string("../x"), std::string("a/../../x"),
        std::string("a//b"), std::string("./a"), std::string("a/."), std::string("a/"),
        std::string("a\\b"), std::string("a\0b", 3)}) {
    SCOPED_TRACE(path);
    EXPECT_THROW(write_archive(GetParam(), {{"ok.txt", "x"}, {path, "x"}}), std::invalid_argument);
  }
}

TEST_P(ArchiveFormats, RefusesPathsThatAreNotUtf8OrTooLongToExtract) {
  for (const std::string& path : {std::string("bad\xff.txt"), std::string(4097, 'a')}) {
    EXPECT_THROW(write_archive(GetParam(), {{path, "x"}}), std::invalid_argument);
  }
  EXPECT_NO_THROW(write_archive(GetParam(), {{std::string(4096, 'a'), "x"}}));
}

INSTANTIATE_TEST_SUITE_P(Archive, ArchiveFormats,
                         ::testing::Values(ArchiveFormat::TarGz, ArchiveFormat::Zip),
                         [](const ::testing::TestParamInfo<ArchiveFormat>& info) {
                           return info.param == ArchiveFormat::TarGz ? "TarGz" : "Zip";
                         });

unsigned little_endian(const std::string& bytes, std::size_t offset, int width) {
  unsigned value = 0;
  for (int i = width - 1; i >= 0; --i) {
    value = value << 8 | static_cast<unsigned char>(bytes[offset + i]);
  }
  return value;
}

TEST(ArchiveTarGz, GzipHeaderHasNoTimestampAndNoName) {
  const std::string bytes = write_archive(ArchiveFormat::TarGz, sample_entries());
  ASSERT_GE(bytes.size(), 10u);
  EXPECT_EQ(little_endian(bytes, 0, 2), 0x8b1fu);
  EXPECT_EQ(bytes[3], 0) << "FLG: no FNAME, FCOMMENT or FEXTRA";
  EXPECT_EQ(little_endian(bytes, 4, 4), 0u) << "MTIME";
}

// The tar inside the gzip stream, decompressed by libarchive's reader.
std::string gunzip(const std::string& bytes) {
  const std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                       &archive_read_free);
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_raw(reader.get());
  archive_entry* header = nullptr;
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK ||
      archive_read_next_header(reader.get(), &header) != ARCHIVE_OK) {
    throw std::runtime_error(archive_error_string(reader.get()));
  }
  std::string tar;
  char buffer[65536];
  la_ssize_t read = 0;
  while ((read = archive_read_data(reader.get(), buffer, sizeof buffer)) > 0) {
    tar.append(buffer, static_cast<std::size_t>(read));
  }
  if (read < 0) throw std::runtime_error(archive_error_string(reader.get()));
  return tar;
}

TEST(ArchiveTarGz, PaxHeadersHoldNamesAndNoTimes) {
  const std::string tar = gunzip(write_archive(ArchiveFormat::TarGz, sample_entries()));
  EXPECT_NE(tar.find(" path=docs/café/naïve.md\n"), std::string::npos);
  EXPECT_NE(tar.find(" path=src/aaaa"), std::string::npos);
  EXPECT_EQ(tar.find("time="), std::string::npos);
  EXPECT_EQ(tar.find("hdrcharset="), std::string::npos);
}

// Every central directory entry: deflated, at DOS time 1980-01-01 00:00:00, with the extra fields
// an extended timestamp of the epoch and Unix owner 0:0, and the UTF-8 name flag where needed.
TEST(ArchiveZip, EntriesAreDeflatedAtTheFixedDosTimeWithFixedExtraFields) {
  const std::vector<ArchiveEntry> entries = sample_entries();
  const std::string bytes = write_archive(ArchiveFormat::Zip, entries);
  const std::size_t end_record = bytes.size() - 22;  // no archive comment
  ASSERT_EQ(little_endian(bytes, end_record, 4), 0x06054b50u);
  ASSERT_EQ(little_endian(bytes, end_record + 10, 2), entries.size());
  const std::string fixed_extra("UT\x05\x00\x01\x00\x00\x00\x00"
                                "ux\x0b\x00\x01\x04\x00\x00\x00\x00\x04\x00\x00\x00\x00",
                                24);
  std::size_t at = little_endian(bytes, end_record + 16, 4);
  for (const ArchiveEntry& entry : entries) {
    SCOPED_TRACE(entry.path);
    ASSERT_EQ(little_endian(bytes, at, 4), 0x02014b50u);
    const bool ascii = std::all_of(entry.path.begin(), entry.path.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    EXPECT_EQ((little_endian(bytes, at + 8, 2) >> 11) & 1, ascii ? 0u : 1u) << "UTF-8 name flag";
    EXPECT_EQ(little_endian(bytes, at + 10, 2), 8u) << "deflate";
    EXPECT_EQ(little_endian(bytes, at + 12, 2), 0x0000u) << "DOS time 00:00:00";
    EXPECT_EQ(little_endian(bytes, at + 14, 2), 0x0021u) << "DOS date 1980-01-01";
    const std::size_t name_length = little_endian(bytes, at + 28, 2);
    const std::size_t extra_length = little_endian(bytes, at + 30, 2);
    const std::size_t comment_length = little_endian(bytes, at + 32, 2);
    EXPECT_EQ(bytes.substr(at + 46, name_length), entry.path);
    EXPECT_TRUE(bytes.substr(at + 46 + name_length, extra_length) == fixed_extra);
    const std::size_t local = little_endian(bytes, at + 42, 4);
    EXPECT_EQ(little_endian(bytes, local + 10, 2), 0x0000u) << "local header DOS time";
    EXPECT_EQ(little_endian(bytes, local + 12, 2), 0x0021u) << "local header DOS date";
    at += 46 + name_length + extra_length + comment_length;
  }
}

TEST(ArchiveFormatNames, ParseTheTwoFormatsAndNothingElse) {
  EXPECT_EQ(parse_archive_format("tar.gz"), ArchiveFormat::TarGz);
  EXPECT_EQ(parse_archive_format("tgz"), ArchiveFormat::TarGz);
  EXPECT_EQ(parse_archive_format("zip"), ArchiveFormat::Zip);
  for (const char* name : {"tar", "rar", "", "ZIP", "tar.gz "}) {
    EXPECT_EQ(parse_archive_format(name), std::nullopt) << name;
  }
  EXPECT_EQ(archive_media_type(ArchiveFormat::TarGz), "application/gzip");
  EXPECT_EQ(archive_media_type(ArchiveFormat::Zip), "application/zip");
  EXPECT_EQ(archive_extension(ArchiveFormat::TarGz), ".tar.gz");
  EXPECT_EQ(archive_extension(ArchiveFormat::Zip), ".zip");
}

}  // namespace
}  // namespace bpc::service
