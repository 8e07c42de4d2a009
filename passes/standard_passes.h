#pragma once

// The passes of the standard pipeline. Each is documented in docs/passes.md under its name.
//
//   desugar-resources  turns each API resource into explicit operations with HTTP routes
//                      (list, get, create, update, delete, and one per workflow trigger)
//   fold-constants     writes every number in constraints and values in one canonical spelling
//   check-routes       reports two operations of one API bound to the same method and path
//   canonical-order    orders each API's operations by path, then method
//   eliminate-dead     (opt-in) removes the declarations nothing live uses, and says which

#include <memory>

#include "passes/pass_manager.h"

namespace bpc::passes {

// `parameters`: see PipelineOptions::operation_parameters.
std::unique_ptr<Pass> make_desugar_resources(bool parameters = true);
std::unique_ptr<Pass> make_fold_constants();
std::unique_ptr<Pass> make_check_routes();
std::unique_ptr<Pass> make_canonical_order();
std::unique_ptr<Pass> make_eliminate_dead();

// The canonical spelling of a decimal number: no leading zeros, no trailing fractional zeros, no
// exponent, no "-0": "1.50" -> "1.5", "1e3" -> "1000", "-0.0" -> "0". Exact (no floating point).
std::string canonical_number(std::string_view spelling);

}  // namespace bpc::passes
