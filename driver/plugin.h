#pragma once

// Third-party backends as programs: plugins (docs/plugins.md). A plugin is an executable and a
// manifest (`plugin.json`) that names it and says what it may do. bpc runs it in a sandbox
// (runtime/sandbox.h) with the versioned IR JSON (ir/json.h) and its options as one JSON request
// on stdin, and reads one JSON answer on stdout: the files it generates and its diagnostics —
// protoc's plugin protocol, with the IR in place of descriptors. The manifest is checked when it
// is read (every field, unknown ones refused) and its sandbox policy enforced when the plugin
// runs: no network unless it asks for it, nothing visible but the system's programs and
// libraries, its own directory (read-only, at /plugin) and an empty work directory (/work), its memory, CPU,
// processes and time bounded (within bpc's own maxima whatever it asks). What it answers is
// checked like a built-in backend's output: paths stay inside the target's directory, text is
// UTF-8, and the whole answer is bounded.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backends/output/output_directory.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "ir/ir.h"

namespace bpc::driver {

inline constexpr int kPluginProtocol = 1;

struct PluginManifest {
  std::string id;       // names the target: files go to OUT/<id>/
  std::string name, version;
  std::filesystem::path directory;   // the manifest's (absolute, links resolved)
  std::filesystem::path executable;  // inside `directory` (absolute)
  std::vector<std::string> capabilities;                    // "generate"
  std::vector<std::string> required_events, emitted_events;  // the service's event types it reads and makes
  bool network = false;
  std::uint64_t max_memory_mb = 512;
  std::uint64_t max_cpu_seconds = 30;
  std::uint64_t timeout_seconds = 60;
  std::uint64_t max_processes = 32;
  // The version and the SHA-256 of the manifest and the executable: a change to either is another
  // generator (the service's result cache keys on it).
  std::string identity;
};

struct ManifestReading {
  std::optional<PluginManifest> manifest;
  std::vector<std::string> problems;  // each names the field
};
// Reads and checks `plugin.json` (or whatever the file is called).
ManifestReading read_plugin_manifest(const std::filesystem::path& file);
// Checks a manifest's text; `directory` is where it is (the executable is relative to it).
ManifestReading parse_plugin_manifest(const std::string& text, const std::filesystem::path& directory);

struct PluginMessage {
  bool error = true;  // else a warning
  std::string text;
};

struct PluginRun {
  bool ok = false;
  backends::OutputDirectory output;    // when ok
  std::vector<PluginMessage> messages;  // what the plugin reported
  std::string failure;                  // why it did not run to a usable answer, when not ok
  std::string log;                      // its stderr, up to a bound
};

// Runs `plugin` on `module` in a sandbox whose work directory is `scratch`: emptied and created
// first, removed afterwards.
PluginRun run_plugin(const PluginManifest& plugin, const ir::Module& module,
                     const std::map<std::string, std::string>& options, const std::filesystem::path& scratch);

// Reports what `run` said (BP3006, BP3007) and why it failed (BP3005) to `diagnostics`; true when
// its files may be used (it ran to an answer that reports no error).
bool report_plugin_run(const PluginManifest& plugin, const PluginRun& run, DiagnosticEngine& diagnostics);

}  // namespace bpc::driver
