#pragma once

// The JSON Schema (draft 2020-12) of the IR's JSON form (ir/json.h), made from the description
// of the IR (ir/describe.h): a record's keys, their kinds and which are required follow from its
// describe(). ir/ir-schema.json is this text, committed for readers who do not run bpc; the test
// `ir_schema_up_to_date` fails when they differ (regenerate with
// `build/tests/ir/bpc_ir_schema > ir/ir-schema.json`).

#include <string>

namespace bpc::ir {

// The schema, pretty-printed with two-space indentation, ending with "\n".
std::string ir_json_schema();

}  // namespace bpc::ir
