#pragma once

// The compiler run on posted or stored text, for the service: check, format, lower to IR and diff
// one blueprint held in memory. The text is the only file of an in-memory file system, so an
// `import` can reach nothing else (it is reported unresolved), and every run is held to the
// service's budgets: a compilation that runs out of time or size answers diagnostics, never
// takes the server down. Results are JSON documents in the command line's shapes
// (docs/diagnostics.md, docs/ir-json.md, docs/diff.md), so a client parses one format everywhere.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/interrupt.h"
#include "driver/budgets.h"
#include "driver/plugin.h"

namespace bpc::service {

// The limits of one compilation of posted text.
driver::Budgets service_budgets(std::uint64_t max_source_bytes, std::chrono::milliseconds time_limit);

struct CheckResult {
  std::int64_t errors = 0;
  std::int64_t warnings = 0;
  std::string diagnostics;  // JSON, as `bpc check --diagnostic-format json`
};

// `file_name` is how diagnostics name the file (`orders.bpl`).
CheckResult check_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets);

struct FormatResult {
  bool ok = false;          // false: syntax errors, see diagnostics
  std::string formatted;    // when ok
  std::string diagnostics;  // JSON
};
FormatResult format_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets);

struct IrResult {
  bool ok = false;          // false: errors, see diagnostics
  std::string module;       // the IR as JSON (`bpc ir`), when ok
  std::string diagnostics;  // JSON
};
IrResult lower_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets);

struct DiffResult {
  bool ok = false;          // false: a side has errors, see diagnostics
  std::int64_t breaking = 0;
  std::string report;       // JSON, as `bpc diff --format json`, when ok
  std::string diagnostics;  // JSON: both sides' problems
};
DiffResult diff_texts(std::string_view file_name, std::string_view before, std::string_view after,
                      const driver::Budgets& budgets);

// Generation of a stored version for `targets` (the generation jobs' worker), in memory: every
// target's files, or the diagnostics that stopped it (`ok` false; `usage` when a target is unknown
// or not built; a plugin's failure is the summary). With `previous_source`, the projects of targets that keep a relational schema
// get the SQL migrations from that earlier version (`bpc build --migrate-from`). `on_step` hears
// each target's steps; `cancellation` stops the backends.
struct GenerationInput {
  std::string_view source;
  std::vector<std::string> targets;  // built-in backends
  // Plugins to run too (driver/plugin.h), sandboxed, one after another in the work directory
  // `scratch` (made and removed for each).
  std::vector<const driver::PluginManifest*> plugins;
  std::filesystem::path scratch;
  std::optional<std::string_view> previous_source;
  bool allow_data_loss = false;  // migrations may drop columns and tables
};
struct GeneratedFile {
  std::string target, path, contents;
};
struct GenerationResult {
  bool ok = false;
  bool usage = false;
  std::vector<GeneratedFile> files;  // by target, then path
  std::string diagnostics;           // JSON
  std::string summary;               // the first error's message, when not ok
};
GenerationResult generate_text(const GenerationInput& input, const driver::Budgets& budgets,
                               CancellationToken cancellation,
                               const std::function<void(const std::string& target, std::string_view step)>& on_step);

}  // namespace bpc::service
