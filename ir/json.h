#pragma once

// The versioned JSON form of a Module: what `bpc ir --format json` prints, what out-of-process
// plugins and the service read, and what they may send back. docs/ir-json.md is the contract
// (every key, its type and meaning, the versioning policy); ir/ir-schema.json is the same
// contract as a JSON Schema, and tests/ir/ checks that the output satisfies it.
//
// The document mirrors the stores of the Module one to one: each store is an array, a node's ID
// is its index in that array, and references are plain integers (null for none). Every key is
// always present, so a reader never has to guess a default. Output is deterministic: keys in a
// fixed order, two-space indentation, a final newline.
//
// The loader trusts nothing. It checks the JSON syntax, the format tag and version, that every
// object has exactly the expected keys with values of the expected JSON types and enum
// spellings, that every ID is in range for the store it indexes (and every state or transition
// index for its enum or workflow), that types are interned (no two equal) and refer only to
// earlier types (so they are acyclic), and the nesting limits below. Each problem is reported
// with a JSON-pointer path: `/entities/3/fields/1: field index 99 out of range (42 fields)`. It
// does not check the semantic invariants of a checked module (that a field's owner lists it, that
// a relation's field is an entity reference...): that is the verifier's job. It never crashes,
// asserts or throws on bad input.
//
// Round trips are exact: module_to_json(*module_from_json(module_to_json(m))) == module_to_json(m),
// and the loaded module equals `m` member by member when `m` is canonical (members that do not
// apply to a node's kind, such as a list Type's `scalar` or a String Value's `integer`, hold their
// default values, as everything the compiler builds does).

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.h"

namespace bpc::ir {

// The format tag and the version this bpc writes and reads.
inline constexpr std::string_view kIrJsonFormat = "bpc-ir";
inline constexpr int kIrJsonVersion = 3;

// Loader limits. A checked module stays far inside them: the parser nests brackets at most 256
// deep (frontend/limits.h), and each bracket adds at most one value level or two type levels.
inline constexpr int kIrJsonMaxValueDepth = 256;  // lists and objects inside a Value
inline constexpr int kIrJsonMaxTypeDepth = 1024;  // optional, list and map wrappers
// The loader stops after this many errors.
inline constexpr std::size_t kIrJsonMaxErrors = 100;

// The JSON document for `module`, pretty-printed, ending with "\n". Strings are expected to be
// UTF-8 (everything the frontend produces is); invalid bytes are written as U+FFFD.
std::string module_to_json(const Module& module);
// The same document written to `out` as it is produced, without holding it (or a tree of it) in
// memory: what `bpc ir --format json` prints.
void write_module_json(std::ostream& out, const Module& module);

// Parses and validates a document. On success returns the module; otherwise appends one message
// per problem to `errors` (at most kIrJsonMaxErrors, then a final "too many errors") and returns
// nullopt.
std::optional<Module> module_from_json(std::string_view text, std::vector<std::string>& errors);

}  // namespace bpc::ir
