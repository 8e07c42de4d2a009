#pragma once

// Hand-built IR modules for the printer and JSON tests, independent of the lowering: they pin the
// IR formats down before (and regardless of) what the checker produces.

#include <string_view>

#include "ir/ir.h"

namespace bpc::ir::testing {

// The source of the small module below (its locations are byte ranges in this text).
extern const std::string_view kSmallClinicSource;

// A tiny clinic: a header, one entity with two fields, a role, a policy, an API with one
// resource and the operation it desugars to. The example document of docs/ir-json.md.
Module make_small_module();

// A clinic-like module with every kind of node and of value, type, constraint, relation shape,
// operation kind and field owner, including multi-line docs and strings that need escaping.
Module make_sample_module();

}  // namespace bpc::ir::testing
