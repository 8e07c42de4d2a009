// Every translation unit the `cpp` backend emits parses cleanly with Clang (Clang Tooling,
// in-process, `-fsyntax-only` with the project's warnings as errors) against the real headers of
// its dependencies, before the slow CMake builds of cpp_project_test.py. The project's files are
// never written: they are mapped into Clang's virtual file system under /bpc-project/.
//
// It checks the largest example (the longest OpenAPI documents) without the fixed runtime. The
// runtime, the showcase and the hostile blueprint are built with clang++-14 and -Werror by
// cpp_project_clinic_clang and cpp_project_hostile_clang, which would find the same errors: parsing
// them here as well cost 4 CPU minutes of every run of the suite. Each unit takes Clang about
// 2.5 s (cpp-httplib, GoogleTest).

#include <memory>
#include <string>
#include <vector>

#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>
#include <llvm/Support/raw_ostream.h>

#include "emitted_project.h"

namespace bpc::backends {
namespace {

constexpr std::string_view kRoot = "/bpc-project/";

// Clang's diagnostics on one translation unit of `project`; empty when it parses cleanly.
std::string syntax_errors(const OutputDirectory& project, const std::string& unit) {
  const std::vector<std::string> arguments{
      "clang++", "-fsyntax-only", "-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
      "-resource-dir=" BPC_CLANG_RESOURCE_DIR,
      "-I" + std::string(kRoot) + "include", "-I" + std::string(kRoot) + "runtime/include", "-I" + std::string(kRoot) + "tests",
      "-isystem" BPC_LIBPQ_INCLUDE_DIR,
      // What the project's CMakeLists.txt defines for the server: its migration scripts' folder.
      "-DBPC_PROJECT_MIGRATIONS=\"" + std::string(kRoot) + "migrations\"", std::string(kRoot) + unit};
  std::string report;
  llvm::raw_string_ostream stream(report);
  auto options = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  clang::TextDiagnosticPrinter printer(stream, options.get());
  auto files = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  overlay->pushOverlay(files);
  for (const auto& [path, file] : project) {
    files->addFile(std::string(kRoot) + path, 0, llvm::MemoryBuffer::getMemBufferCopy(file.contents));
  }
  auto manager = llvm::makeIntrusiveRefCnt<clang::FileManager>(clang::FileSystemOptions(), overlay);
  clang::tooling::ToolInvocation invocation(arguments, std::make_unique<clang::SyntaxOnlyAction>(), manager.get());
  invocation.setDiagnosticConsumer(&printer);
  const bool parsed = invocation.run();
  stream.flush();
  if (!parsed && report.empty()) report = "Clang could not run on " + unit;
  return report;
}

void check_project(const std::string& blueprint) {
  const OutputDirectory project = emit_cpp_project(blueprint);
  int units = 0;
  for (const auto& [path, file] : project) {
    if (!path.ends_with(".cpp") || path.starts_with("runtime/")) continue;
    ++units;
    const std::string errors = syntax_errors(project, path);
    EXPECT_TRUE(errors.empty()) << blueprint << ": " << path << "\n" << errors;
  }
  EXPECT_GE(units, 5) << "too few translation units checked";
}

TEST(CppSyntax, Crm) { check_project("examples/crm/crm.bpl"); }

// A unit that does not parse is reported with Clang's diagnostic, so the check can fail.
TEST(CppSyntax, ReportsWhatDoesNotParse) {
  OutputDirectory project;
  project.add("src/broken.cpp", "int main() { return undeclared; }\n");
  EXPECT_NE(syntax_errors(project, "src/broken.cpp").find("use of undeclared identifier 'undeclared'"), std::string::npos);
}

}  // namespace
}  // namespace bpc::backends
