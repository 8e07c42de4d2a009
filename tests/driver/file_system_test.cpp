// The file systems a compilation reads through: path normalisation, the in-memory file system,
// and overlays of unsaved buffers over the disk and over memory.

#include "driver/file_system.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace bpc::driver {
namespace {

std::string text_of(const ReadResult& result) {
  if (const auto* error = std::get_if<FileError>(&result)) return "error: " + error->message;
  return std::get<std::string>(result);
}

TEST(NormalizePath, RemovesDotsAndRepeatedSlashes) {
  EXPECT_EQ(normalize_path("a/./b//c/../d"), "a/b/d");
  EXPECT_EQ(normalize_path("/a/../../b"), "/b");
  EXPECT_EQ(normalize_path("../x/../../y"), "../../y");
  EXPECT_EQ(normalize_path("./"), ".");
  EXPECT_EQ(normalize_path("/"), "/");
}

TEST(PathIsWithin, ComparesWholeComponents) {
  EXPECT_TRUE(path_is_within("/a/b", "/a"));
  EXPECT_TRUE(path_is_within("/a", "/a"));
  EXPECT_FALSE(path_is_within("/ab", "/a"));
  EXPECT_TRUE(path_is_within("/anything", "/"));
}

TEST(MemoryFileSystem, HoldsFilesAndImpliesDirectories) {
  MemoryFileSystem files;
  files.add("app/main.bpl", "entity A {}");
  EXPECT_EQ(text_of(files.read("/app/main.bpl", 100)), "entity A {}");
  EXPECT_EQ(text_of(files.read("app/../app/main.bpl", 100)), "entity A {}");
  const ResolveResult directory = files.resolve("app");
  ASSERT_TRUE(std::holds_alternative<ResolvedPath>(directory));
  EXPECT_EQ(std::get<ResolvedPath>(directory).kind, FileKind::Directory);
  EXPECT_EQ(text_of(files.read("app", 100)), "error: it is a directory");
  EXPECT_EQ(text_of(files.read("missing.bpl", 100)), "error: no such file");
  EXPECT_EQ(text_of(files.read("app/main.bpl", 3)), "error: it is 11 bytes; the limit is 3 bytes");
}

TEST(OverlayFileSystem, BuffersReplaceAndAddFiles) {
  MemoryFileSystem base;
  base.add("main.bpl", "on disk");
  OverlayFileSystem overlay(base);
  overlay.set("main.bpl", "unsaved");
  overlay.set("new.bpl", "never saved");
  EXPECT_EQ(text_of(overlay.read("main.bpl", 100)), "unsaved");
  EXPECT_EQ(text_of(overlay.read("new.bpl", 100)), "never saved");
  EXPECT_EQ(text_of(base.read("main.bpl", 100)), "on disk");
  overlay.remove("main.bpl");
  EXPECT_EQ(text_of(overlay.read("main.bpl", 100)), "on disk");
}

TEST(OverlayFileSystem, ABufferOverAFileReachedThroughALinkOverlaysThatFile) {
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("bpc-overlay-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory / "real");
  std::ofstream(directory / "real" / "a.bpl") << "on disk";
  std::filesystem::create_directory_symlink(directory / "real", directory / "link");
  const DiskFileSystem disk;
  OverlayFileSystem overlay(disk);
  overlay.set((directory / "link" / "a.bpl").string(), "unsaved");
  EXPECT_EQ(text_of(overlay.read((directory / "real" / "a.bpl").string(), 100)), "unsaved");
  std::filesystem::remove_all(directory);
}

TEST(DiskFileSystem, RefusesWhatIsNotARegularFileWithoutReadingIt) {
  const DiskFileSystem disk;
  EXPECT_EQ(text_of(disk.read("/dev/zero", 1 << 20)), "error: it is a device, not a regular file");
  EXPECT_EQ(text_of(disk.read("/", 1 << 20)), "error: it is a directory");
  const std::string fifo = (std::filesystem::temp_directory_path() / ("bpc-fifo-" + std::to_string(::getpid()))).string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Without a writer, reading a FIFO would block forever: it must be refused at once.
  EXPECT_EQ(text_of(disk.read(fifo, 1 << 20)), "error: it is a FIFO, not a regular file");
  ::unlink(fifo.c_str());
  EXPECT_EQ(text_of(disk.read(std::string("a\0b", 3), 100)), "error: the path holds a NUL byte");
}

}  // namespace
}  // namespace bpc::driver
