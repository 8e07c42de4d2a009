#pragma once

// The bodies of the fuzz targets, shared by the libFuzzer executables (fuzz/fuzz_*.cpp) and the
// regression test (tests/fuzz/regressions_test.cpp). Each check runs one input through the
// frontend and returns an empty string when every invariant holds, or a description of the first
// violated invariant. Crashes, sanitizer reports and hangs are found by the harness around them.

#include <string>
#include <string_view>

namespace bpc::fuzz {

// Parses `input` (parse_file + check_literals), renders the diagnostics as text (plain and
// coloured), JSON and SARIF, and checks the structural invariants of the token buffer, the syntax
// tree and the diagnostics:
//   - every token lies within the text it was lexed from;
//   - the tree is non-empty, its root covers every node, every node's token range lies within
//     the token buffer with first_token <= last_token, and every subtree nests within its
//     parent's subtree;
//   - every diagnostic span (primary, labels, fix edits) lies within its file.
std::string check_parse(std::string_view input);

// When `input` parses without errors: formats it, requires the output to parse without errors,
// and requires formatting that output to give the same text (idempotence). Inputs with parse
// errors are skipped (`bpc fmt` refuses them too) and pass.
std::string check_format(std::string_view input);

// Runs `input` as a one-file program through the whole front half of the compiler: lowering
// with every semantic check, then the pass pipeline. Requires diagnostics to lie within the
// file and, when a module comes out, its JSON form to load back and print identically.
std::string check_semantics(std::string_view input);

// When `input` checks without errors: runs every built-in backend on it, twice, each with its
// target block's options (or the defaults). A backend may refuse a construct it does not support
// (BackendLimitation); any other exception is a finding, as is output that differs between the
// two runs, a file that is not valid UTF-8, or a `.json` file that does not parse.
std::string check_backends(std::string_view input);

// Loads `input` as IR JSON. The loader must reject bad input with messages, never crash; when
// it accepts, printing the module and loading that again must round-trip exactly.
std::string check_ir_json(std::string_view input);

}  // namespace bpc::fuzz
