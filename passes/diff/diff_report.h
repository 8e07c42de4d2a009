#pragma once

// Printing a semantic diff (semantic_diff.h) for people and for tools.
//
// Text, one line per change, then a summary:
//
//   BREAKING(WIRE,SOURCE) field Patient.email removed [FIELD_REMOVED]  (old.bpl:12:3 -> -)
//   change field Patient.phone added (optional) [FIELD_ADDED]  (- -> new.bpl:14:3)
//   2 changes, 1 breaking (categories WIRE,HTTP,SOURCE)
//
// JSON, one document (its shape is documented in docs/diff.md and versioned by "version"):
//
//   {"version":1,"categories":["WIRE",...],"changes":[{"kind":"FIELD_REMOVED","path":...,
//    "message":...,"breaks":["WIRE","SOURCE"],"breaking":true,"old":{...},"new":null}],
//    "breaking":1}
//
// A change is *breaking* when it breaks one of the selected categories; the labels show only the
// selected categories it breaks, and the JSON lists all of them in "breaks".

#include <functional>
#include <optional>
#include <ostream>
#include <vector>

#include "frontend/source/source_manager.h"
#include "passes/diff/semantic_diff.h"

namespace bpc::diff {

// Where an IR location is in the source: the file and the byte range.
struct SourceRange {
  const SourceFile* file = nullptr;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Maps a location of the old (`is_new` false) or new module to its source; nullopt when the
// location is absent or unknown.
using Locator = std::function<std::optional<SourceRange>(bool is_new, const ir::Location&)>;

// How many changes break one of `selected`.
std::size_t count_breaking(const std::vector<Change>& changes, Categories selected);

void print_text(std::ostream& out, const std::vector<Change>& changes, Categories selected,
                const Locator& locate);
void print_json(std::ostream& out, const std::vector<Change>& changes, Categories selected,
                const Locator& locate);

}  // namespace bpc::diff
