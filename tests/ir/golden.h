#pragma once

// Golden files of the IR tests. Expectations are never edited by hand: after reviewing a change,
// regenerate them all with
//   BPC_IR_UPDATE=1 build/tests/ir/bpc_ir_tests
// and review the diff.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace bpc::ir::testing {

inline constexpr const char* kRegenerate = "BPC_IR_UPDATE=1 build/tests/ir/bpc_ir_tests";

inline std::string source_path(const std::string& relative) {
  return std::string(BPC_SOURCE_DIR) + "/" + relative;
}

inline bool updating() {
  const char* update = std::getenv("BPC_IR_UPDATE");
  return update != nullptr && std::string(update) == "1";
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Expects the file `relative` (from the source root) to hold exactly `actual`; rewrites it when
// updating.
inline void expect_golden(const std::string& relative, const std::string& actual) {
  const std::string path = source_path(relative);
  if (updating()) {
    write_text(path, actual);
    return;
  }
  EXPECT_TRUE(read_text(path) == actual)
      << relative << " is out of date; after reviewing the change, regenerate it with\n  "
      << kRegenerate;
}

}  // namespace bpc::ir::testing
