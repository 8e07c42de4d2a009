#include "cli/plugin_targets.h"

#include <unistd.h>

#include <iostream>

#include "cli/exit_codes.h"

namespace bpc::cli {

std::optional<int> read_plugins(const std::vector<std::string>& manifest_files, const std::vector<std::string>& option_flags,
                                const DiagnosticOptions& printing, std::vector<driver::PluginManifest>& plugins,
                                std::map<std::string, std::string>& options) {
  DiagnosticEngine diagnostics;
  for (const std::string& file : manifest_files) {
    driver::ManifestReading reading = driver::read_plugin_manifest(file);
    for (const std::string& problem : reading.problems) {
      (void)diagnostics.report<DiagnosticKind::InvalidPluginManifest>(SourceSpan{}, file, problem);
    }
    if (reading.manifest) plugins.push_back(std::move(*reading.manifest));
  }
  for (std::size_t i = 0; i < plugins.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (plugins[i].id == plugins[j].id) {
        (void)diagnostics.report<DiagnosticKind::InvalidPluginManifest>(SourceSpan{}, plugins[i].id, "two plugins have this id");
      }
    }
  }
  for (const std::string& flag : option_flags) {
    const std::size_t equals = flag.find('=');
    if (equals == std::string::npos || equals == 0) {
      std::cerr << "bpc build: --plugin-option takes KEY=VALUE, not `" << flag << "`\n";
      return kExitUsage;
    }
    options[flag.substr(0, equals)] = flag.substr(equals + 1);
  }
  if (!diagnostics.has_errors()) return std::nullopt;
  printing.print(SourceManager{}, diagnostics);
  return kExitUsage;
}

driver::TargetResult run_plugin_target(const driver::PluginManifest& plugin, const ir::Module& module,
                                       const std::map<std::string, std::string>& options, const std::filesystem::path& out,
                                       const backends::WriteOptions& write_options, DiagnosticEngine& diagnostics) {
  driver::TargetResult target;
  target.name = plugin.id;
  // The plugin's work directory: its own, emptied before and removed after the run.
  const std::filesystem::path scratch = std::filesystem::temp_directory_path() /
                                        ("bpc-plugin-" + std::to_string(::getpid()) + "-" + plugin.id);
  driver::PluginRun run = driver::run_plugin(plugin, module, options, scratch);
  const bool usable = driver::report_plugin_run(plugin, run, diagnostics);
  if (run.ok) target.output = std::move(run.output);
  if (!usable) return target;
  target.summary = backends::write_output(target.output, out / plugin.id, write_options);
  target.succeeded = target.summary->ok();
  return target;
}

}  // namespace bpc::cli
