#include "runtime/verification.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include "runtime/recipes.h"
#include "runtime/sandbox.h"

namespace bpc::runtime {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

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
  Recipe recipe = recipe_for(target, project, toolchains);
  if (!recipe.skip.empty()) {
    verification.reason = recipe.skip;
    return verification;
  }
  SandboxPolicy policy = policy_for(project, recipe, limits);
  policy.cancellation = cancellation;
  const Clock::time_point deadline = started + limits.time_limit;
  verification.status = VerificationStatus::Passed;
  for (RecipeStep& step : recipe.steps) {
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
