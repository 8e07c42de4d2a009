#pragma once

// `bpc build --plugin MANIFEST`: plugins (driver/plugin.h) as targets of the build. Their
// manifests are read before anything is built; each runs, sandboxed, after the built-in targets,
// and its files are written to OUT/<its id>/ by the same writer (so stale files are removed and
// user edits protected as for any target). What a plugin reports, and why it failed, are coded
// diagnostics (BP3004-BP3007).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backends/output/writer.h"
#include "cli/diagnostic_options.h"
#include "driver/build.h"
#include "driver/plugin.h"

namespace bpc::cli {

// Reads the manifests and the KEY=VALUE options; on a problem prints it and returns the exit code.
std::optional<int> read_plugins(const std::vector<std::string>& manifest_files, const std::vector<std::string>& option_flags,
                                const DiagnosticOptions& printing, std::vector<driver::PluginManifest>& plugins,
                                std::map<std::string, std::string>& options);

// Runs one plugin and writes what it generated under `out`/<id>; its problems go to `diagnostics`.
driver::TargetResult run_plugin_target(const driver::PluginManifest& plugin, const ir::Module& module,
                                       const std::map<std::string, std::string>& options, const std::filesystem::path& out,
                                       const backends::WriteOptions& write_options, DiagnosticEngine& diagnostics);

}  // namespace bpc::cli
