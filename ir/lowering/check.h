#pragma once

// The front half of the compiler on a loaded program: check literal values, and, when the program
// has no syntax errors, lower it to IR with every semantic check. Syntax errors stop it before
// lowering: a declaration the parser could not read would otherwise resurface as a cascade of
// "unknown name" errors. Loading the program is the driver's (driver/program_loader.h).

#include <optional>

#include "ir/ir.h"
#include "ir/lowering/lowerer.h"
#include "ir/lowering/program.h"

namespace bpc::lowering {

std::optional<ir::Module> check_loaded(const Program& program, DiagnosticEngine& diagnostics,
                                       const LowerOptions& options = {});

}  // namespace bpc::lowering
