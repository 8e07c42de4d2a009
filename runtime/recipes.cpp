#include "runtime/recipes.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace bpc::runtime {

namespace {

namespace fs = std::filesystem;

Recipe skipped(std::string reason) {
  Recipe recipe;
  recipe.skip = std::move(reason);
  return recipe;
}

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

// The package `python -m` runs: the one under src/ with a __main__.py.
std::string python_package(const fs::path& project) {
  std::error_code error;
  std::vector<std::string> packages;
  for (const auto& entry : fs::directory_iterator(project / "src", error)) {
    if (fs::is_regular_file(entry.path() / "__main__.py")) packages.push_back(entry.path().filename().string());
  }
  std::sort(packages.begin(), packages.end());
  return packages.empty() ? "app" : packages.front();
}

// The service's executable: the first `add_executable` of the project's CMakeLists.txt.
std::string cpp_executable(const fs::path& project) {
  const std::string cmake = read_text(project / "CMakeLists.txt");
  const std::size_t at = cmake.find("add_executable(");
  if (at == std::string::npos) return "service";
  const std::size_t start = at + std::string_view("add_executable(").size();
  const std::size_t end = cmake.find_first_of(" )\n", start);
  return cmake.substr(start, end - start);
}

Recipe typescript_recipe(const fs::path& project, const Toolchains& toolchains) {
  Recipe recipe;
  const nlohmann::json package = nlohmann::json::parse(read_text(project / "package.json"), nullptr, false);
  if (!package.is_object()) return skipped("the project has no readable package.json");
  std::vector<std::string> missing;
  for (const char* group : {"dependencies", "devDependencies"}) {
    if (!package.contains(group) || !package[group].is_object()) continue;
    for (const auto& [name, wanted] : package[group].items()) {
      const auto has = installed_npm_version(toolchains.node_modules, name);
      const std::string version = wanted.is_string() ? wanted.get<std::string>() : "";
      if (has != version) missing.push_back(name + " " + version + (has ? " (has " + *has + ")" : ""));
    }
  }
  if (!missing.empty()) return skipped("the prepared node_modules lacks " + lacking(missing));
  std::error_code ignored;
  fs::remove(project / "node_modules", ignored);
  fs::create_directory_symlink(kDependencies, project / "node_modules");
  recipe.mounts = {{toolchains.node_modules.string(), kDependencies}};
  const std::string modules = kDependencies;
  recipe.steps = {{"compile", {"/usr/bin/node", modules + "/typescript/bin/tsc", "-p", "tsconfig.json"}, true},
                  {"lint", {"/usr/bin/node", modules + "/eslint/bin/eslint.js", "--max-warnings", "0", "."}},
                  {"test", {"/usr/bin/node", "--test"}}};  // the compiled tests are added once they exist
  recipe.serve = {"/usr/bin/node", "dist/src/server.js"};
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

Recipe python_recipe(const fs::path& project, const Toolchains& toolchains) {
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
  if (!missing.empty()) return skipped("the prepared virtual environment lacks " + lacking(missing));
  const std::string python = std::string(kEnvironment) + "/bin/python";
  Recipe recipe;
  recipe.mounts = {{toolchains.python_environment.string(), kEnvironment}};
  recipe.environment = {{"PYTHONDONTWRITEBYTECODE", "1"}};
  recipe.serve = {python, "-m", python_package(project)};
  recipe.environment.emplace_back("PYTHONPATH", "/work/src");
  recipe.steps = {{"lint", {python, "-m", "ruff", "check", "--no-cache", "."}},
                  {"format", {python, "-m", "ruff", "format", "--no-cache", "--check", "."}},
                  {"typecheck", {python, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"}},
                  {"test", {python, "-m", "pytest", "-q", "-p", "no:cacheprovider"}}};
  return recipe;
}

Recipe cpp_recipe(const fs::path& project) {
  Recipe recipe;
  recipe.steps = {{"configure", {"/usr/bin/cmake", "-S", ".", "-B", "build", "-G", "Ninja"}, true},
                  {"build", {"/usr/bin/cmake", "--build", "build", "-j", "2"}, true},
                  {"test", {"/usr/bin/ctest", "--test-dir", "build", "--output-on-failure", "--timeout", "300"}}};
  recipe.serve = {"build/" + cpp_executable(project)};
  return recipe;
}

}  // namespace

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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

std::optional<std::string> missing_toolchain(std::string_view target, const Toolchains& toolchains) {
  if (target == "typescript" && toolchains.node_modules.empty()) {
    return "the service has no node_modules prepared for TypeScript projects";
  }
  if (target == "python" && toolchains.python_environment.empty()) {
    return "the service has no virtual environment prepared for Python projects";
  }
  if (target == "cpp" && !toolchains.cpp) return "the service has no C++ toolchain (`cpp` in its `verification` settings)";
  return std::nullopt;
}

Recipe recipe_for(std::string_view target, const fs::path& project, const Toolchains& toolchains) {
  if (auto missing = missing_toolchain(target, toolchains)) return skipped(std::move(*missing));
  if (target == "typescript") return typescript_recipe(project, toolchains);
  if (target == "python") return python_recipe(project, toolchains);
  if (target == "cpp") return cpp_recipe(project);
  Recipe nothing;
  nothing.skip = "there is nothing to build or test for the `" + std::string(target) + "` target";
  return nothing;
}

}  // namespace bpc::runtime
