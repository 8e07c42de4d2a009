#pragma once

// The IR verifier: checks the invariants that every module the lowering produces, and every
// pass leaves behind, must satisfy. Where the JSON loader checks that a document is well formed
// (IDs in range, types interned), the verifier checks that the module means something
// consistent:
//
//   - every ID is in range for its store, and optional IDs are either none or in range; so are
//     state, transition and file indices (checked member by member as ir/describe.h lists them,
//     so a member added there is checked too; these come first, with the member's JSON path, and
//     the invariants below are only checked when every reference is in range);
//   - types are interned and refer only to earlier types; declared types name a declaration of
//     their kind;
//   - every field is listed by exactly the owner it names (struct, entity, event, operation or
//     transition), once;
//   - an entity's id field is one of its fields; a relation's field belongs to its source
//     entity, refers to its target, and points back at the relation; its inverse is a field of
//     the target pointing at the same relation;
//   - a workflow's state field belongs to its entity and has its states' enum as type; its
//     initial state and every transition's states are values of that enum; its guards are
//     declared;
//   - every operation is listed by exactly its API, once; generated operations name the entity
//     (and workflow and transition) they come from; routes start with `/`.
//
// `bpc` runs it after lowering and after every pass when asked (`--verify-each`), and the tests
// and fuzzers run it on everything they compile.

#include <string>
#include <vector>

#include "ir/ir.h"

namespace bpc::ir {

// One message per violated invariant (empty when the module is valid), each naming the node:
// "field #12 `email`: owner entity #3 does not list it".
std::vector<std::string> verify(const Module& module);

}  // namespace bpc::ir
