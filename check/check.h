#pragma once

// The front half of the compiler on a loaded program: check literal values, and lower it to IR with
// every semantic check, even when it has syntax errors: the declarations that parsed are checked,
// and what the broken ones would have declared suppresses follow-on errors (lowerer.h, "error
// tolerance"). A module lowered with errors is for reports only, never for code generation.
// Loading the program is the driver's (driver/program_loader.h).

#include <optional>

#include "ir/ir.h"
#include "check/lowerer.h"
#include "check/program.h"

namespace bpc::lowering {

std::optional<ir::Module> check_loaded(const Program& program, DiagnosticEngine& diagnostics,
                                       const LowerOptions& options = {});

}  // namespace bpc::lowering
