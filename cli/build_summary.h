#pragma once

// What `bpc build` and `bpc compose` print for each target they write: the counts of files
// written, unchanged and removed, the root, and in a dry run each file. Summaries go to stdout,
// unless diagnostics in JSON or SARIF do (then to stderr, so stdout stays one document).

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "backends/output/writer.h"

namespace bpc::cli {

void print_build_summary(std::ostream& out, std::string_view target, const std::filesystem::path& root,
                         const backends::WriteSummary& summary, const std::vector<std::string>& reports);

}  // namespace bpc::cli
