#pragma once

// Hard limits of the frontend. Each one, when exceeded, produces a diagnostic naming the limit;
// none of them can crash the compiler. They exist so that hostile or broken input (a 2 GB file,
// ten thousand nested brackets, a one-line string of a hundred megabytes) fails fast and clearly.

#include <cstddef>
#include <cstdint>

namespace bpc {

// Largest source file accepted. Byte offsets are 32-bit throughout the frontend.
inline constexpr std::uint64_t kMaxSourceBytes = 512u * 1024u * 1024u;

// Longest single token (identifier, string or number); token lengths are stored in 24 bits.
inline constexpr std::uint32_t kMaxTokenBytes = (1u << 24) - 1;

// Most tokens in one file.
inline constexpr std::uint32_t kMaxTokens = 1u << 28;

// Deepest nesting of brackets of any kind (`{`, `[`, `(`, `<`) the parser descends into.
inline constexpr int kMaxNestingDepth = 256;

// Deepest type the checker accepts: every alias a type goes through, every `?`, `list` and `map`,
// and the type they end in are a level each (`B` with `type B = list<A>`, `type A = string?` is
// five). Every pass and
// backend may then follow a type, recursively, without running out of stack, and a chain of
// 20,000 aliases is one error instead of a crash.
inline constexpr int kMaxTypeDepth = 64;

// Longest name of a declaration, in bytes. Backends derive file names from declaration names,
// with suffixes (`.schema.json`) and case conversions that can almost double a name
// (`aBcD` -> `a-bc-d`); 100 bytes keeps every such file name within the 255 bytes file systems
// allow.
inline constexpr std::size_t kMaxDeclarationNameBytes = 100;

// After this many errors in one file the parser stops reporting and skips to the end.
inline constexpr int kMaxErrorsPerFile = 1000;

}  // namespace bpc
