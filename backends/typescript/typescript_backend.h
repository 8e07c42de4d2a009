#pragma once

// The `typescript` backend: a complete Express 5 + Zod service for Node 20 (docs/backends/typescript.md).
// The project has Zod schemas and inferred types for every declaration, repositories with an
// in-memory store and an SQL store (SQLite or PostgreSQL, in bpc's relational schema, with the
// migration runner), a router per API (CRUD with pagination and filters, workflow
// transitions, custom operations whose bodies are user-code regions), role-based access control
// from the policies, a typed event bus with an outbox, /health and /openapi.json, and node:test
// tests generated from the blueprint's constraints, policies and workflows.
//
// Options: `package` (the npm package name; default: the blueprint's name in kebab-case) and
// `port` (the default port of `npm start`).

#include "backends/backend.h"

namespace bpc::backends::typescript {

class TypeScriptBackend final : public Backend {
 public:
  std::string_view name() const override { return "typescript"; }
  std::string_view description() const override { return "Express 5 + Zod service for Node 20, with tests"; }
  std::vector<OptionSpec> options() const override;
  void emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& diagnostics,
            SharedArtifacts& shared) const override;
  std::vector<std::function<void()>> shared_work(const ir::Module& module, const Options& options,
                                                 SharedArtifacts& shared) const override;
  std::optional<ContainerProject> container(const ir::Module& module, const Options& options) const override;
  bool keeps_relational_schema() const override { return true; }
};

}  // namespace bpc::backends::typescript
