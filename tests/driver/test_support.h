#pragma once

// Helpers of the driver tests: the codes of a compilation's diagnostics, and a scratch directory.

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "frontend/diagnostics/diagnostic_engine.h"

namespace bpc::driver::testing {

inline std::vector<std::string> codes(const DiagnosticEngine& diagnostics) {
  std::vector<std::string> result;
  for (const Diagnostic& diagnostic : diagnostics.sorted()) result.emplace_back(info(diagnostic.kind).code);
  return result;
}

inline std::string messages(const DiagnosticEngine& diagnostics) {
  std::string result;
  for (const Diagnostic& diagnostic : diagnostics.sorted()) {
    result += std::string(info(diagnostic.kind).code) + ": " + diagnostic.message + "\n";
  }
  return result;
}

// A fresh directory under the system's temporary directory, removed when the object goes.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("bpc-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace bpc::driver::testing
