// Runs every file in tests/fuzz/regressions/ through the checks of both fuzz targets
// (fuzz/fuzz_checks.h): crashes the fuzzers found, once fixed, and hand-made hostile inputs.
// To add one: copy the reproducer there under a name that says what it found. See fuzz/README.md.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz/fuzz_checks.h"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> regression_files() {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(BPC_FUZZ_REGRESSIONS_DIR, error)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A GoogleTest name: the file name with every character that is not alphanumeric replaced by `_`.
std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class FuzzRegression : public testing::TestWithParam<fs::path> {};

TEST_P(FuzzRegression, ParseInvariantsHold) {
  const std::string input = read_file(GetParam());
  EXPECT_EQ(bpc::fuzz::check_parse(input), "") << GetParam();
}

TEST_P(FuzzRegression, FormatIsStableAndReparses) {
  const std::string input = read_file(GetParam());
  EXPECT_EQ(bpc::fuzz::check_format(input), "") << GetParam();
}

TEST_P(FuzzRegression, SemanticsKeepDiagnosticsInFileAndIrRoundTrips) {
  const std::string input = read_file(GetParam());
  EXPECT_EQ(bpc::fuzz::check_semantics(input), "") << GetParam();
}

TEST_P(FuzzRegression, IrJsonLoaderNeverCrashes) {
  const std::string input = read_file(GetParam());
  EXPECT_EQ(bpc::fuzz::check_ir_json(input), "") << GetParam();
}

TEST_P(FuzzRegression, BackendsRunDeterministically) {
  const std::string input = read_file(GetParam());
  EXPECT_EQ(bpc::fuzz::check_backends(input), "") << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Regressions, FuzzRegression, testing::ValuesIn(regression_files()),
                         test_name);

// The backend check on every valid corpus file and the one-file examples, which between them use
// every construct of the language.
std::vector<fs::path> valid_files() {
  std::vector<fs::path> files;
  for (const char* directory : {BPC_CORPUS_VALID_DIR, BPC_EXAMPLES_DIR}) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".bpl") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ValidFile : public testing::TestWithParam<fs::path> {};

TEST_P(ValidFile, BackendsRunDeterministically) {
  const std::string input = read_file(GetParam());
  EXPECT_EQ(bpc::fuzz::check_backends(input), "") << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Corpus, ValidFile, testing::ValuesIn(valid_files()), test_name);

TEST(FuzzRegressions, DirectoryIsNotEmpty) {
  EXPECT_FALSE(regression_files().empty()) << "no files in " << BPC_FUZZ_REGRESSIONS_DIR;
}

}  // namespace
