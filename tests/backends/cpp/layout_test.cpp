// Every C++ file the `cpp` backend emits is already in the layout of the project's .clang-format:
// Clang's libFormat (in-process, the library clang-format 14 is built on) sorts its includes and
// reformats it, and nothing changes. The emitters write that layout themselves, because formatting
// a large project takes libFormat minutes (docs/backends/cpp.md); this test is what keeps them
// honest. A file that is not in the layout is reported with its first differing lines.
//
// The fixed runtime is the same in every project, so only the showcase checks it; the other
// examples and the hostile blueprint check what is generated for them.

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <clang/Format/Format.h>
#include <clang/Tooling/Core/Replacement.h>
#include <gtest/gtest.h>

#include "emitted_project.h"

namespace bpc::backends {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// The first lines where `actual` and `formatted` differ, as `-` (emitted) and `+` (libFormat).
std::string first_differences(const std::string& actual, const std::string& formatted) {
  const std::vector<std::string> emitted = lines_of(actual);
  const std::vector<std::string> wanted = lines_of(formatted);
  std::size_t first = 0;
  while (first < emitted.size() && first < wanted.size() && emitted[first] == wanted[first]) ++first;
  std::ostringstream report;
  report << "first difference at line " << first + 1 << ":\n";
  for (std::size_t i = first; i < std::min(emitted.size(), first + 6); ++i) report << "- " << emitted[i] << "\n";
  for (std::size_t i = first; i < std::min(wanted.size(), first + 6); ++i) report << "+ " << wanted[i] << "\n";
  return report.str();
}

// What clang-format would make of `code` with `style` (sorted includes, then the layout); the
// error text when libFormat refuses.
std::string formatted(const clang::format::FormatStyle& style, const std::string& path, const std::string& code) {
  const std::vector<clang::tooling::Range> whole{clang::tooling::Range(0, static_cast<unsigned>(code.size()))};
  auto sorted = clang::tooling::applyAllReplacements(code, clang::format::sortIncludes(style, code, whole, path));
  if (!sorted) return "libFormat could not sort the includes: " + llvm::toString(sorted.takeError());
  const std::vector<clang::tooling::Range> all{clang::tooling::Range(0, static_cast<unsigned>(sorted->size()))};
  auto laid_out = clang::tooling::applyAllReplacements(*sorted, clang::format::reformat(style, *sorted, all, path));
  if (!laid_out) return "libFormat could not format: " + llvm::toString(laid_out.takeError());
  return *laid_out;
}

// The project's own style: its .clang-format, read the way clang-format reads it.
clang::format::FormatStyle project_style(const OutputDirectory& project) {
  clang::format::FormatStyle style = clang::format::getGoogleStyle(clang::format::FormatStyle::LK_Cpp);
  const OutputFile* file = project.find(".clang-format");
  EXPECT_NE(file, nullptr) << "the project has no .clang-format";
  if (file == nullptr) return style;
  const std::error_code error = clang::format::parseConfiguration(file->contents, &style);
  EXPECT_FALSE(error) << ".clang-format does not parse: " << error.message();
  return style;
}

// The files of `project` that are not in its layout, each with its first differing lines.
std::string misformatted(const OutputDirectory& project, bool with_runtime, int& checked) {
  const clang::format::FormatStyle style = project_style(project);
  std::string report;
  for (const auto& [path, file] : project) {
    if (!(path.ends_with(".cpp") || path.ends_with(".h")) || (!with_runtime && path.starts_with("runtime/"))) continue;
    ++checked;
    const std::string wanted = formatted(style, path, file.contents);
    if (wanted != file.contents) report += path + ": " + first_differences(file.contents, wanted) + "\n";
  }
  return report;
}

void check_project(const std::string& blueprint, bool with_runtime) {
  const OutputDirectory project = emit_cpp_project(blueprint);
  int checked = 0;
  const std::string report = misformatted(project, with_runtime, checked);
  EXPECT_TRUE(report.empty()) << blueprint << ": files not in the layout of .clang-format\n" << report;
  EXPECT_GE(checked, with_runtime ? 35 : 10) << "too few files checked";
}

TEST(CppLayout, Showcase) { check_project("examples/clinic.bpl", true); }
TEST(CppLayout, Hostile) { check_project("tests/backends/cpp/hostile.bpl", false); }
TEST(CppLayout, Crm) { check_project("examples/crm/crm.bpl", false); }
TEST(CppLayout, Inventory) { check_project("examples/inventory/inventory.bpl", false); }
TEST(CppLayout, Suite) { check_project("examples/microapps/suite.bpl", false); }
TEST(CppLayout, Tracker) { check_project("examples/tracker/tracker.bpl", false); }

// A file out of the layout is reported with the lines libFormat would change, so the check can
// fail.
TEST(CppLayout, ReportsWhatIsNotInTheLayout) {
  OutputDirectory project;
  project.add(".clang-format", "BasedOnStyle: Google\nColumnLimit: 0\n");
  project.add("src/a.cpp", "int  main() { return 0; }\n");
  int checked = 0;
  const std::string report = misformatted(project, true, checked);
  EXPECT_EQ(checked, 1);
  EXPECT_NE(report.find("- int  main() { return 0; }\n+ int main() { return 0; }"), std::string::npos) << report;
}

}  // namespace
}  // namespace bpc::backends
