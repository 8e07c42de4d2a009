#pragma once

// How each target's generated project is built, tested and run inside a sandbox: the recipes that
// verification (verification.h) and previews (preview.h) share. Internal to runtime/.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/sandbox.h"
#include "runtime/verification.h"

namespace bpc::runtime {

// Where the prepared toolchains are inside: not at their host paths, which the sandbox's /work may
// hide (a venv under the host's /work).
inline constexpr const char* kDependencies = "/deps/node_modules";
inline constexpr const char* kEnvironment = "/venv";  // a venv finds its prefix from its pyvenv.cfg, wherever it is
inline constexpr int kServicePort = 8080;  // a previewed service's port, on the sandbox's own loopback

struct RecipeStep {
  std::string name;
  std::vector<std::string> command;
  bool prepares = false;  // a preview runs it too, before the service starts (compile, build)
};

struct Recipe {
  std::vector<RecipeStep> steps;
  std::vector<std::string> serve;  // runs the service (on kServicePort), after the preparing steps
  std::vector<std::pair<std::string, std::string>> mounts, environment;
  std::string skip;  // when not empty, why nothing can run
};

// Why `target`'s projects cannot be built with `toolchains` (the service prepared none for it).
std::optional<std::string> missing_toolchain(std::string_view target, const Toolchains& toolchains);

// The recipe for `target`'s project in `project` (which gets a node_modules link for TypeScript).
Recipe recipe_for(std::string_view target, const std::filesystem::path& project, const Toolchains& toolchains);

// A sandbox for the project's steps, within the limits.
SandboxPolicy policy_for(const std::filesystem::path& project, const Recipe& recipe, const VerificationLimits& limits);

// The last `bound` bytes of a run's output (stdout, then stderr), cut at a line where it can be.
std::string log_tail(const SandboxResult& run, std::size_t bound);

// The compiled tests `node --test` runs in a TypeScript project: dist/test/*.test.js, sorted.
std::vector<std::string> compiled_tests(const std::filesystem::path& project);

// The distributions a virtual environment holds: normalized name -> version.
std::map<std::string, std::string> installed_distributions(const std::filesystem::path& environment);

std::string read_text(const std::filesystem::path& file);

}  // namespace bpc::runtime
