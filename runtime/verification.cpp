#include "runtime/verification.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "runtime/sandbox.h"

namespace bpc::runtime {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Where the prepared toolchains are inside: not at their host paths, which the sandbox's /work may
// hide (a venv under the host's /work).
constexpr const char* kDependencies = "/deps/node_modules";
constexpr const char* kEnvironment = "/venv";  // a venv finds its prefix from its pyvenv.cfg, wherever it is

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One step of a recipe, or the reason the project is skipped.
struct Step {
  std::string name;
  std::vector<std::string> command;
};
struct Recipe {
  std::vector<Step> steps;
  std::vector<std::pair<std::string, std::string>> mounts, environment;
  std::string skip;  // when not empty, why nothing runs
};

// npm package name -> the version the prepared node_modules holds, when it holds it.
std::optional<std::string> installed_npm_version(const fs::path& node_modules, const std::string& name) {
  const nlohmann::json manifest = nlohmann::json::parse(read_text(node_modules / name / "package.json"), nullptr, false);
  if (!manifest.is_object() || !manifest.contains("version") || !manifest["version"].is_string()) return std::nullopt;
  return manifest["version"].get<std::string>();
}

// What a pinned set needs and a toolchain lacks, as "name version (has other)".
std::string lacking(const std::vector<std::string>& missing) {
  std::string text;
  for (std::size_t i = 0; i < missing.size() && i < 8; ++i) text += (i ? ", " : "") + missing[i];
  if (missing.size() > 8) text += " and " + std::to_string(missing.size() - 8) + " more";
  return text;
}

Recipe typescript_recipe(const fs::path& project, const Toolchains& toolchains) {
  Recipe recipe;
  if (toolchains.node_modules.empty()) return {{}, {}, {}, "the service has no node_modules prepared for TypeScript projects"};
  const nlohmann::json package = nlohmann::json::parse(read_text(project / "package.json"), nullptr, false);
  if (!package.is_object()) return {{}, {}, {}, "the project has no readable package.json"};
  std::vector<std::string> missing;
  for (const char* group : {"dependencies", "devDependencies"}) {
    if (!package.contains(group) || !package[group].is_object()) continue;
    for (const auto& [name, wanted] : package[group].items()) {
      const auto has = installed_npm_version(toolchains.node_modules, name);
      const std::string version = wanted.is_string() ? wanted.get<std::string>() : "";
      if (has != version) missing.push_back(name + " " + version + (has ? " (has " + *has + ")" : ""));
    }
  }
  if (!missing.empty()) return {{}, {}, {}, "the prepared node_modules lacks " + lacking(missing)};
  std::error_code ignored;
  fs::remove(project / "node_modules", ignored);
  fs::create_directory_symlink(kDependencies, project / "node_modules");
  recipe.mounts = {{toolchains.node_modules.string(), kDependencies}};
  const std::string modules = kDependencies;
  recipe.steps = {{"compile", {"/usr/bin/node", modules + "/typescript/bin/tsc", "-p", "tsconfig.json"}},
                  {"lint", {"/usr/bin/node", modules + "/eslint/bin/eslint.js", "--max-warnings", "0", "."}},
                  {"test", {"/usr/bin/node", "--test"}}};  // the compiled tests are added once they exist
  return recipe;
}

// A distribution's name as pip compares them (PEP 503).
std::string normalized_distribution(std::string name) {
  std::string out;
  for (char c : name) {
    const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const bool separator = lower == '-' || lower == '_' || lower == '.';
    if (separator) {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += lower;
    }
  }
  return out;
}

// The distributions a virtual environment holds: normalized name -> version.
std::map<std::string, std::string> installed_distributions(const fs::path& environment) {
  std::map<std::string, std::string> installed;
  std::error_code error;
  for (const auto& lib : fs::directory_iterator(environment / "lib", error)) {
    std::error_code inner;
    for (const auto& entry : fs::directory_iterator(lib.path() / "site-packages", inner)) {
      const std::string name = entry.path().filename().string();
      const std::string suffix = ".dist-info";
      if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
      const std::string stem = name.substr(0, name.size() - suffix.size());
      const std::size_t dash = stem.rfind('-');
      if (dash == std::string::npos) continue;
      installed[normalized_distribution(stem.substr(0, dash))] = stem.substr(dash + 1);
    }
  }
  return installed;
}

Recipe python_recipe(const fs::path& project, const Toolchains& toolchains) {
  if (toolchains.python_environment.empty()) return {{}, {}, {}, "the service has no virtual environment prepared for Python projects"};
  const std::map<std::string, std::string> installed = installed_distributions(toolchains.python_environment);
  std::istringstream lock(read_text(project / "requirements.lock"));
  std::vector<std::string> missing;
  for (std::string line; std::getline(lock, line);) {
    const std::size_t pin = line.find("==");
    if (line.empty() || line[0] == '#' || pin == std::string::npos) continue;
    const std::string name = line.substr(0, pin);
    std::string version = line.substr(pin + 2);
    version.erase(std::find_if(version.begin(), version.end(), [](char c) { return c == ' ' || c == ';' || c == '\r'; }),
                  version.end());
    const auto found = installed.find(normalized_distribution(name));
    if (found == installed.end() || found->second != version) {
      missing.push_back(name + " " + version + (found != installed.end() ? " (has " + found->second + ")" : ""));
    }
  }
  if (!missing.empty()) return {{}, {}, {}, "the prepared virtual environment lacks " + lacking(missing)};
  const std::string python = std::string(kEnvironment) + "/bin/python";
  Recipe recipe;
  recipe.mounts = {{toolchains.python_environment.string(), kEnvironment}};
  recipe.environment = {{"PYTHONDONTWRITEBYTECODE", "1"}};
  recipe.steps = {{"lint", {python, "-m", "ruff", "check", "--no-cache", "."}},
                  {"format", {python, "-m", "ruff", "format", "--no-cache", "--check", "."}},
                  {"typecheck", {python, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"}},
                  {"test", {python, "-m", "pytest", "-q", "-p", "no:cacheprovider"}}};
  return recipe;
}

Recipe cpp_recipe(const Toolchains& toolchains) {
  if (!toolchains.cpp) return {{}, {}, {}, "the service does not verify C++ projects"};
  Recipe recipe;
  recipe.steps = {{"configure", {"/usr/bin/cmake", "-S", ".", "-B", "build", "-G", "Ninja"}},
                  {"build", {"/usr/bin/cmake", "--build", "build", "-j", "2"}},
                  {"test", {"/usr/bin/ctest", "--test-dir", "build", "--output-on-failure", "--timeout", "300"}}};
  return recipe;
}

// The last `bound` bytes of a step's output, cut at a line where it can be.
std::string log_tail(const SandboxResult& run, std::size_t bound) {
  std::string log = run.output;
  if (!log.empty() && !run.errors.empty() && log.back() != '\n') log += '\n';
  log += run.errors;
  if (log.size() <= bound) return log;
  std::size_t start = log.size() - bound;
  const std::size_t line = log.find('\n', start);
  if (line != std::string::npos && line - start < 512) start = line + 1;
  return "[…]\n" + log.substr(start);
}

// The compiled tests `node --test` runs: dist/test/*.test.js, sorted.
std::vector<std::string> compiled_tests(const fs::path& project) {
  std::vector<std::string> tests;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(project / "dist" / "test", error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.ends_with(".test.js")) tests.push_back("dist/test/" + name);
  }
  std::sort(tests.begin(), tests.end());
  return tests;
}

SandboxPolicy policy_for(const fs::path& project, const Recipe& recipe, const VerificationLimits& limits) {
  SandboxPolicy policy;
  policy.work_directory = project.string();
  policy.read_only_mounts = recipe.mounts;
  policy.environment = recipe.environment;
  policy.cpu_seconds = limits.cpu_seconds;
  policy.memory_bytes = limits.memory_bytes;
  policy.processes = limits.processes;
  policy.file_bytes = 1ull << 30;
  policy.open_files = 4096;
  policy.output_bytes = std::max<std::size_t>(limits.log_bytes * 4, 1u << 20);
  return policy;
}

}  // namespace

std::string_view verification_status_name(VerificationStatus status) {
  switch (status) {
    case VerificationStatus::Passed: return "passed";
    case VerificationStatus::Failed: return "failed";
    case VerificationStatus::Skipped: return "skipped";
    case VerificationStatus::Cancelled: return "cancelled";
  }
  return "failed";
}

ProjectVerification verify_project(std::string_view target, const fs::path& project, const Toolchains& toolchains,
                                   const VerificationLimits& limits, const CancellationToken& cancellation) {
  const Clock::time_point started = Clock::now();
  ProjectVerification verification;
  verification.target = std::string(target);
  Recipe recipe;
  if (target == "typescript") {
    recipe = typescript_recipe(project, toolchains);
  } else if (target == "python") {
    recipe = python_recipe(project, toolchains);
  } else if (target == "cpp") {
    recipe = cpp_recipe(toolchains);
  } else {
    recipe.skip = "there is nothing to build or test for the `" + verification.target + "` target";
  }
  if (!recipe.skip.empty()) {
    verification.reason = recipe.skip;
    return verification;
  }
  SandboxPolicy policy = policy_for(project, recipe, limits);
  policy.cancellation = cancellation;
  const Clock::time_point deadline = started + limits.time_limit;
  verification.status = VerificationStatus::Passed;
  for (Step& step : recipe.steps) {
    if (step.name == "test" && target == "typescript") {
      for (std::string& test : compiled_tests(project)) step.command.push_back(std::move(test));
    }
    policy.time_limit = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const SandboxResult run = policy.time_limit.count() > 0 ? run_sandboxed(step.command, "", policy) : SandboxResult{.timed_out = true};
    VerificationStep& ran = verification.steps.emplace_back();
    ran.name = step.name;
    ran.command = step.command;
    ran.exit_code = run.exit_code;
    ran.signal = run.signal;
    ran.timed_out = run.timed_out;
    ran.elapsed = run.elapsed;
    ran.log = run.started ? log_tail(run, limits.log_bytes) : run.error;
    if (run.cancelled) {
      verification.status = VerificationStatus::Cancelled;
      verification.reason = "cancelled during `" + step.name + "`";
      break;
    }
    if (!ran.passed()) {
      verification.status = VerificationStatus::Failed;
      verification.reason = run.timed_out ? "`" + step.name + "` ran out of time (" + std::to_string(limits.time_limit.count()) + " s for the project)"
                            : !run.started  ? "the sandbox did not start: " + run.error
                            : run.signal    ? "`" + step.name + "` was killed by signal " + std::to_string(*run.signal)
                                            : "`" + step.name + "` exited with " + std::to_string(run.exit_code.value_or(-1));
      break;
    }
  }
  verification.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return verification;
}

std::vector<std::string> toolchain_problems(const Toolchains& toolchains) {
  std::vector<std::string> problems;
  if (const auto unavailable = sandbox_unavailable()) return {"sandboxes cannot run here: " + *unavailable};
  const fs::path probe_directory = fs::temp_directory_path() / ("bpc-toolchain-probe-" + std::to_string(::getpid()));
  const auto probe = [&](const std::string& what, const std::vector<std::string>& command, const Recipe& recipe,
                         const std::string& hint) {
    std::error_code ignored;
    fs::remove_all(probe_directory, ignored);
    fs::create_directories(probe_directory);
    SandboxPolicy policy = policy_for(probe_directory, recipe, VerificationLimits{});
    policy.time_limit = std::chrono::seconds(30);
    const SandboxResult run = run_sandboxed(command, "", policy);
    fs::remove_all(probe_directory, ignored);
    if (!run.succeeded()) {
      problems.push_back(what + ": " + (run.error.empty() ? log_tail(run, 2000) : run.error) + hint);
    }
  };
  if (!toolchains.node_modules.empty()) {
    if (!fs::is_regular_file(toolchains.node_modules / "typescript" / "bin" / "tsc")) {
      problems.push_back("typescript: " + toolchains.node_modules.string() + " is not a node_modules directory with typescript in it");
    } else {
      Recipe recipe;
      recipe.mounts = {{toolchains.node_modules.string(), kDependencies}};
      probe("typescript", {"/usr/bin/node", std::string(kDependencies) + "/typescript/bin/tsc", "--version"}, recipe, "");
    }
  }
  if (!toolchains.python_environment.empty()) {
    if (!fs::is_regular_file(toolchains.python_environment / "pyvenv.cfg")) {
      problems.push_back("python: " + toolchains.python_environment.string() + " is not a virtual environment");
    } else {
      Recipe recipe;
      recipe.mounts = {{toolchains.python_environment.string(), kEnvironment}};
      probe("python",
            {std::string(kEnvironment) + "/bin/python", "-c",
             "import fastapi, pydantic, sqlalchemy, pytest, mypy, ruff"},
            recipe,
            " (the environment must be made by an interpreter under /usr, such as Debian's `python3 -m venv`, "
            "with the generated requirements.lock installed)");
    }
  }
  if (toolchains.cpp) {
    for (const char* tool : {"/usr/bin/cmake", "/usr/bin/ctest", "/usr/bin/ninja", "/usr/bin/c++"}) {
      if (!fs::exists(tool)) problems.push_back(std::string("cpp: ") + tool + " is not installed");
    }
  }
  return problems;
}

std::string toolchain_identity(const Toolchains& toolchains, const VerificationLimits& limits) {
  nlohmann::json identity = {{"timeLimit", limits.time_limit.count()}, {"cpu", limits.cpu_seconds},
                             {"memory", limits.memory_bytes}, {"processes", limits.processes}, {"cpp", toolchains.cpp}};
  if (!toolchains.node_modules.empty()) {
    identity["typescript"] = read_text(toolchains.node_modules / ".package-lock.json");
  }
  if (!toolchains.python_environment.empty()) {
    identity["python"] = installed_distributions(toolchains.python_environment);
    identity["pythonHome"] = read_text(toolchains.python_environment / "pyvenv.cfg");
  }
  return identity.dump();
}

}  // namespace bpc::runtime
