#pragma once

// A file in the temporary directory with the given text, removed when the object goes.

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "bpc/runtime/events.h"

namespace bpc::testing {

class TempFile {
 public:
  // `suffix`: how the name ends (`.toml`).
  TempFile(const std::string& text, const std::string& suffix)
      : path_(std::filesystem::temp_directory_path() / ("bpc-test-" + runtime::random_uuid() + suffix)) {
    std::ofstream(path_) << text;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace bpc::testing
