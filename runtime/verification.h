#pragma once

// Verifying a generated project: building it and running its own tests, the way its README says,
// each step in a sandbox (runtime/sandbox.h) with no network. Nothing is installed during a
// verification; the operator prepares the toolchains beforehand and they are shown read-only:
//   typescript  a node_modules directory holding the packages the generated package.json pins
//               (at /deps/node_modules; the project gets a link to it): `tsc -p tsconfig.json`,
//               `eslint --max-warnings 0 .`, `node --test dist/test/*.test.js`;
//   python      a virtual environment, made with an interpreter under /usr (Debian's python3), with
//               the generated requirements.lock installed (at /venv): `ruff check`,
//               `mypy` (strict, from pyproject.toml), `pytest`;
//   cpp         Debian's packages alone: `cmake` (Ninja), `cmake --build`, `ctest`.
// A toolchain that lacks what a project pins (another version, a missing package) skips the
// project with the reason instead of failing it for the toolchain's fault; so does a target that
// has no recipe (openapi, jsonschema, plugins). The project directory is the sandbox's /work, so
// the caller passes a copy it may lose.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/interrupt.h"

namespace bpc::runtime {

struct Toolchains {
  std::filesystem::path node_modules;        // empty: TypeScript projects are not verified
  std::filesystem::path python_environment;  // empty: Python projects are not verified
  bool cpp = false;                          // C++ projects are verified (cmake, g++ and the libraries from Debian)
};

struct VerificationLimits {
  std::chrono::seconds time_limit{600};  // of one project, all its steps together
  std::uint64_t cpu_seconds = 1200;      // of each process
  std::uint64_t memory_bytes = 4ull << 30;
  std::uint64_t processes = 512;
  std::size_t log_bytes = 16u << 10;  // kept of each step's output: its end, where the failure is
};

struct VerificationStep {
  std::string name;                  // compile, lint, typecheck, test, configure, build
  std::vector<std::string> command;  // as run inside the sandbox
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool timed_out = false;
  std::chrono::milliseconds elapsed{0};
  std::string log;  // stdout then stderr, the last log_bytes
  bool passed() const { return exit_code == 0 && !timed_out; }
};

enum class VerificationStatus { Passed, Failed, Skipped, Cancelled };
std::string_view verification_status_name(VerificationStatus status);

struct ProjectVerification {
  std::string target;
  VerificationStatus status = VerificationStatus::Skipped;
  std::string reason;  // why it failed or was skipped
  std::vector<VerificationStep> steps;  // those that ran, the failed one last
  std::chrono::milliseconds elapsed{0};
};

// Builds and tests the `target` project in `project` (writable; it gets build outputs).
ProjectVerification verify_project(std::string_view target, const std::filesystem::path& project,
                                   const Toolchains& toolchains, const VerificationLimits& limits,
                                   const CancellationToken& cancellation);

// What is wrong with the toolchains (each runs a probe in a sandbox); empty when all is well.
std::vector<std::string> toolchain_problems(const Toolchains& toolchains);

// Identifies the toolchains and limits as they are now (the packages' versions included): a job's
// verification is only as good as what ran it, so the service's result cache keys on this.
std::string toolchain_identity(const Toolchains& toolchains, const VerificationLimits& limits);

}  // namespace bpc::runtime
