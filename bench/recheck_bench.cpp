// The re-check benchmark: how long the compilation library takes to check a workspace again
// after a one-line edit, as the language server does on every keystroke. The workspace is on
// disk (bench/gen_workspace.py writes one); edits go into an overlay, as unsaved buffers do.
//
//   bpc_recheck_bench ROOT.bpl [--edits N] [--phase check|pipeline] [--index]
//
// Each edit changes one line (a field's `@maxLength`) of one module, a different module each
// time, then re-checks through a Workspace (driver/workspace.h). The same number of from-scratch
// compilations (driver::compile, nothing reused) run interleaved with them, so both see the same
// machine state. `--index` also builds the symbol index and keeps the syntax trees, as the
// language server's compilations do. Prints one JSON object: the medians, 90th percentiles and minimums in
// milliseconds, and how many files each re-check reused and parsed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "driver/workspace.h"

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

nlohmann::json summary(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  const auto at = [&](double quantile) { return samples[static_cast<std::size_t>(quantile * (samples.size() - 1))]; };
  return {{"median_ms", at(0.5)}, {"p90_ms", at(0.9)}, {"min_ms", samples.front()}, {"runs", samples.size()}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bpc_recheck_bench ROOT.bpl [--edits N] [--phase check|pipeline] [--index]\n";
    return 2;
  }
  const std::string root = argv[1];
  int edits = 30;
  bpc::driver::Phase phase = bpc::driver::Phase::Check;
  bool index = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--index") == 0) {
      index = true;
    } else if (std::strcmp(argv[i], "--edits") == 0 && i + 1 < argc) {
      edits = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--phase") == 0 && i + 1 < argc) {
      phase = std::strcmp(argv[++i], "pipeline") == 0 ? bpc::driver::Phase::Pipeline : bpc::driver::Phase::Check;
    }
  }
  const bpc::driver::DiskFileSystem disk;
  bpc::driver::OverlayFileSystem overlay(disk);
  bpc::driver::CompileOptions options;
  options.inputs = {root};
  options.stop_after = phase;
  options.build_index = index;
  options.keep_syntax = index;

  bpc::driver::Workspace workspace(overlay);
  const auto first_start = Clock::now();
  bpc::driver::Compilation first = workspace.compile(options);
  const double first_ms = milliseconds_since(first_start);
  if (first.diagnostics.has_errors() || first.program.files.size() < 2) {
    std::cerr << "the workspace must check clean and have several files\n";
    return 1;
  }
  std::vector<std::string> modules;
  for (const auto& file : first.program.files) {
    if (file.path != root) modules.push_back(file.path);
  }
  std::uint64_t lines = 0, bytes = 0;
  for (const auto& file : first.program.files) {
    const bpc::SourceFile& source = first.sources.file(file.parsed.file);
    lines += source.line_count();
    bytes += source.size();
  }
  first = bpc::driver::Compilation{};

  std::vector<double> recheck, scratch;
  std::uint32_t reused = 0, parsed = 0;
  for (int edit = 0; edit < edits; ++edit) {
    const std::string& path = modules[static_cast<std::size_t>(edit) % modules.size()];
    const std::variant<std::string, bpc::driver::FileError> read = disk.read(path, bpc::kMaxSourceBytes);
    std::string text = std::get<std::string>(read);
    const std::size_t at = text.find("@maxLength(120)");
    if (at == std::string::npos) {
      std::cerr << path << " has no `@maxLength(120)` to edit\n";
      return 1;
    }
    text.replace(at, 15, "@maxLength(" + std::to_string(121 + edit) + ")");
    overlay.set(path, std::move(text));

    auto start = Clock::now();
    bpc::driver::Compilation again = workspace.compile(options);
    recheck.push_back(milliseconds_since(start));
    if (again.diagnostics.has_errors()) {
      std::cerr << "the edited workspace does not check\n";
      return 1;
    }
    reused = workspace.last_reuse().reused;
    parsed = workspace.last_reuse().parsed;

    start = Clock::now();
    bpc::driver::Compilation fresh = bpc::driver::compile(overlay, options);
    scratch.push_back(milliseconds_since(start));
  }
  const nlohmann::json result = {{"files", modules.size() + 1},
                                 {"lines", lines},
                                 {"bytes", bytes},
                                 {"phase", phase == bpc::driver::Phase::Check ? "check" : "pipeline"},
                                 {"index", index},
                                 {"first_ms", first_ms},
                                 {"recheck", summary(recheck)},
                                 {"from_scratch", summary(scratch)},
                                 {"reused_files", reused},
                                 {"parsed_files", parsed}};
  std::cout << result.dump(2) << "\n";
  return 0;
}
