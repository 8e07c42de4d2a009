// The writer, on real temporary directories: first and repeated writes, changes, removals,
// files bpc did not generate, conflicts and --force, user-code regions across regenerations,
// orphaned regions, scaffold files, dry runs, symbolic links and corrupt manifests.

#include "backends/output/writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bpc::backends {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const FileOptions kTs{.user_code = CommentSyntax::line("//")};
const FileOptions kPy{.user_code = CommentSyntax::line("#")};

std::string region(std::string_view key, std::string_view content, std::string_view indent = "") {
  return fmt::format("{0}// bpc:begin-user-code {1}\n{2}{0}// bpc:end-user-code {1}\n", indent,
                     key, content);
}

std::vector<std::string> conflict_paths(const std::vector<Conflict>& conflicts) {
  std::vector<std::string> paths;
  for (const Conflict& conflict : conflicts) paths.push_back(conflict.path);
  return paths;
}

// Every entry under a directory: path -> (type, bytes, mtime, inode).
struct Snapshot {
  struct Entry {
    fs::file_type type;
    std::string bytes;
    fs::file_time_type mtime;
    ino_t inode;
    bool operator==(const Entry&) const = default;
  };
  std::map<std::string, Entry> entries;
  bool operator==(const Snapshot&) const = default;
};

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bpc-writer-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    root_ = dir_ / "out";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path at(std::string_view relative) const { return root_ / relative; }

  std::string read(std::string_view relative) const { return slurp(at(relative)); }

  static std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  void put(std::string_view relative, std::string_view bytes) const {
    fs::create_directories(at(relative).parent_path());
    std::ofstream(at(relative), std::ios::binary) << bytes;
  }

  ino_t inode(std::string_view relative) const {
    struct stat st {};
    EXPECT_EQ(::lstat(at(relative).c_str(), &st), 0) << relative;
    return st.st_ino;
  }

  // Backdates a file so a rewrite would be visible in its mtime.
  void age(std::string_view relative) const {
    fs::last_write_time(at(relative), fs::file_time_type::clock::now() - std::chrono::hours(24));
  }

  Snapshot snapshot() const {
    Snapshot result;
    if (!fs::exists(dir_)) return result;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      struct stat st {};
      ::lstat(entry.path().c_str(), &st);
      fs::file_type type = entry.symlink_status().type();
      result.entries[entry.path().lexically_relative(dir_).generic_string()] = {
          type, type == fs::file_type::regular ? slurp(entry.path()) : "",
          fs::last_write_time(entry.path()), st.st_ino};
    }
    return result;
  }

  nlohmann::json manifest() const { return nlohmann::json::parse(read(kManifestFileName)); }

  WriteSummary write(const OutputDirectory& out, WriteOptions options = {}) const {
    return write_output(out, root_, options);
  }

  fs::path dir_;
  fs::path root_;
};

OutputDirectory project_v1() {
  OutputDirectory out;
  out.add("package.json", "{\"name\": \"clinic\"}\n");
  out.add("src/app.ts", "import x;\n" + region("app.main", "  start();\n", "  ") + "end\n", kTs);
  out.add("src/models/patient.ts", "export interface Patient {}\n", kTs);
  return out;
}

// --- First and repeated writes ------------------------------------------------------------------

TEST_F(WriterTest, FirstWriteCreatesEveryFileAndTheManifest) {
  WriteSummary summary = write(project_v1());
  EXPECT_TRUE(summary.ok());
  EXPECT_FALSE(summary.dry_run);
  EXPECT_THAT(summary.written, ElementsAre("package.json", "src/app.ts", "src/models/patient.ts"));
  EXPECT_THAT(summary.unchanged, IsEmpty());
  EXPECT_EQ(read("src/models/patient.ts"), "export interface Patient {}\n");
  EXPECT_EQ(read("src/app.ts"), project_v1().find("src/app.ts")->contents);

  nlohmann::json m = manifest();
  EXPECT_EQ(m["format"], "bpc-manifest");
  EXPECT_EQ(m["version"], 1);
  ASSERT_EQ(m["files"].size(), 3u);
  EXPECT_EQ(m["files"]["package.json"]["sha256"], sha256_hex("{\"name\": \"clinic\"}\n"));
  EXPECT_FALSE(m["files"]["package.json"].contains("user_code_markers"));
  // The hash is of the contents with user-code regions blanked.
  EXPECT_EQ(m["files"]["src/app.ts"]["sha256"],
            sha256_hex("import x;\n" + region("app.main", "", "  ") + "end\n"));
  EXPECT_EQ(m["files"]["src/app.ts"]["user_code_markers"]["prefix"], "//");
  // No temporary files are left behind.
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr(".bpc-tmp")));
  }
}

TEST(WriterHashTest, Sha256OfKnownInputs) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(WriterTest, SecondIdenticalWriteTouchesNothing) {
  write(project_v1());
  for (const char* path : {"package.json", "src/app.ts", "src/models/patient.ts",
                           ".bpc-manifest.json"}) {
    age(path);
  }
  Snapshot before = snapshot();
  WriteSummary summary = write(project_v1());
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.written, IsEmpty());
  EXPECT_THAT(summary.unchanged, ElementsAre("package.json", "src/app.ts", "src/models/patient.ts"));
  EXPECT_EQ(snapshot(), before);  // same bytes, same mtimes, same inodes, manifest included
}

TEST_F(WriterTest, OnlyChangedFilesAreRewritten) {
  write(project_v1());
  age("package.json");
  age("src/app.ts");
  ::chmod(at("src/app.ts").c_str(), 0750);
  ino_t package_inode = inode("package.json");
  auto package_mtime = fs::last_write_time(at("package.json"));

  OutputDirectory v2;
  v2.add("package.json", "{\"name\": \"clinic\"}\n");
  v2.add("src/app.ts", "import y;\n" + region("app.main", "  start();\n", "  ") + "end\n", kTs);
  v2.add("src/models/patient.ts", "export interface Patient {}\n", kTs);
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.written, ElementsAre("src/app.ts"));
  EXPECT_THAT(summary.unchanged, ElementsAre("package.json", "src/models/patient.ts"));
  EXPECT_THAT(read("src/app.ts"), HasSubstr("import y;"));
  EXPECT_EQ(inode("package.json"), package_inode);
  EXPECT_EQ(fs::last_write_time(at("package.json")), package_mtime);
  // The rewritten file keeps its permission bits.
  EXPECT_EQ(fs::status(at("src/app.ts")).permissions() & fs::perms::all,
            fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  EXPECT_EQ(manifest()["files"]["src/app.ts"]["sha256"],
            sha256_hex("import y;\n" + region("app.main", "", "  ") + "end\n"));
}

// --- Removal and files bpc did not generate -----------------------------------------------------

TEST_F(WriterTest, RemovesStaleGeneratedFilesAndTheirEmptyDirectories) {
  OutputDirectory v1 = project_v1();
  v1.add("src/old/deep/gone.ts", "x\n");
  v1.add("src/old/keep-dir/gone.ts", "y\n");
  write(v1);
  put("src/old/keep-dir/mine.txt", "user file\n");

  WriteSummary summary = write(project_v1());
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.removed, ElementsAre("src/old/deep/gone.ts", "src/old/keep-dir/gone.ts"));
  EXPECT_FALSE(fs::exists(at("src/old/deep")));
  EXPECT_EQ(read("src/old/keep-dir/mine.txt"), "user file\n");
  EXPECT_FALSE(manifest()["files"].contains("src/old/deep/gone.ts"));
  EXPECT_EQ(manifest()["files"].size(), 3u);
}

TEST_F(WriterTest, AStaleFileTheUserAlreadyDeletedIsForgotten) {
  OutputDirectory v1 = project_v1();
  v1.add("gone.ts", "x\n");
  write(v1);
  fs::remove(at("gone.ts"));
  WriteSummary summary = write(project_v1());
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.removed, IsEmpty());
  EXPECT_FALSE(manifest()["files"].contains("gone.ts"));
}

TEST_F(WriterTest, ADeletedGeneratedFileIsRecreated) {
  write(project_v1());
  fs::remove(at("src/app.ts"));
  WriteSummary summary = write(project_v1());
  EXPECT_THAT(summary.written, ElementsAre("src/app.ts"));
  EXPECT_EQ(read("src/app.ts"), project_v1().find("src/app.ts")->contents);
}

TEST_F(WriterTest, NeverTouchesFilesItDidNotGenerate) {
  put("README.md", "mine\n");
  put("src/custom/extra.ts", "mine too\n");
  write(project_v1());
  age("README.md");
  Snapshot before = snapshot();
  OutputDirectory empty;
  WriteSummary summary = write(empty, {.force = true});
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.removed, ElementsAre("package.json", "src/app.ts", "src/models/patient.ts"));
  EXPECT_EQ(read("README.md"), "mine\n");
  EXPECT_EQ(read("src/custom/extra.ts"), "mine too\n");
  Snapshot after = snapshot();
  EXPECT_EQ(after.entries["out/README.md"], before.entries["out/README.md"]);
  EXPECT_TRUE(manifest()["files"].empty());
}

TEST_F(WriterTest, AFileBpcDidNotGenerateInTheWayIsAConflictEvenWithForce) {
  put("src/app.ts", "the user's own app.ts\n");
  for (bool force : {false, true}) {
    WriteSummary summary = write(project_v1(), {.force = force});
    EXPECT_FALSE(summary.ok());
    ASSERT_EQ(summary.conflicts.size(), 1u);
    EXPECT_EQ(summary.conflicts[0].path, "src/app.ts");
    EXPECT_EQ(summary.conflicts[0].kind, ConflictKind::NotGenerated);
    EXPECT_THAT(summary.conflicts[0].message, HasSubstr("did not generate"));
    EXPECT_THAT(summary.overridden, IsEmpty());
    EXPECT_THAT(summary.written, ::testing::Contains("package.json").Times(force ? 0 : 1));
    EXPECT_EQ(read("src/app.ts"), "the user's own app.ts\n");
    EXPECT_FALSE(manifest()["files"].contains("src/app.ts"));
  }
}

TEST_F(WriterTest, AFileEqualToTheGeneratedOneIsAdopted) {
  // A lost manifest: the files are there, with user code in a region.
  OutputDirectory v1 = project_v1();
  write(v1);
  std::string app = read("src/app.ts");
  put("src/app.ts", "import x;\n" + region("app.main", "  mine();\n", "  ") + "end\n");
  fs::remove(at(kManifestFileName));

  WriteSummary summary = write(v1);
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.unchanged, ElementsAre("package.json", "src/app.ts", "src/models/patient.ts"));
  EXPECT_THAT(read("src/app.ts"), HasSubstr("mine();"));
  EXPECT_EQ(manifest()["files"].size(), 3u);
}

// --- Conflicts and force -----------------------------------------------------------------------

TEST_F(WriterTest, AnEditOutsideRegionsIsAConflictUntilForced) {
  write(project_v1());
  std::string edited = "// my comment\n" + read("src/app.ts");
  put("src/app.ts", edited);
  OutputDirectory v2;
  v2.add("package.json", "{\"name\": \"clinic2\"}\n");
  v2.add("src/app.ts", "import z;\n" + region("app.main", "  start();\n", "  ") + "end\n", kTs);
  v2.add("src/models/patient.ts", "export interface Patient {}\n", kTs);

  for (int run = 0; run < 2; ++run) {  // the conflict stays until resolved
    WriteSummary summary = write(v2);
    EXPECT_FALSE(summary.ok());
    ASSERT_EQ(summary.conflicts.size(), 1u);
    EXPECT_EQ(summary.conflicts[0].path, "src/app.ts");
    EXPECT_EQ(summary.conflicts[0].kind, ConflictKind::EditedOutsideRegions);
    EXPECT_THAT(summary.conflicts[0].message, HasSubstr("edited outside its user-code regions"));
    EXPECT_EQ(read("src/app.ts"), edited);
    EXPECT_EQ(summary.written, run == 0 ? std::vector<std::string>{"package.json"}
                                        : std::vector<std::string>{});
    // Still listed as bpc's, with the old hash, so it stays protected.
    EXPECT_EQ(manifest()["files"]["src/app.ts"]["sha256"],
              sha256_hex("import x;\n" + region("app.main", "", "  ") + "end\n"));
  }

  WriteSummary forced = write(v2, {.force = true});
  EXPECT_TRUE(forced.ok());
  EXPECT_THAT(forced.written, ElementsAre("src/app.ts"));
  EXPECT_THAT(conflict_paths(forced.overridden), ElementsAre("src/app.ts"));
  EXPECT_EQ(read("src/app.ts"), v2.find("src/app.ts")->contents);
  EXPECT_TRUE(write(v2).ok());
}

TEST_F(WriterTest, AnEditEqualToTheNewOutputIsNoConflict) {
  write(project_v1());
  put("package.json", "{\"name\": \"clinic2\"}\n");
  OutputDirectory v2;
  v2.add("package.json", "{\"name\": \"clinic2\"}\n");
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.unchanged, ElementsAre("package.json"));
}

TEST_F(WriterTest, AnEditedStaleFileIsNotRemovedUntilForced) {
  OutputDirectory v1 = project_v1();
  v1.add("src/stale.ts", "generated\n");
  write(v1);
  put("src/stale.ts", "generated\nand edited\n");

  WriteSummary summary = write(project_v1());
  EXPECT_THAT(conflict_paths(summary.conflicts), ElementsAre("src/stale.ts"));
  EXPECT_THAT(summary.conflicts[0].message, HasSubstr("no longer generated"));
  EXPECT_THAT(summary.removed, IsEmpty());
  EXPECT_TRUE(fs::exists(at("src/stale.ts")));
  EXPECT_TRUE(manifest()["files"].contains("src/stale.ts"));

  WriteSummary forced = write(project_v1(), {.force = true});
  EXPECT_TRUE(forced.ok());
  EXPECT_THAT(forced.removed, ElementsAre("src/stale.ts"));
  EXPECT_THAT(conflict_paths(forced.overridden), ElementsAre("src/stale.ts"));
  EXPECT_FALSE(fs::exists(at("src/stale.ts")));
}

TEST_F(WriterTest, BrokenMarkersAreAConflictAndForceKeepsTheIntactRegions) {
  OutputDirectory v1;
  v1.add("a.ts", region("one", "1\n") + region("two", "2\n"), kTs);
  write(v1);
  put("a.ts", region("one", "mine 1\n") + "// bpc:begin-user-code two\nmine 2\n");

  WriteSummary summary = write(v1);
  ASSERT_EQ(summary.conflicts.size(), 1u);
  EXPECT_EQ(summary.conflicts[0].kind, ConflictKind::MalformedMarkers);
  EXPECT_THAT(summary.conflicts[0].message, HasSubstr("line 4"));
  EXPECT_THAT(summary.conflicts[0].message, HasSubstr("never closed"));

  WriteSummary forced = write(v1, {.force = true});
  EXPECT_TRUE(forced.ok());
  EXPECT_EQ(read("a.ts"), region("one", "mine 1\n") + region("two", "2\n"));
}

// --- User-code regions across regenerations ----------------------------------------------------

TEST_F(WriterTest, UserCodeInARegionSurvivesRegeneration) {
  write(project_v1());
  put("src/app.ts", "import x;\n" + region("app.main", "  mine();\n  more();\n", "  ") + "end\n");
  age("src/app.ts");
  auto mtime = fs::last_write_time(at("src/app.ts"));

  // Regenerating the same output: nothing to do, the user's code stays.
  WriteSummary same = write(project_v1());
  EXPECT_TRUE(same.ok());
  EXPECT_THAT(same.unchanged, ::testing::Contains("src/app.ts"));
  EXPECT_EQ(fs::last_write_time(at("src/app.ts")), mtime);

  // A new version around the region: the region's content moves into it.
  OutputDirectory v2;
  v2.add("package.json", "{\"name\": \"clinic\"}\n");
  v2.add("src/app.ts",
         "import x;\nimport y;\nfunction main() {\n" + region("app.main", "    start();\n", "    ") +
             "}\n",
         kTs);
  v2.add("src/models/patient.ts", "export interface Patient {}\n", kTs);
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.written, ElementsAre("src/app.ts"));
  EXPECT_EQ(read("src/app.ts"), "import x;\nimport y;\nfunction main() {\n" +
                                    region("app.main", "  mine();\n  more();\n", "    ") + "}\n");
  EXPECT_THAT(summary.orphaned, IsEmpty());
}

TEST_F(WriterTest, ARegionFollowsItsKeyToAnotherFile) {
  OutputDirectory v1;
  v1.add("src/routes.ts", "routes\n" + region("Clinic.book", "  todo();\n"), kTs);
  write(v1);
  put("src/routes.ts", "routes\n" + region("Clinic.book", "  book();\n"));

  OutputDirectory v2;
  v2.add("src/routes.ts", "routes\n", kTs);
  v2.add("src/operations/book.ts", "op\n" + region("Clinic.book", "  todo();\n"), kTs);
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_EQ(read("src/operations/book.ts"), "op\n" + region("Clinic.book", "  book();\n"));
  EXPECT_EQ(read("src/routes.ts"), "routes\n");
  EXPECT_THAT(summary.orphaned, IsEmpty());
  EXPECT_FALSE(fs::exists(at("src/routes.ts.orphaned-user-code")));
}

TEST_F(WriterTest, ARegionFollowsItsKeyOutOfARemovedFile) {
  OutputDirectory v1;
  v1.add("old.py", "# bpc:begin-user-code k\npass\n# bpc:end-user-code k\n", kPy);
  write(v1);
  put("old.py", "# bpc:begin-user-code k\nprint('mine')\n# bpc:end-user-code k\n");
  OutputDirectory v2;
  v2.add("new.py", "# header\n# bpc:begin-user-code k\npass\n# bpc:end-user-code k\n", kPy);
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.removed, ElementsAre("old.py"));
  EXPECT_EQ(read("new.py"), "# header\n# bpc:begin-user-code k\nprint('mine')\n# bpc:end-user-code k\n");
  EXPECT_THAT(summary.orphaned, IsEmpty());
}

TEST_F(WriterTest, OrphanedRegionsAreSavedBesideTheFile) {
  OutputDirectory v1;
  v1.add("src/api.ts",
         "api\n" + region("Clinic.cancel", "  todo();\n") + region("Clinic.book", "  todo();\n") +
             region("Clinic.blank", ""),
         kTs);
  write(v1);
  put("src/api.ts", "api\n" + region("Clinic.cancel", "  cancel();\n") +
                        region("Clinic.book", "  book();\n") + region("Clinic.blank", "  \n"));

  OutputDirectory v2;
  v2.add("src/api.ts", "api v2\n" + region("Clinic.book", "  todo();\n"), kTs);
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  ASSERT_EQ(summary.orphaned.size(), 1u);  // a blank region is nothing to save
  EXPECT_EQ(summary.orphaned[0].path, "src/api.ts");
  EXPECT_EQ(summary.orphaned[0].key, "Clinic.cancel");
  EXPECT_EQ(summary.orphaned[0].content, "  cancel();\n");
  EXPECT_EQ(summary.orphaned[0].saved_to, "src/api.ts.orphaned-user-code");
  EXPECT_EQ(read("src/api.ts"), "api v2\n" + region("Clinic.book", "  book();\n"));
  std::string side = read("src/api.ts.orphaned-user-code");
  EXPECT_THAT(side, HasSubstr("// User code bpc took out of `src/api.ts`"));
  EXPECT_THAT(side, HasSubstr("\n" + region("Clinic.cancel", "  cancel();\n")));
  EXPECT_FALSE(manifest()["files"].contains("src/api.ts.orphaned-user-code"));

  // The next orphan is appended; the side file is never removed.
  put("src/api.ts", "api v2\n" + region("Clinic.book", "  book2();\n"));
  OutputDirectory v3;
  v3.add("src/other.ts", "other\n");
  WriteSummary next = write(v3);
  EXPECT_TRUE(next.ok());
  EXPECT_THAT(next.removed, ElementsAre("src/api.ts"));
  ASSERT_EQ(next.orphaned.size(), 1u);
  std::string appended = read("src/api.ts.orphaned-user-code");
  EXPECT_TRUE(appended.starts_with(side));
  EXPECT_THAT(appended.substr(side.size()), HasSubstr(region("Clinic.book", "  book2();\n")));
  EXPECT_TRUE(write(v3).ok());
  EXPECT_EQ(read("src/api.ts.orphaned-user-code"), appended);
}

TEST_F(WriterTest, RegionsStillHoldingTheirDefaultAreNotOrphaned) {
  OutputDirectory v1;
  v1.add("a.ts", "a\n" + region("stub", "  throw new NotImplemented();\n"), kTs);
  v1.add("b.ts", "b\n" + region("stub2", "  throw new NotImplemented();\n"), kTs);
  write(v1);
  EXPECT_EQ(manifest()["files"]["a.ts"]["region_defaults"]["stub"],
            sha256_hex("  throw new NotImplemented();\n"));
  OutputDirectory v2;
  v2.add("a.ts", "a2\n", kTs);
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_THAT(summary.removed, ElementsAre("b.ts"));
  EXPECT_THAT(summary.orphaned, IsEmpty());
  EXPECT_FALSE(fs::exists(at("a.ts.orphaned-user-code")));
  EXPECT_FALSE(fs::exists(at("b.ts.orphaned-user-code")));
}

TEST_F(WriterTest, RegionsOfAConflictingFileAreNotOrphaned) {
  OutputDirectory v1;
  v1.add("a.ts", "a\n" + region("k", "x\n"), kTs);
  write(v1);
  put("a.ts", "edited\n" + region("k", "mine\n"));
  OutputDirectory v2;
  v2.add("a.ts", "a2\n", kTs);
  WriteSummary summary = write(v2);
  EXPECT_THAT(conflict_paths(summary.conflicts), ElementsAre("a.ts"));
  EXPECT_THAT(summary.orphaned, IsEmpty());
  EXPECT_FALSE(fs::exists(at("a.ts.orphaned-user-code")));
}

// --- Scaffold files -----------------------------------------------------------------------------

TEST_F(WriterTest, ScaffoldFilesAreCreatedOnceAndThenLeftToTheUser) {
  OutputDirectory out = project_v1();
  out.add("src/handlers.ts", "export {};\n", {.kind = FileKind::Scaffold});
  WriteSummary first = write(out);
  EXPECT_THAT(first.written, ::testing::Contains("src/handlers.ts"));
  EXPECT_FALSE(manifest()["files"].contains("src/handlers.ts"));

  put("src/handlers.ts", "export const mine = 1;\n");
  WriteSummary second = write(out);
  EXPECT_TRUE(second.ok());
  EXPECT_THAT(second.kept, ElementsAre("src/handlers.ts"));
  EXPECT_EQ(read("src/handlers.ts"), "export const mine = 1;\n");

  // No longer produced: still the user's.
  EXPECT_TRUE(write(project_v1()).ok());
  EXPECT_EQ(read("src/handlers.ts"), "export const mine = 1;\n");
}

// --- Dry run ------------------------------------------------------------------------------------

TEST_F(WriterTest, DryRunReportsEverythingAndChangesNothing) {
  OutputDirectory v1 = project_v1();
  v1.add("stale.ts", "s\n");
  v1.add("edited.ts", "e\n");
  v1.add("orphans.ts", region("gone", "x\n"), kTs);
  write(v1);
  put("edited.ts", "e edited\n");
  put("orphans.ts", region("gone", "mine\n"));

  OutputDirectory v2;
  v2.add("package.json", "{\"name\": \"clinic\"}\n");
  v2.add("src/app.ts", "changed\n", kTs);
  v2.add("edited.ts", "e2\n");
  v2.add("orphans.ts", "no regions\n", kTs);
  v2.add("new/file.ts", "new\n");

  Snapshot before = snapshot();
  WriteSummary dry = write(v2, {.dry_run = true});
  EXPECT_EQ(snapshot(), before);
  EXPECT_TRUE(dry.dry_run);

  WriteSummary real = write(v2);
  EXPECT_THAT(dry.written, ElementsAre("new/file.ts", "orphans.ts", "src/app.ts"));
  EXPECT_EQ(dry.written, real.written);
  EXPECT_EQ(dry.unchanged, real.unchanged);
  EXPECT_EQ(dry.removed, real.removed);
  EXPECT_THAT(dry.removed, ElementsAre("src/models/patient.ts", "stale.ts"));
  EXPECT_THAT(conflict_paths(dry.conflicts), ElementsAre("edited.ts"));
  EXPECT_EQ(conflict_paths(dry.conflicts), conflict_paths(real.conflicts));
  ASSERT_EQ(dry.orphaned.size(), 1u);
  EXPECT_EQ(dry.orphaned[0].key, "gone");
  EXPECT_EQ(real.orphaned.size(), 1u);
}

TEST_F(WriterTest, DryRunIntoAMissingDirectoryCreatesNothing) {
  WriteSummary dry = write(project_v1(), {.dry_run = true});
  EXPECT_TRUE(dry.ok());
  EXPECT_EQ(dry.written.size(), 3u);
  EXPECT_FALSE(fs::exists(root_));
}

// --- Symbolic links -----------------------------------------------------------------------------

TEST_F(WriterTest, RefusesToWriteThroughADirectoryLink) {
  fs::create_directories(dir_ / "outside");
  fs::create_directories(root_);
  fs::create_directory_symlink(dir_ / "outside", at("src"));
  WriteSummary summary = write(project_v1());
  EXPECT_FALSE(summary.ok());
  ASSERT_EQ(summary.errors.size(), 2u);
  EXPECT_EQ(summary.errors[0].path, "src/app.ts");
  EXPECT_THAT(summary.errors[0].message, HasSubstr("symbolic link `src`"));
  EXPECT_TRUE(fs::is_empty(dir_ / "outside"));
  EXPECT_THAT(summary.written, ElementsAre("package.json"));
  EXPECT_FALSE(manifest()["files"].contains("src/app.ts"));
}

TEST_F(WriterTest, RefusesToReplaceOrRemoveAFileLink) {
  OutputDirectory v1 = project_v1();
  v1.add("stale.ts", "s\n");
  write(v1);
  put("../outside.txt", "outside\n");
  for (const char* path : {"package.json", "stale.ts"}) {
    fs::remove(at(path));
    fs::create_symlink(dir_ / "outside.txt", at(path));
  }
  WriteSummary summary = write(project_v1(), {.force = true});
  ASSERT_EQ(summary.errors.size(), 2u);
  EXPECT_EQ(summary.errors[0].path, "package.json");
  EXPECT_THAT(summary.errors[0].message, HasSubstr("symbolic link `package.json`"));
  EXPECT_EQ(summary.errors[1].path, "stale.ts");
  EXPECT_EQ(slurp(dir_ / "outside.txt"), "outside\n");
  EXPECT_TRUE(fs::is_symlink(at("package.json")));
  EXPECT_TRUE(fs::is_symlink(at("stale.ts")));
}

TEST_F(WriterTest, RefusesALinkedManifest) {
  put("../fake.json", "{}");
  fs::create_directories(root_);
  fs::create_symlink(dir_ / "fake.json", at(kManifestFileName));
  WriteSummary summary = write(project_v1());
  ASSERT_EQ(summary.errors.size(), 1u);
  EXPECT_THAT(summary.errors[0].message, HasSubstr("not a regular file"));
  EXPECT_FALSE(fs::exists(at("package.json")));
}

TEST_F(WriterTest, TheRootItselfMayBeALink) {
  fs::create_directories(dir_ / "real");
  fs::create_directory_symlink(dir_ / "real", root_);
  WriteSummary summary = write(project_v1());
  EXPECT_TRUE(summary.ok());
  EXPECT_EQ(slurp(dir_ / "real/src/app.ts"), project_v1().find("src/app.ts")->contents);
}

// --- The manifest -------------------------------------------------------------------------------

TEST_F(WriterTest, ACorruptManifestStopsEverythingWithAClearError) {
  write(project_v1());
  const std::string app = read("src/app.ts");
  OutputDirectory v2;
  v2.add("src/app.ts", "different\n", kTs);
  v2.add("brand-new.ts", "new\n");
  const std::string valid_hash(64, 'a');
  struct Case {
    std::string manifest;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {"{not json", "not valid JSON"},
           {"[]", "no `\"format\": \"bpc-manifest\"`"},
           {R"({"format": "bpc-manifest", "version": 99, "files": {}})", "version is 99"},
           {R"({"format": "bpc-manifest", "version": 1})", "no `files` object"},
           {R"({"format": "bpc-manifest", "version": 1, "files": {"a.ts": {"sha256": "xyz"}}})",
            "no valid `sha256`"},
           {R"({"format": "bpc-manifest", "version": 1, "files": {"../../etc/passwd": {"sha256": ")" +
                valid_hash + R"("}}})",
            "`../../etc/passwd`, which is not a valid output path"},
           {R"({"format": "bpc-manifest", "version": 1, "files": {"a.ts": {"sha256": ")" +
                valid_hash + R"(", "user_code_markers": {"prefix": ""}}}})",
            "invalid `user_code_markers`"},
       }) {
    put(kManifestFileName, c.manifest);
    Snapshot before = snapshot();
    WriteSummary summary = write(v2, {.force = true});
    ASSERT_EQ(summary.errors.size(), 1u) << c.manifest;
    EXPECT_EQ(summary.errors[0].path, ".bpc-manifest.json");
    EXPECT_THAT(summary.errors[0].message, HasSubstr("is corrupt"));
    EXPECT_THAT(summary.errors[0].message, HasSubstr(c.says));
    EXPECT_THAT(summary.errors[0].message, HasSubstr("Delete it to start over"));
    EXPECT_THAT(summary.written, IsEmpty());
    EXPECT_EQ(snapshot(), before);
  }
  EXPECT_EQ(read("src/app.ts"), app);
}

TEST_F(WriterTest, ManifestsAreByteIdenticalWhateverTheOrderOfAdding) {
  OutputDirectory forward;
  OutputDirectory backward;
  std::vector<std::string> paths = {"z.ts", "a/b.ts", "m.ts", "a/a.ts"};
  for (const std::string& path : paths) forward.add(path, path + "\n", kTs);
  for (auto it = paths.rbegin(); it != paths.rend(); ++it) backward.add(*it, *it + "\n", kTs);
  EXPECT_TRUE(write_output(forward, dir_ / "one").ok());
  EXPECT_TRUE(write_output(backward, dir_ / "two").ok());
  EXPECT_EQ(slurp(dir_ / "one" / kManifestFileName), slurp(dir_ / "two" / kManifestFileName));
}

TEST_F(WriterTest, NoManifestForAnEmptyOutput) {
  OutputDirectory empty;
  EXPECT_TRUE(write(empty).ok());
  EXPECT_TRUE(fs::is_directory(root_));
  EXPECT_FALSE(fs::exists(at(kManifestFileName)));
}

// --- Odd shapes ---------------------------------------------------------------------------------

TEST_F(WriterTest, ARootThatIsAFileIsAnError) {
  fs::create_directories(dir_);
  std::ofstream(root_) << "file";
  WriteSummary summary = write(project_v1());
  ASSERT_EQ(summary.errors.size(), 1u);
  EXPECT_THAT(summary.errors[0].message, HasSubstr("is not a directory"));
}

TEST_F(WriterTest, AGeneratedFileCanBecomeADirectoryAndBack) {
  OutputDirectory v1;
  v1.add("lib/api", "file\n");
  write(v1);
  OutputDirectory v2;
  v2.add("lib/api/index.ts", "dir\n");
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok()) << (summary.errors.empty() ? "" : summary.errors[0].message);
  EXPECT_THAT(summary.removed, ElementsAre("lib/api"));
  EXPECT_EQ(read("lib/api/index.ts"), "dir\n");

  WriteSummary back = write(v1);
  EXPECT_TRUE(back.ok()) << (back.errors.empty() ? "" : back.errors[0].message);
  EXPECT_THAT(back.removed, ElementsAre("lib/api/index.ts"));
  EXPECT_EQ(read("lib/api"), "file\n");
}

TEST_F(WriterTest, ADirectoryHoldingUserFilesIsNotReplaced) {
  put("lib/api/mine.ts", "mine\n");
  OutputDirectory v1;
  v1.add("lib/api", "file\n");
  WriteSummary summary = write(v1);
  ASSERT_EQ(summary.errors.size(), 1u);
  EXPECT_EQ(summary.errors[0].path, "lib/api");
  EXPECT_EQ(read("lib/api/mine.ts"), "mine\n");
}

TEST_F(WriterTest, ARenameThatOnlyChangesCase) {
  OutputDirectory v1;
  v1.add("src/Patient.ts", "p\n");
  write(v1);
  OutputDirectory v2;
  v2.add("src/patient.ts", "p\n");
  WriteSummary summary = write(v2);
  EXPECT_TRUE(summary.ok());
  EXPECT_EQ(read("src/patient.ts"), "p\n");
  EXPECT_EQ(manifest()["files"].size(), 1u);
  EXPECT_TRUE(manifest()["files"].contains("src/patient.ts"));
  // On a case-sensitive file system the old spelling is a separate, stale file.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(at("src"))) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(names, ElementsAre("patient.ts"));
}

// --- A build killed while it writes -------------------------------------------------------------

OutputDirectory project_v2() {
  OutputDirectory out;
  out.add("package.json", "{\"name\": \"clinic\", \"version\": \"2\"}\n");
  out.add("src/app.ts", "import y;\n" + region("app.main", "  start();\n", "  ") + "end\n", kTs);
  out.add("src/models/patient.ts", "export interface Patient { name: string }\n", kTs);
  out.add("src/models/doctor.ts", "export interface Doctor {}\n", kTs);
  return out;
}

// What `bpc build` leaves when killed half-way from v1 to v2: the pending manifest (what the run
// was about to make true), some files already new, the others old, and a temporary file.
class InterruptedWriteTest : public WriterTest {
 protected:
  void leave_half_written(bool with_pending_manifest) {
    ASSERT_TRUE(write(project_v1()).ok());
    const fs::path finished = dir_ / "finished";
    ASSERT_TRUE(write_output(project_v2(), finished).ok());
    if (with_pending_manifest) fs::copy_file(finished / kManifestFileName, at(kPendingManifestFileName));
    // Written before the kill: the new package.json and the new doctor.ts; not yet: app.ts and
    // patient.ts; and the temporary file of the write that was under way.
    fs::copy_file(finished / "package.json", at("package.json"), fs::copy_options::overwrite_existing);
    fs::copy_file(finished / "src/models/doctor.ts", at("src/models/doctor.ts"));
    put("src/models/.bpc-tmp-4242-7", "export interface Patient { na");
  }
};

TEST_F(InterruptedWriteTest, TheNextBuildCompletesWithoutConflictsOrLeftovers) {
  leave_half_written(/*with_pending_manifest=*/true);
  const WriteSummary summary = write(project_v2());
  EXPECT_TRUE(summary.ok()) << ::testing::PrintToString(conflict_paths(summary.conflicts));
  EXPECT_THAT(summary.written, ElementsAre("src/app.ts", "src/models/patient.ts"));
  EXPECT_THAT(summary.unchanged, ElementsAre("package.json", "src/models/doctor.ts"));
  EXPECT_FALSE(fs::exists(at(kPendingManifestFileName)));
  EXPECT_FALSE(fs::exists(at("src/models/.bpc-tmp-4242-7")));
  EXPECT_EQ(manifest(), nlohmann::json::parse(slurp(dir_ / "finished" / kManifestFileName)));
  // And the build after it has nothing to do.
  const WriteSummary again = write(project_v2());
  EXPECT_TRUE(again.ok());
  EXPECT_THAT(again.written, IsEmpty());
}

// The user goes back to v1 after the kill: the files the killed run wrote are bpc's (v2's text,
// which the pending manifest vouches for), so they are rewritten or removed without a conflict.
TEST_F(InterruptedWriteTest, GoingBackAfterTheKillIsNoConflictEither) {
  leave_half_written(/*with_pending_manifest=*/true);
  const WriteSummary summary = write(project_v1());
  EXPECT_TRUE(summary.ok()) << ::testing::PrintToString(conflict_paths(summary.conflicts));
  EXPECT_THAT(summary.removed, ElementsAre("src/models/doctor.ts"));
  EXPECT_EQ(read("package.json"), project_v1().find("package.json")->contents);
  EXPECT_FALSE(fs::exists(at(kPendingManifestFileName)));
}

// Without the pending manifest, the same state is what a user's edit looks like: the file the
// killed run rewrote is a conflict, and the one it created is left behind as the user's. This is
// why the writer saves it before changing anything.
TEST_F(InterruptedWriteTest, WithoutThePendingManifestTheSameStateIsConflicts) {
  leave_half_written(/*with_pending_manifest=*/false);
  const WriteSummary summary = write(project_v1());
  EXPECT_THAT(conflict_paths(summary.conflicts), ElementsAre("package.json"));
  EXPECT_TRUE(fs::exists(at("src/models/doctor.ts")));
}

TEST_F(InterruptedWriteTest, AnEditAfterTheKillIsStillAConflict) {
  leave_half_written(/*with_pending_manifest=*/true);
  put("src/models/patient.ts", "export interface Patient { edited: true }\n");
  const WriteSummary summary = write(project_v2());
  EXPECT_THAT(conflict_paths(summary.conflicts), ElementsAre("src/models/patient.ts"));
  // The pending manifest stays until a run finishes cleanly... and the next run still knows.
  EXPECT_TRUE(write(project_v2(), WriteOptions{.force = true}).ok());
  EXPECT_FALSE(fs::exists(at(kPendingManifestFileName)));
}

TEST_F(InterruptedWriteTest, ACorruptPendingManifestStopsTheWriter) {
  ASSERT_TRUE(write(project_v1()).ok());
  put(kPendingManifestFileName, "{ not json");
  const WriteSummary summary = write(project_v2());
  ASSERT_EQ(summary.errors.size(), 1u);
  EXPECT_THAT(summary.errors[0].message, HasSubstr("did not finish"));
  EXPECT_EQ(read("package.json"), project_v1().find("package.json")->contents);
}

}  // namespace
}  // namespace bpc::backends
