#pragma once

// The project-level backend interface, its option schema, and the registry.
//
// A backend turns a whole checked, desugared ir::Module into a project: it adds every file to an
// OutputDirectory (output/output_directory.h) and never touches the disk (protobuf's
// CodeGenerator with GeneratorContext, compiler/code_generator.h). It sees only the read-only IR.
//
// A backend declares its options as a schema (OptionSpec: name, type, default, description). The
// core, not the backend, validates a `target NAME { ... }` block against it (resolve_options): an
// unknown option is BP3001 with a "did you mean" suggestion, a value of the wrong type is BP3002
// naming the expected type; defaults fill the options the block leaves out. So a backend only
// ever reads options that exist and have the declared type (TypeSpec's library option schemas).
//
// run_backend calls `emit` and attributes every failure to the backend: an exception (OutputError
// from a refused path, PrinterError, anything derived from std::exception, or anything else) is
// BP3003 "backend `x` failed: ...", reported at the target block when there is one.
//
// BackendRegistry holds backends by name. There is no global registry: the driver constructs one,
// usually with standard_backends(), and tests build their own.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "backends/output/output_directory.h"
#include "backends/shared_artifacts.h"
#include "backends/support/containers.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "ir/ir.h"

namespace bpc::backends {

// Thrown by a backend for a blueprint construct it does not support yet (a recursive struct in
// TypeScript, say): a limit of the backend, reported as its failure (BP3003) like any other, but
// not a bug. Anything else a backend throws is a bug; the backend fuzzer tells them apart.
class BackendLimitation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class OptionType : std::uint8_t { String, Bool, Int, Enum };

// A value of an option: a string (String and Enum options), a bool or an integer.
using OptionValue = std::variant<std::string, bool, std::int64_t>;

struct OptionSpec {
  std::string name;
  OptionType type = OptionType::String;
  std::vector<std::string> values;  // Enum: the allowed values
  OptionValue default_value;        // must have the option's type
  std::string description;
};

// "a string", "a boolean", "an integer", "one of `a`, `b`".
std::string expected_type_name(const OptionSpec& spec);

// The resolved options of one target: every option of the backend's schema, from the target
// block or its default. Reading an option the schema does not declare, or with another type, is a
// bug in the backend and throws std::logic_error (reported as the backend's failure).
class Options {
 public:
  void set(std::string name, OptionValue value);
  bool contains(std::string_view name) const { return values_.find(name) != values_.end(); }
  const std::string& string(std::string_view name) const;  // String and Enum options
  bool boolean(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  const std::map<std::string, OptionValue, std::less<>>& values() const { return values_; }

 private:
  const OptionValue& get(std::string_view name) const;
  std::map<std::string, OptionValue, std::less<>> values_;
};

class Backend {
 public:
  virtual ~Backend() = default;
  // The target name, as written in `target NAME { }` and `bpc build --target NAME`.
  virtual std::string_view name() const = 0;
  // One line, for `bpc build --help` and docs.
  virtual std::string_view description() const = 0;
  virtual std::vector<OptionSpec> options() const { return {}; }
  // Emits the whole project into `out`. Report problems in the blueprint through `diagnostics`;
  // throw for the backend's own failures (the core reports them as BP3003). `shared` holds what
  // the build's backends derive from the module once for all (shared_artifacts.h). `emit` may run
  // on several threads at once, for different targets of one build or different builds: it must
  // only read the module and the backend.
  virtual void emit(const ir::Module& module, const Options& options, OutputDirectory& out,
                    DiagnosticEngine& diagnostics, SharedArtifacts& shared) const = 0;
  // Work that makes the shared artifacts `emit` will ask for (the OpenAPI documents, the python
  // backend's tests and API modules), for the driver to run beside the emits, each
  // function a task of its own on the caller's executor; empty when there is none. A failure
  // stays in the artifact and is raised to the emit that asks for it. Whatever order the tasks
  // run in, `emit` gets the same artifacts: the first to ask computes.
  virtual std::vector<std::function<void()>> shared_work(const ir::Module& /*module*/, const Options& /*options*/,
                                                         SharedArtifacts& /*shared*/) const {
    return {};
  }
  // Whether the generated service keeps its records in the tables of the relational schema
  // (backends/service_model/relational_schema.h): then `bpc build --migrate-from` adds the
  // migration scripts to its project.
  virtual bool keeps_relational_schema() const { return false; }
  // The containers of the service the backend generates (support/containers.h), which a suite's
  // compose file (`bpc compose`) runs; nullopt for a target that generates no service.
  virtual std::optional<ContainerProject> container(const ir::Module& /*module*/, const Options& /*options*/) const {
    return std::nullopt;
  }
};

// Every target a compilation knows: the backends that are built, and the targets that are
// planned but not built yet (the checker accepts their `target` blocks; `bpc build` skips them
// with a note). It is the one place a target's name is written outside its backend: the checker
// learns the known names from it (through the driver), and the driver selects targets with it.
class BackendRegistry {
 public:
  // Adds a backend; throws std::logic_error when one with the same name is already there.
  void add(std::unique_ptr<Backend> backend);
  // Adds a target that has no backend yet.
  void add_planned(std::string name);
  const Backend* find(std::string_view name) const;
  bool is_planned(std::string_view name) const;
  // The names of the registered backends, sorted.
  std::vector<std::string_view> names() const;
  // Every known target name, built or planned, sorted.
  std::vector<std::string> known_names() const;
  std::size_t size() const { return backends_.size(); }

 private:
  std::map<std::string, std::unique_ptr<Backend>, std::less<>> backends_;
  std::vector<std::string> planned_;
};

// A registry with every built-in backend (today: jsonschema, openapi, typescript) and the
// planned targets (cpp, python).
BackendRegistry standard_backends();

// Where diagnostics about IR locations go: the source manager's FileId of each of the module's
// files (ir::Location::file indexes it). An empty span when the location is unknown.
SourceSpan span_of(const ir::Location& location, std::span<const FileId> files);

// Validates a target block's options against the backend's schema and fills in defaults.
// `target` may be null (a target requested on the command line that the blueprint does not
// declare): every option then has its default. Returns nullopt after reporting BP3001/BP3002.
std::optional<Options> resolve_options(const Backend& backend, const ir::Target* target,
                                       std::span<const FileId> files, DiagnosticEngine& diagnostics);

// Runs the backend's `emit`, reporting any exception as BP3003 at `where`, except Interrupted
// (a cancelled build, base/interrupt.h), which propagates to the driver. Returns whether it
// succeeded: no exception and no new error diagnostic. `shared` is the build's shared artifacts;
// without it the backend gets artifacts of its own.
bool run_backend(const Backend& backend, const ir::Module& module, const Options& options,
                 OutputDirectory& out, DiagnosticEngine& diagnostics, SourceSpan where = {},
                 SharedArtifacts* shared = nullptr);

}  // namespace bpc::backends
