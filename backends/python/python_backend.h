#pragma once

// The `python` backend: a FastAPI + Pydantic 2 + SQLAlchemy 2 service with its pytest suite
// (docs/backends/python.md). What the service does comes from the service model; this backend
// spells it in Python.

#include "backends/backend.h"

namespace bpc::backends::python {

class PythonBackend final : public Backend {
 public:
  std::string_view name() const override { return "python"; }
  std::string_view description() const override {
    return "a FastAPI + Pydantic 2 + SQLAlchemy 2 service with its pytest suite (mypy --strict and ruff clean)";
  }
  std::vector<OptionSpec> options() const override;
  bool keeps_relational_schema() const override { return true; }
  std::optional<ContainerProject> container(const ir::Module& module, const Options& options) const override;
  void emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& diagnostics,
            SharedArtifacts& shared) const override;
  std::vector<std::function<void()>> shared_work(const ir::Module& module, const Options& options,
                                                 SharedArtifacts& shared) const override;
};

}  // namespace bpc::backends::python
