#pragma once

// The verification step of a generation job (`options.verify`): each target's generated files are
// written to a directory of their own and built and tested there in a sandbox
// (runtime/verification.h), one target after another; the reports go into the job's manifest
// (`verification`) and become its `validation.issued` events (job_store.cpp). A project that
// fails its verification does not fail the job: the artifacts are still what the blueprint
// generates, and the report says what went wrong.

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/interrupt.h"
#include "runtime/verification.h"
#include "service/text_compiler.h"

namespace bpc::service {

struct Verifier {
  runtime::Toolchains toolchains;
  runtime::VerificationLimits limits;
};

// Writes `target`'s files (those whose target it is) under `directory`, which is created.
void write_project(const std::filesystem::path& directory, const std::string& target,
                   const std::vector<GeneratedFile>& files);

// One report per target, in the job's order: {target, status, reason?, ms, steps: [{name, command,
// exitCode?, signal?, timedOut, ms, log}]}. `starting(target)` is called before each.
nlohmann::json verify_generation(const Verifier& verifier, const std::vector<std::string>& targets,
                                 const std::vector<GeneratedFile>& files, const std::string& job_id,
                                 const CancellationToken& cancellation,
                                 const std::function<void(const std::string& target)>& starting);

}  // namespace bpc::service
