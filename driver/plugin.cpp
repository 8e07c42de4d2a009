#include "driver/plugin.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "backends/output/writer.h"
#include "base/utf8.h"
#include "ir/json.h"
#include "runtime/sandbox.h"

namespace bpc::driver {

namespace {

using nlohmann::json;

// bpc's own bounds, whatever a manifest asks for.
constexpr std::uint64_t kMaxMemoryMb = 4096, kMaxCpuSeconds = 600, kMaxTimeoutSeconds = 600, kMaxProcesses = 256;
constexpr std::size_t kMaxAnswerBytes = 64u << 20;
constexpr std::size_t kMaxFiles = 10'000;
constexpr std::size_t kMaxMessages = 1'000;

const std::set<std::string, std::less<>> kCapabilities = {"generate"};

// Reads `object[key]` as a string matching `pattern`, or notes the problem.
std::optional<std::string> string_member(const json& object, const char* key, const std::regex& pattern,
                                         const char* expected, std::vector<std::string>& problems, bool required = true) {
  const auto found = object.find(key);
  if (found == object.end()) {
    if (required) problems.push_back(std::string("`") + key + "` is missing: " + expected);
    return std::nullopt;
  }
  const std::string* text = found->get_ptr<const std::string*>();
  if (text == nullptr || text->size() > 200 || !std::regex_match(*text, pattern)) {
    problems.push_back(std::string("`") + key + "` must be " + expected);
    return std::nullopt;
  }
  return *text;
}

std::vector<std::string> string_list(const json& object, const char* key, const std::regex& pattern,
                                     const char* expected, std::vector<std::string>& problems) {
  std::vector<std::string> values;
  const auto found = object.find(key);
  if (found == object.end()) return values;
  if (!found->is_array() || found->size() > 100) {
    problems.push_back(std::string("`") + key + "` must be a list of " + expected);
    return values;
  }
  for (const json& item : *found) {
    const std::string* text = item.get_ptr<const std::string*>();
    if (text == nullptr || text->size() > 100 || !std::regex_match(*text, pattern)) {
      problems.push_back(std::string("`") + key + "` must be a list of " + expected);
      return {};
    }
    values.push_back(*text);
  }
  return values;
}

// A whole number in [1, maximum] at `object[key]`, or the default left alone.
void bounded_member(const json& object, const char* key, std::uint64_t maximum, std::uint64_t& value,
                    std::vector<std::string>& problems) {
  const auto found = object.find(key);
  if (found == object.end()) return;
  if (!found->is_number_unsigned() || found->get<std::uint64_t>() < 1 || found->get<std::uint64_t>() > maximum) {
    problems.push_back(std::string("`sandbox.") + key + "` must be a whole number from 1 to " + std::to_string(maximum));
    return;
  }
  value = found->get<std::uint64_t>();
}

void refuse_unknown(const json& object, std::initializer_list<std::string_view> known, const std::string& where,
                    std::vector<std::string>& problems) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      problems.push_back(where + "`" + key + "` is not a manifest field");
    }
  }
}

// The executable, resolved inside the manifest's directory (`directory`, resolved already).
std::optional<std::filesystem::path> resolve_executable(const std::string& relative, const std::filesystem::path& directory,
                                                        std::vector<std::string>& problems) {
  std::error_code error;
  const std::filesystem::path path = std::filesystem::weakly_canonical(directory / relative, error);
  const auto [mismatch, _] = std::mismatch(directory.begin(), directory.end(), path.begin(), path.end());
  if (error || mismatch != directory.end() || path == directory) {
    problems.push_back("`executable` must be a file in the manifest's directory");
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(path, error) || ::access(path.c_str(), X_OK) != 0) {
    problems.push_back("`executable` " + path.string() + " is not an executable file");
    return std::nullopt;
  }
  return path;
}

// Why the answer's text is unusable, or nothing.
std::optional<std::string> read_answer(const std::string& text, PluginRun& run) {
  const json answer = json::parse(text, nullptr, false);
  if (!answer.is_object()) return "its answer on stdout is not a JSON object";
  for (const auto& [key, value] : answer.items()) {
    if (key != "files" && key != "diagnostics") return "its answer has `" + key + "`, which the protocol does not know";
  }
  const json files = answer.value("files", json::array());
  const json messages = answer.value("diagnostics", json::array());
  if (!files.is_array() || files.size() > kMaxFiles) return "`files` must be a list of at most 10,000 files";
  if (!messages.is_array() || messages.size() > kMaxMessages) return "`diagnostics` must be a list of at most 1,000";
  for (const json& message : messages) {
    const std::string* severity = message.is_object() ? message.value("severity", json()).get_ptr<const std::string*>() : nullptr;
    const json text_value = message.is_object() ? message.value("message", json()) : json();
    if (severity == nullptr || (*severity != "error" && *severity != "warning") || !text_value.is_string()) {
      return "each diagnostic must be {\"severity\": \"error\" or \"warning\", \"message\": text}";
    }
    run.messages.push_back({*severity == "error", text_value.get<std::string>().substr(0, 2000)});
  }
  for (const json& file : files) {
    if (!file.is_object() || !file.value("path", json()).is_string() || !file.value("contents", json()).is_string()) {
      return "each file must be {\"path\": text, \"contents\": text}";
    }
    std::string path = file["path"].get<std::string>();
    std::string contents = file["contents"].get<std::string>();
    if (utf8::find_invalid(path) || utf8::find_invalid(contents)) return "a file's path or contents is not UTF-8";
    try {
      run.output.add(std::move(path), std::move(contents));
    } catch (const backends::OutputError& refused) {
      return std::string("it wrote a file bpc refuses: ") + refused.what();
    }
  }
  return std::nullopt;
}

}  // namespace

ManifestReading parse_plugin_manifest(const std::string& text, const std::filesystem::path& directory) {
  ManifestReading reading;
  std::vector<std::string>& problems = reading.problems;
  const json manifest = json::parse(text, nullptr, false);
  if (!manifest.is_object()) {
    problems.push_back("the manifest is not a JSON object");
    return reading;
  }
  refuse_unknown(manifest,
                 {"id", "name", "version", "protocol", "executable", "capabilities", "events", "permissions", "sandbox"},
                 "", problems);
  PluginManifest plugin;
  std::error_code unresolved;
  plugin.directory = std::filesystem::weakly_canonical(std::filesystem::absolute(directory), unresolved);
  static const std::regex kId("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
  static const std::regex kName("[^\\x00-\\x1f]{1,100}");
  static const std::regex kVersion("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)([-+][0-9A-Za-z.-]+)?");
  static const std::regex kPath("[A-Za-z0-9_.][A-Za-z0-9_./-]*");
  static const std::regex kWord("[a-z][a-z-]*");
  static const std::regex kEvent("[a-z]+(\\.[a-z]+)+");
  plugin.id = string_member(manifest, "id", kId, "a dotted lowercase name (`acme.docs`)", problems).value_or("");
  if (plugin.id.size() > 64) problems.push_back("`id` must be at most 64 characters");
  plugin.name = string_member(manifest, "name", kName, "a name of 1 to 100 characters", problems).value_or("");
  plugin.version = string_member(manifest, "version", kVersion, "a semantic version (`1.2.0`)", problems).value_or("");
  const auto protocol = manifest.find("protocol");
  if (protocol == manifest.end() || !protocol->is_number_integer() || protocol->get<int>() != kPluginProtocol) {
    problems.push_back("`protocol` must be " + std::to_string(kPluginProtocol) + ", the protocol this bpc speaks");
  }
  if (const auto executable = string_member(manifest, "executable", kPath, "a path relative to the manifest", problems)) {
    if (auto resolved = resolve_executable(*executable, plugin.directory, problems)) plugin.executable = *resolved;
  }
  plugin.capabilities = string_list(manifest, "capabilities", kWord, "capabilities", problems);
  if (plugin.capabilities.empty()) problems.push_back("`capabilities` must list what the plugin does: `generate`");
  for (const std::string& capability : plugin.capabilities) {
    if (!kCapabilities.contains(capability)) problems.push_back("capability `" + capability + "` is not known; bpc knows `generate`");
  }
  if (const auto events = manifest.find("events"); events != manifest.end()) {
    if (!events->is_object()) {
      problems.push_back("`events` must be an object: {\"requires\": [...], \"emits\": [...]}");
    } else {
      refuse_unknown(*events, {"requires", "emits"}, "events: ", problems);
      plugin.required_events = string_list(*events, "requires", kEvent, "event types", problems);
      plugin.emitted_events = string_list(*events, "emits", kEvent, "event types", problems);
    }
  }
  if (const auto permissions = manifest.find("permissions"); permissions != manifest.end()) {
    if (!permissions->is_object()) {
      problems.push_back("`permissions` must be an object: {\"network\": false}");
    } else {
      refuse_unknown(*permissions, {"network"}, "permissions: ", problems);
      const json network = permissions->value("network", json(false));
      if (!network.is_boolean()) problems.push_back("`permissions.network` must be true or false");
      plugin.network = network.is_boolean() && network.get<bool>();
    }
  }
  if (const auto sandbox = manifest.find("sandbox"); sandbox != manifest.end()) {
    if (!sandbox->is_object()) {
      problems.push_back("`sandbox` must be an object");
    } else {
      refuse_unknown(*sandbox, {"maxMemoryMb", "maxCpuSeconds", "timeoutSeconds", "maxProcesses"}, "sandbox: ", problems);
      bounded_member(*sandbox, "maxMemoryMb", kMaxMemoryMb, plugin.max_memory_mb, problems);
      bounded_member(*sandbox, "maxCpuSeconds", kMaxCpuSeconds, plugin.max_cpu_seconds, problems);
      bounded_member(*sandbox, "timeoutSeconds", kMaxTimeoutSeconds, plugin.timeout_seconds, problems);
      bounded_member(*sandbox, "maxProcesses", kMaxProcesses, plugin.max_processes, problems);
    }
  }
  if (problems.empty()) reading.manifest = std::move(plugin);
  return reading;
}

ManifestReading read_plugin_manifest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ManifestReading{std::nullopt, {"cannot read " + file.string()}};
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > (1u << 20)) return ManifestReading{std::nullopt, {"the manifest is larger than 1 MiB"}};
  ManifestReading reading = parse_plugin_manifest(text.str(), std::filesystem::absolute(file).parent_path());
  if (reading.manifest) {
    std::ifstream program(reading.manifest->executable, std::ios::binary);
    std::ostringstream bytes;
    bytes << program.rdbuf();
    reading.manifest->identity = reading.manifest->version + "+" +
                                 backends::sha256_hex(backends::sha256_hex(text.str()) + backends::sha256_hex(bytes.str()));
  }
  return reading;
}

PluginRun run_plugin(const PluginManifest& plugin, const ir::Module& module,
                     const std::map<std::string, std::string>& options, const std::filesystem::path& scratch) {
  PluginRun run;
  std::error_code ignored;
  std::filesystem::remove_all(scratch, ignored);
  std::filesystem::create_directories(scratch);
  std::string request = json{{"protocol", kPluginProtocol}, {"plugin", plugin.id}, {"bpcVersion", BPC_VERSION},
                             {"options", options}}
                            .dump();
  request.pop_back();  // the closing brace: the IR follows as it is, not parsed again
  request += ",\"ir\":" + ir::module_to_json(module) + "}";

  runtime::SandboxPolicy policy;
  policy.network = plugin.network;
  policy.read_only_mounts.emplace_back(plugin.directory.string(), "/plugin");
  policy.work_directory = std::filesystem::absolute(scratch).string();
  policy.time_limit = std::chrono::seconds(plugin.timeout_seconds);
  policy.cpu_seconds = plugin.max_cpu_seconds;
  policy.memory_bytes = plugin.max_memory_mb << 20;
  policy.processes = plugin.max_processes;
  policy.output_bytes = kMaxAnswerBytes;
  policy.environment = {{"BPC_PLUGIN_PROTOCOL", std::to_string(kPluginProtocol)}};
  const std::filesystem::path inside = "/plugin" / std::filesystem::relative(plugin.executable, plugin.directory);
  const runtime::SandboxResult result = runtime::run_sandboxed({inside.string()}, request, policy);
  std::filesystem::remove_all(scratch, ignored);
  run.log = result.errors;
  if (!result.started) {
    run.failure = result.error;
  } else if (result.timed_out) {
    run.failure = "it ran longer than its time limit of " + std::to_string(plugin.timeout_seconds) + " s and was stopped";
  } else if (result.output_truncated && result.output.size() >= kMaxAnswerBytes) {
    run.failure = "its answer is larger than 64 MiB";
  } else if (result.signal || result.exit_code != 0) {
    run.failure = result.signal ? "it was killed by signal " + std::to_string(*result.signal)
                                : "it exited with status " + std::to_string(result.exit_code.value_or(-1));
    if (!result.errors.empty()) run.failure += ": " + result.errors.substr(0, 500);
  } else if (auto unusable = read_answer(result.output, run)) {
    run.failure = *unusable;
  } else {
    run.ok = true;
  }
  return run;
}

bool report_plugin_run(const PluginManifest& plugin, const PluginRun& run, DiagnosticEngine& diagnostics) {
  bool reported_error = false;
  for (const PluginMessage& message : run.messages) {
    if (message.error) {
      reported_error = true;
      (void)diagnostics.report<DiagnosticKind::PluginError>(SourceSpan{}, plugin.id, message.text);
    } else {
      (void)diagnostics.report<DiagnosticKind::PluginWarning>(SourceSpan{}, plugin.id, message.text);
    }
  }
  if (!run.ok) (void)diagnostics.report<DiagnosticKind::PluginFailed>(SourceSpan{}, plugin.id, run.failure);
  return run.ok && !reported_error;
}

}  // namespace bpc::driver
