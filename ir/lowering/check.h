#pragma once

// The whole front half of the compiler in one call: load the program (files and imports), check
// literal values, and, when the program has no syntax errors, lower it to IR with every semantic
// check. Syntax errors stop it before lowering: a declaration the parser could not read would
// otherwise resurface as a cascade of "unknown name" errors.

#include <optional>

#include "ir/ir.h"
#include "ir/lowering/program.h"

namespace bpc::lowering {

struct CheckResult {
  Program program;
  std::optional<ir::Module> module;  // absent when syntax errors stopped the check
};

CheckResult check_program(SourceManager& sources, const std::vector<std::string>& roots,
                          const LoadOptions& options, DiagnosticEngine& diagnostics);

// The same for a program already loaded: literal checks, then lowering unless errors so far.
std::optional<ir::Module> check_loaded(const Program& program, DiagnosticEngine& diagnostics);

}  // namespace bpc::lowering
