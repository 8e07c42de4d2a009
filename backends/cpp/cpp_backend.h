#pragma once

// The `cpp` backend: a C++20 service on cpp-httplib, nlohmann/json and RE2, built with CMake, with
// its GoogleTest suite (docs/backends/cpp.md). What the service does comes from the service
// model; this backend spells it in C++, as rows a fixed runtime serves.

#include "backends/backend.h"

namespace bpc::backends::cpp {

class CppBackend final : public Backend {
 public:
  std::string_view name() const override { return "cpp"; }
  bool keeps_relational_schema() const override { return true; }
  std::string_view description() const override {
    return "a C++20 service on cpp-httplib and nlohmann/json with its GoogleTest suite (CMake, -Werror clean)";
  }
  std::vector<OptionSpec> options() const override;
  void emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& diagnostics,
            SharedArtifacts& shared) const override;
  std::vector<std::function<void()>> shared_work(const ir::Module& module, const Options& options,
                                                 SharedArtifacts& shared) const override;
  std::optional<ContainerProject> container(const ir::Module& module, const Options& options) const override;
};

}  // namespace bpc::backends::cpp
