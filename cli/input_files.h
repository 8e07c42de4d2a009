#pragma once

// Loading the files named on a command line ("-" means standard input) into a source manager.

#include <string>
#include <vector>

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/source/source_manager.h"

namespace bpc::cli {

// Loads each path; unreadable ones are reported (BP9001) and skipped.
std::vector<FileId> load_inputs(const std::vector<std::string>& paths, SourceManager& sources,
                                DiagnosticEngine& diagnostics);

}  // namespace bpc::cli
