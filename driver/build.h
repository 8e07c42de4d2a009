#pragma once

// Code generation from a compilation: select the targets, run their backends, and (optionally)
// write each target's output directory to disk.
//
// Targets are the request's names (`all` is every built backend) or, without names, the
// blueprint's `target` blocks. Each target's backend runs as one task on the caller's executor
// (driver/executor.h), into an in-memory OutputDirectory, with the build's SharedArtifacts; when
// an output root is given the same task writes `ROOT/<target>/` with the writer
// (backends/output/writer.h). Whatever order tasks finish in, results and diagnostics come back
// in target order, so what a caller prints is deterministic.
//
// Every failure is a coded diagnostic: an unknown target (BP9008, with "did you mean"), a
// planned target without a backend (BP9009 when asked for, BP9010 note when the blueprint
// declares it), nothing to build (BP9011), bad target options (BP3001/BP3002), a backend that
// failed (BP3003), a file that would overwrite user edits (BP9012) or could not be written
// (BP9013). Cancellation reaches backends through their output directory: a cancelled build's
// targets fail with BP9006.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/output/writer.h"
#include "driver/compilation.h"
#include "driver/executor.h"

namespace bpc::driver {

// A file `bpc build --migrate-from` adds to the project of every target whose service keeps the
// relational schema (driver/migrate.h): `migrations/<dialect>/v<version>.sql`, created once and
// then the user's.
struct MigrationFile {
  std::string path;
  std::string contents;
};

struct BuildRequest {
  std::vector<std::string> targets;                 // empty: the blueprint's target blocks
  std::optional<std::filesystem::path> output_root;  // write ROOT/<target>/; none: keep in memory
  backends::WriteOptions write_options;
  CancellationToken cancellation;
  std::vector<MigrationFile> migrations;
  // Called from the tasks (so from any thread) as each target starts a step: "emitting",
  // "writing" or "comparing". `position` counts from 0 in target order.
  std::function<void(std::size_t position, const std::string& target, std::string_view step)> on_step;
  // Where the backends keep what they share (the OpenAPI trees, millions of nodes at 10,000
  // entities). None: the build's own, freed before it returns. The command line passes its own and
  // leaves it to the end of the process, which takes the memory back without freeing node by node.
  backends::SharedArtifacts* shared = nullptr;
};

struct TargetResult {
  std::string name;
  bool succeeded = false;                           // emitted, and written without conflicts or errors
  backends::OutputDirectory output;                 // what the backend emitted
  std::optional<backends::WriteSummary> summary;    // when written
  // The generated service's containers (Backend::container), for targets that generate one.
  std::optional<backends::ContainerProject> container;
};

struct BuildResult {
  bool usage_error = false;             // a requested target is unknown or not available
  std::vector<TargetResult> targets;    // in selection order
  bool ok() const;
};

// Runs the build; `compilation` must be ok(). Diagnostics go to `diagnostics` (usually the
// compilation's own, copied by the caller).
BuildResult build(const Compilation& compilation, const backends::BackendRegistry& registry,
                  const BuildRequest& request, Executor& executor, DiagnosticEngine& diagnostics);

}  // namespace bpc::driver
