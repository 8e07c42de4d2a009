#pragma once

// The text dump of a Module (`bpc ir --format text`, IR golden tests).
//
// One line per node, children indented two spaces under their parent, every node with its ID
// (`entity #2 Patient`) and, after two spaces, its source range as `@FILE:BEGIN-END` (file index,
// then byte offsets; `file #N` lines at the top name the files). Types are written as in a
// blueprint (`list<Patient>`), constraints as decorators (`@minLength(1) @unique`), values in
// blueprint syntax, doc comments as `///` lines above their node. Fields are printed under the
// struct, entity, event, operation or transition that owns them, operations under their API.
//
// The output is deterministic: it depends only on the module, in store order. It is meant for
// people and golden tests; programs should read the JSON form (ir/json.h) instead. The printer
// never indexes out of range, even on a module that fails verification: a dangling ID is printed
// as `<invalid field #99>`.

#include <iosfwd>
#include <string>

#include "ir/ir.h"

namespace bpc::ir {

void print_module(std::ostream& out, const Module& module);

// A value as a blueprint writes it: `20`, `"Oslo"`, `[en, ar]`, `{ city: "Oslo" }`.
std::string value_text(const Value& value);

}  // namespace bpc::ir
