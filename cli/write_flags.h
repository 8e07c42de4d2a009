#pragma once

// The flags of the commands that write generated projects (`bpc build`, `bpc compose`): `--force`
// and `--dry-run`, as the writer's options (backends/output/writer.h).

#include <CLI/CLI.hpp>

#include "backends/output/writer.h"

namespace bpc::cli {

struct WriteFlags {
  bool force = false;
  bool dry_run = false;

  void add_to(CLI::App& command) {
    command.add_flag("--force", force, "Overwrite or remove generated files that were edited outside their user-code regions");
    command.add_flag("--dry-run", dry_run, "Report what would be written or removed; change nothing");
  }
  backends::WriteOptions options() const { return backends::WriteOptions{.force = force, .dry_run = dry_run}; }
};

}  // namespace bpc::cli
