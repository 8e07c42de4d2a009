#include "service/job_verification.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "service/crypto.h"

namespace bpc::service {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json report_json(const runtime::ProjectVerification& verification) {
  json steps = json::array();
  for (const runtime::VerificationStep& step : verification.steps) {
    json ran = {{"name", step.name}, {"command", step.command}, {"timedOut", step.timed_out},
                {"ms", step.elapsed.count()}, {"log", step.log}};
    if (step.exit_code) ran["exitCode"] = *step.exit_code;
    if (step.signal) ran["signal"] = *step.signal;
    steps.push_back(std::move(ran));
  }
  json report = {{"target", verification.target},
                 {"status", runtime::verification_status_name(verification.status)},
                 {"ms", verification.elapsed.count()},
                 {"steps", std::move(steps)}};
  if (!verification.reason.empty()) report["reason"] = verification.reason;
  return report;
}

}  // namespace

// The paths passed the output writer's checks when the backend emitted them: relative, without `..`.
void write_project(const fs::path& directory, const std::string& target, const std::vector<GeneratedFile>& files) {
  fs::create_directories(directory);
  for (const GeneratedFile& file : files) {
    if (file.target != target) continue;
    const fs::path path = directory / file.path;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file.contents.data(), static_cast<std::streamsize>(file.contents.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }
}

json verify_generation(const Verifier& verifier, const std::vector<std::string>& targets,
                       const std::vector<GeneratedFile>& files, const std::string& job_id,
                       const CancellationToken& cancellation,
                       const std::function<void(const std::string& target)>& starting) {
  const fs::path root = fs::temp_directory_path() / ("bpc-verify-" + job_id + "-" + random_hex(4));
  json reports = json::array();
  try {
    for (const std::string& target : targets) {
      if (cancellation.is_cancelled()) break;
      starting(target);
      const fs::path project = root / target;
      write_project(project, target, files);
      reports.push_back(report_json(runtime::verify_project(target, project, verifier.toolchains, verifier.limits, cancellation)));
      std::error_code ignored;
      fs::remove_all(project, ignored);
    }
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(root, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(root, ignored);
  return reports;
}

}  // namespace bpc::service
