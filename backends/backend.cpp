#include "backends/backend.h"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include <fmt/format.h>

#include "backends/cpp/cpp_backend.h"
#include "backends/jsonschema/jsonschema_backend.h"
#include "backends/openapi/openapi_backend.h"
#include "backends/python/python_backend.h"
#include "backends/typescript/typescript_backend.h"
#include "base/suggest.h"

namespace bpc::backends {

namespace {

std::string describe_value(const ir::Value& value) {
  switch (value.kind) {
    case ir::Value::Kind::Null: return "`null`";
    case ir::Value::Kind::Bool: return value.boolean ? "`true`" : "`false`";
    case ir::Value::Kind::Integer: return fmt::format("the integer {}", value.integer);
    case ir::Value::Kind::Number: return fmt::format("the number {}", value.text);
    case ir::Value::Kind::String: return "a string";
    case ir::Value::Kind::Name: return fmt::format("the name `{}`", value.text);
    case ir::Value::Kind::List: return "a list";
    case ir::Value::Kind::Object: return "an object";
  }
  return "a value";
}

std::string type_name(OptionType type) {
  switch (type) {
    case OptionType::String: return "string";
    case OptionType::Bool: return "bool";
    case OptionType::Int: return "int";
    case OptionType::Enum: return "enum";
  }
  return "?";
}

}  // namespace

std::string expected_type_name(const OptionSpec& spec) {
  switch (spec.type) {
    case OptionType::String: return "a string";
    case OptionType::Bool: return "a boolean (`true` or `false`)";
    case OptionType::Int: return "an integer";
    case OptionType::Enum: {
      std::vector<std::string> quoted;
      for (const std::string& value : spec.values) quoted.push_back(fmt::format("`{}`", value));
      return fmt::format("one of {}", fmt::join(quoted, ", "));
    }
  }
  return "a value";
}

// ---- Options -----------------------------------------------------------------------------------

void Options::set(std::string name, OptionValue value) { values_[std::move(name)] = std::move(value); }

const OptionValue& Options::get(std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) throw std::logic_error(fmt::format("the backend read undeclared option `{}`", name));
  return it->second;
}

const std::string& Options::string(std::string_view name) const {
  const auto* value = std::get_if<std::string>(&get(name));
  if (!value) throw std::logic_error(fmt::format("option `{}` is not a string", name));
  return *value;
}

bool Options::boolean(std::string_view name) const {
  const auto* value = std::get_if<bool>(&get(name));
  if (!value) throw std::logic_error(fmt::format("option `{}` is not a boolean", name));
  return *value;
}

std::int64_t Options::integer(std::string_view name) const {
  const auto* value = std::get_if<std::int64_t>(&get(name));
  if (!value) throw std::logic_error(fmt::format("option `{}` is not an integer", name));
  return *value;
}

// ---- registry ----------------------------------------------------------------------------------

void BackendRegistry::add(std::unique_ptr<Backend> backend) {
  if (!backend) throw std::logic_error("null backend");
  std::string name(backend->name());
  for (const OptionSpec& spec : backend->options()) {
    const bool ok = std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          switch (spec.type) {
            case OptionType::String: return std::is_same_v<T, std::string>;
            case OptionType::Bool: return std::is_same_v<T, bool>;
            case OptionType::Int: return std::is_same_v<T, std::int64_t>;
            case OptionType::Enum:
              if constexpr (std::is_same_v<T, std::string>) {
                return std::find(spec.values.begin(), spec.values.end(), value) != spec.values.end();
              } else {
                return false;
              }
          }
          return false;
        },
        spec.default_value);
    if (!ok) {
      throw std::logic_error(fmt::format("backend `{}`: the default of option `{}` is not a valid {}",
                                         name, spec.name, type_name(spec.type)));
    }
  }
  if (is_planned(name) || !backends_.emplace(name, std::move(backend)).second) {
    throw std::logic_error(fmt::format("backend `{}` is registered twice", name));
  }
}

void BackendRegistry::add_planned(std::string name) {
  if (find(name) != nullptr || is_planned(name)) {
    throw std::logic_error(fmt::format("target `{}` is registered twice", name));
  }
  planned_.push_back(std::move(name));
}

bool BackendRegistry::is_planned(std::string_view name) const {
  return std::find(planned_.begin(), planned_.end(), name) != planned_.end();
}

std::vector<std::string> BackendRegistry::known_names() const {
  std::vector<std::string> names(planned_.begin(), planned_.end());
  for (const auto& [name, backend] : backends_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

const Backend* BackendRegistry::find(std::string_view name) const {
  const auto it = backends_.find(name);
  return it == backends_.end() ? nullptr : it->second.get();
}

std::vector<std::string_view> BackendRegistry::names() const {
  std::vector<std::string_view> names;
  for (const auto& [name, backend] : backends_) names.push_back(name);
  return names;
}

BackendRegistry standard_backends() {
  BackendRegistry registry;
  registry.add(std::make_unique<jsonschema::JsonSchemaBackend>());
  registry.add(std::make_unique<openapi::OpenApiBackend>());
  registry.add(std::make_unique<typescript::TypeScriptBackend>());
  registry.add(std::make_unique<python::PythonBackend>());
  registry.add(std::make_unique<cpp::CppBackend>());
  return registry;
}

// ---- the core's side ---------------------------------------------------------------------------

SourceSpan span_of(const ir::Location& location, std::span<const FileId> files) {
  if (location.file >= files.size()) return SourceSpan{};
  return SourceSpan{files[location.file], location.begin, location.end};
}

std::optional<Options> resolve_options(const Backend& backend, const ir::Target* target,
                                       std::span<const FileId> files, DiagnosticEngine& diagnostics) {
  const std::vector<OptionSpec> specs = backend.options();
  Options options;
  for (const OptionSpec& spec : specs) options.set(spec.name, spec.default_value);
  if (!target) return options;

  const SourceSpan span = span_of(target->location, files);
  const std::size_t errors_before = diagnostics.error_count();
  std::vector<std::string_view> names;
  for (const OptionSpec& spec : specs) names.push_back(spec.name);
  for (const auto& option : target->options) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::string& name = option.first;
    const ir::Value& value = option.second;
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      auto report = diagnostics.report<DiagnosticKind::UnknownBackendOption>(span, name, target->name);
      if (const auto suggestion = closest_match(name, names)) {
        report.note(fmt::format("did you mean `{}`?", *suggestion));
      } else if (names.empty()) {
        report.note(fmt::format("backend `{}` takes no options", target->name));
      } else {
        report.note(fmt::format("the options of `{}` are: {}", target->name, fmt::join(names, ", ")));
      }
      continue;
    }
    std::optional<OptionValue> converted;
    switch (spec->type) {
      case OptionType::String:
        if (value.kind == ir::Value::Kind::String) converted = value.text;
        break;
      case OptionType::Bool:
        if (value.kind == ir::Value::Kind::Bool) converted = value.boolean;
        break;
      case OptionType::Int:
        if (value.kind == ir::Value::Kind::Integer) converted = value.integer;
        break;
      case OptionType::Enum:
        if ((value.kind == ir::Value::Kind::String || value.kind == ir::Value::Kind::Name) &&
            std::find(spec->values.begin(), spec->values.end(), value.text) != spec->values.end()) {
          converted = value.text;
        }
        break;
    }
    if (!converted) {
      const std::string found = (spec->type == OptionType::Enum && (value.kind == ir::Value::Kind::String ||
                                                                    value.kind == ir::Value::Kind::Name))
                                    ? fmt::format("`{}`", value.text)
                                    : describe_value(value);
      auto report = diagnostics.report<DiagnosticKind::InvalidBackendOption>(span, name, target->name,
                                       expected_type_name(*spec), found);
      if (spec->type == OptionType::Enum && (value.kind == ir::Value::Kind::String || value.kind == ir::Value::Kind::Name)) {
        std::vector<std::string_view> allowed(spec->values.begin(), spec->values.end());
        if (const auto suggestion = closest_match(value.text, allowed)) {
          report.note(fmt::format("did you mean `{}`?", *suggestion));
        }
      }
      continue;
    }
    options.set(spec->name, std::move(*converted));
  }
  if (diagnostics.error_count() != errors_before) return std::nullopt;
  return options;
}

bool run_backend(const Backend& backend, const ir::Module& module, const Options& options,
                 OutputDirectory& out, DiagnosticEngine& diagnostics, SourceSpan where, SharedArtifacts* shared) {
  const std::size_t errors_before = diagnostics.error_count();
  std::string failure;
  try {
    SharedArtifacts own;
    backend.emit(module, options, out, diagnostics, shared != nullptr ? *shared : own);
  } catch (const Interrupted&) {
    throw;  // not the backend's failure: the driver reports it
  } catch (const OutputError& error) {
    failure = fmt::format("cannot write `{}`: {}", error.path(), error.reason());
  } catch (const std::exception& error) {
    failure = error.what();
  } catch (...) {
    failure = "unknown exception";
  }
  if (!failure.empty()) {
    (void)diagnostics.report<DiagnosticKind::BackendFailed>(where, backend.name(), failure);
    return false;
  }
  return diagnostics.error_count() == errors_before;
}

}  // namespace bpc::backends
