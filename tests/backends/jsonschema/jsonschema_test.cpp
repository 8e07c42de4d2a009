// The backend framework (option validation, failure attribution, the registry) and the
// `jsonschema` backend on blueprints compiled from text. The generated schemas of every example
// are validated with ajv by jsonschema_build_test.py.

#include <memory>
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backends/backend.h"
#include "backends/jsonschema/jsonschema_backend.h"
#include "tests/backends/compiled_blueprint.h"

namespace bpc::backends {
namespace {

using jsonschema::JsonSchemaBackend;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Compiled = testing::CompiledBlueprint;

std::unique_ptr<Compiled> compile_text(std::string text) { return testing::compile_blueprint(std::move(text)); }

std::vector<std::string> codes(const DiagnosticEngine& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.diagnostics()) out.emplace_back(info(d.kind).code);
  return out;
}

constexpr const char* kBlueprint = R"(blueprint Shop { version "2.0.0" }

/// An e-mail address.
type Email = string @format(email) @maxLength(254)
type Money = decimal @precision(8, 2) @min(0)

enum Status { active, retired }

struct Dimensions {
  width: float @min(0.5)
  height: float
}

/// A customer of the shop.
entity Customer {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(80)
  email: Email @unique
  password: string @secret
  code: string @readonly @pattern("^[A-Z]{3}$")
  legacy: string? @deprecated("use name")
  orders: list<Order> @inverse(customer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  total: Money = 0
  count: int = 1 @min(1) @max(99)
  status: Status = active
  size: Dimensions?
  labels: map<string, string>
  tags: list<string> @maxLength(5)
  placed: datetime
  due: date?
  wait: duration?
  raw: bytes?
  extra: json?
}
)";

std::map<std::string, json> emit_schemas(const ir::Module& module, const Options& options) {
  JsonSchemaBackend backend;
  OutputDirectory out;
  DiagnosticEngine diagnostics;
  EXPECT_TRUE(run_backend(backend, module, options, out, diagnostics));
  std::map<std::string, json> files;
  for (const auto& [path, file] : out) files[path] = json::parse(file.contents);
  return files;
}

Options defaults(const Backend& backend) {
  DiagnosticEngine diagnostics;
  return *resolve_options(backend, nullptr, {}, diagnostics);
}

TEST(JsonSchemaBackend, OneSchemaPerEntityStructAndEnumAndAnIndex) {
  auto c = compile_text(kBlueprint);
  ASSERT_FALSE(c->diagnostics.has_errors()) << codes(c->diagnostics).size();
  JsonSchemaBackend backend;
  const auto files = emit_schemas(*c->module, defaults(backend));
  std::vector<std::string> paths;
  for (const auto& [path, file] : files) paths.push_back(path);
  EXPECT_THAT(paths, ElementsAre("index.json", "schemas/Customer.schema.json", "schemas/Dimensions.schema.json",
                                 "schemas/Order.schema.json", "schemas/Status.schema.json"));
  const json& index = files.at("index.json");
  EXPECT_EQ(index["blueprint"], "Shop");
  EXPECT_EQ(index["schemas"].size(), 4u);
  EXPECT_EQ(index["schemas"][0]["name"], "Customer");
  EXPECT_EQ(index["schemas"][0]["kind"], "entity");
}

TEST(JsonSchemaBackend, MapsEveryConstraint) {
  auto c = compile_text(kBlueprint);
  JsonSchemaBackend backend;
  const auto files = emit_schemas(*c->module, defaults(backend));
  const json& customer = files.at("schemas/Customer.schema.json");
  EXPECT_EQ(customer["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(customer["$id"], "Customer.schema.json");
  EXPECT_EQ(customer["description"], "A customer of the shop.");
  EXPECT_EQ(customer["additionalProperties"], false);
  const json& p = customer["properties"];
  EXPECT_EQ(p["id"], json::parse(R"({"type":"string","format":"uuid","readOnly":true})"));
  EXPECT_EQ(p["name"]["minLength"], 1);
  EXPECT_EQ(p["name"]["maxLength"], 80);
  EXPECT_EQ(p["email"]["format"], "email");
  EXPECT_EQ(p["email"]["maxLength"], 254);
  EXPECT_EQ(p["email"]["description"], "An e-mail address.");
  EXPECT_EQ(p["password"]["writeOnly"], true);
  EXPECT_EQ(p["code"]["readOnly"], true);
  EXPECT_EQ(p["code"]["pattern"], "^[A-Z]{3}$");
  EXPECT_EQ(p["legacy"]["deprecated"], true);
  EXPECT_THAT(p["legacy"]["description"].get<std::string>(), HasSubstr("use name"));
  EXPECT_EQ(p["legacy"]["anyOf"][1], json::parse(R"({"type":"null"})"));
  EXPECT_EQ(p["orders"]["type"], "array");
  EXPECT_EQ(p["orders"]["readOnly"], true);  // the inverse side of a relation
  EXPECT_EQ(customer["required"], json::parse(R"(["name","email","password","code"])"));

  const json& o = files.at("schemas/Order.schema.json")["properties"];
  EXPECT_EQ(o["customer"]["format"], "uuid");  // entityReferences: id
  EXPECT_THAT(o["customer"]["description"].get<std::string>(), HasSubstr("Customer"));
  EXPECT_EQ(o["total"]["type"], "string");
  EXPECT_EQ(o["total"]["pattern"], "^[0-9]{1,6}(\\.[0-9]{1,2})?$");
  EXPECT_EQ(o["total"]["default"], "0");
  EXPECT_EQ(o["count"]["minimum"], 1);
  EXPECT_EQ(o["count"]["maximum"], 99);
  EXPECT_EQ(o["count"]["default"], 1);
  EXPECT_EQ(o["status"]["$ref"], "Status.schema.json");
  EXPECT_EQ(o["status"]["default"], "active");
  EXPECT_EQ(o["size"]["anyOf"][0]["$ref"], "Dimensions.schema.json");
  EXPECT_EQ(o["labels"]["additionalProperties"]["type"], "string");
  EXPECT_EQ(o["tags"]["maxItems"], 5);
  EXPECT_EQ(o["placed"]["format"], "date-time");
  EXPECT_EQ(o["due"]["anyOf"][0]["format"], "date");
  EXPECT_EQ(o["wait"]["anyOf"][0]["format"], "duration");
  EXPECT_EQ(o["raw"]["anyOf"][0]["contentEncoding"], "base64");

  EXPECT_EQ(files.at("schemas/Dimensions.schema.json")["properties"]["width"]["minimum"], 0.5);
  EXPECT_EQ(files.at("schemas/Status.schema.json")["enum"], json::parse(R"(["active","retired"])"));
}

TEST(JsonSchemaBackend, EntityReferencesRefOption) {
  auto c = compile_text(std::string(kBlueprint) + "target jsonschema { entityReferences ref }\n");
  ASSERT_FALSE(c->diagnostics.has_errors());
  JsonSchemaBackend backend;
  DiagnosticEngine diagnostics;
  const auto options = resolve_options(backend, &c->module->targets.at(0), c->files, diagnostics);
  ASSERT_TRUE(options.has_value());
  EXPECT_EQ(options->string("entityReferences"), "ref");
  const auto files = emit_schemas(*c->module, *options);
  EXPECT_EQ(files.at("schemas/Order.schema.json")["properties"]["customer"]["$ref"], "Customer.schema.json");
}

TEST(JsonSchemaBackend, OutputIsDeterministic) {
  auto a = compile_text(kBlueprint);
  auto b = compile_text(kBlueprint);
  JsonSchemaBackend backend;
  OutputDirectory out_a;
  OutputDirectory out_b;
  DiagnosticEngine diagnostics;
  ASSERT_TRUE(run_backend(backend, *a->module, defaults(backend), out_a, diagnostics));
  ASSERT_TRUE(run_backend(backend, *b->module, defaults(backend), out_b, diagnostics));
  ASSERT_EQ(out_a.size(), out_b.size());
  for (const auto& [path, file] : out_a) EXPECT_EQ(file.contents, out_b.find(path)->contents) << path;
}

// ---- the framework -----------------------------------------------------------------------------

class FakeBackend final : public Backend {
 public:
  enum class Mode { Ok, Throw, BadPath, ReadUndeclared };
  explicit FakeBackend(Mode mode = Mode::Ok, std::string name = "fake") : mode_(mode), name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  std::string_view description() const override { return "a test backend"; }
  std::vector<OptionSpec> options() const override {
    return {{"package", OptionType::String, {}, std::string("pkg"), "package name"},
            {"strict", OptionType::Bool, {}, true, "strict mode"},
            {"indent", OptionType::Int, {}, std::int64_t{2}, "indent width"},
            {"style", OptionType::Enum, {"camel", "snake"}, std::string("camel"), "naming"}};
  }
  void emit(const ir::Module&, const Options& options, OutputDirectory& out, DiagnosticEngine&,
            SharedArtifacts&) const override {
    switch (mode_) {
      case Mode::Ok: out.add("a.txt", options.string("package")); break;
      case Mode::Throw: throw std::runtime_error("something broke");
      case Mode::BadPath: out.add("../escape.txt", "x"); break;
      case Mode::ReadUndeclared: (void)options.string("nope"); break;
    }
  }

 private:
  Mode mode_;
  std::string name_;
};

std::unique_ptr<Compiled> with_target(const std::string& body) {
  return compile_text("blueprint T {}\nentity A { id: uuid @id }\ntarget jsonschema { " + body + " }\n");
}

TEST(BackendOptions, DefaultsFillMissingOptions) {
  FakeBackend backend;
  auto c = with_target("");
  DiagnosticEngine diagnostics;
  const auto options = resolve_options(backend, &c->module->targets.at(0), c->files, diagnostics);
  ASSERT_TRUE(options.has_value());
  EXPECT_EQ(options->string("package"), "pkg");
  EXPECT_TRUE(options->boolean("strict"));
  EXPECT_EQ(options->integer("indent"), 2);
  EXPECT_EQ(options->string("style"), "camel");
}

TEST(BackendOptions, ValuesOfEveryType) {
  FakeBackend backend;
  auto c = with_target(R"(package "x" strict false indent 4 style snake)");
  ASSERT_FALSE(c->diagnostics.has_errors());
  DiagnosticEngine diagnostics;
  const auto options = resolve_options(backend, &c->module->targets.at(0), c->files, diagnostics);
  ASSERT_TRUE(options.has_value());
  EXPECT_EQ(options->string("package"), "x");
  EXPECT_FALSE(options->boolean("strict"));
  EXPECT_EQ(options->integer("indent"), 4);
  EXPECT_EQ(options->string("style"), "snake");
}

TEST(BackendOptions, UnknownOptionSuggestsTheClosest) {
  FakeBackend backend;
  auto c = with_target(R"(pakage "x")");
  DiagnosticEngine diagnostics;
  EXPECT_FALSE(resolve_options(backend, &c->module->targets.at(0), c->files, diagnostics).has_value());
  ASSERT_EQ(codes(diagnostics), std::vector<std::string>{"BP3001"});
  const Diagnostic& d = diagnostics.diagnostics()[0];
  EXPECT_EQ(d.message, "unknown option `pakage` for target `jsonschema`");
  EXPECT_THAT(d.notes, ElementsAre("did you mean `package`?"));
  EXPECT_FALSE(d.span.file.is_none());
}

TEST(BackendOptions, MistypedValuesNameTheExpectedType) {
  FakeBackend backend;
  auto c = with_target(R"(package 3 strict "yes" indent "2" style kebab)");
  DiagnosticEngine diagnostics;
  EXPECT_FALSE(resolve_options(backend, &c->module->targets.at(0), c->files, diagnostics).has_value());
  ASSERT_EQ(codes(diagnostics), (std::vector<std::string>{"BP3002", "BP3002", "BP3002", "BP3002"}));
  const auto& all = diagnostics.diagnostics();
  EXPECT_EQ(all[0].message, "option `package` of target `jsonschema` must be a string, found the integer 3");
  EXPECT_THAT(all[1].message, HasSubstr("must be a boolean"));
  EXPECT_THAT(all[2].message, HasSubstr("must be an integer, found a string"));
  EXPECT_EQ(all[3].message, "option `style` of target `jsonschema` must be one of `camel`, `snake`, found `kebab`");
}

TEST(BackendOptions, JsonSchemaTakesOnlyItsEnum) {
  JsonSchemaBackend backend;
  auto c = with_target("entityReferences pointer");
  DiagnosticEngine diagnostics;
  EXPECT_FALSE(resolve_options(backend, &c->module->targets.at(0), c->files, diagnostics).has_value());
  EXPECT_EQ(codes(diagnostics), std::vector<std::string>{"BP3002"});
}

TEST(RunBackend, ExceptionsAreTheBackendsFailure) {
  auto c = with_target("");
  OutputDirectory out;
  DiagnosticEngine diagnostics;
  FakeBackend throwing(FakeBackend::Mode::Throw);
  EXPECT_FALSE(run_backend(throwing, *c->module, defaults(throwing), out, diagnostics));
  FakeBackend bad_path(FakeBackend::Mode::BadPath);
  EXPECT_FALSE(run_backend(bad_path, *c->module, defaults(bad_path), out, diagnostics));
  FakeBackend undeclared(FakeBackend::Mode::ReadUndeclared);
  EXPECT_FALSE(run_backend(undeclared, *c->module, defaults(undeclared), out, diagnostics));
  ASSERT_EQ(codes(diagnostics), (std::vector<std::string>{"BP3003", "BP3003", "BP3003"}));
  const auto& all = diagnostics.diagnostics();
  EXPECT_EQ(all[0].message, "backend `fake` failed: something broke");
  EXPECT_THAT(all[1].message, HasSubstr("backend `fake` failed: cannot write `../escape.txt`"));
  EXPECT_THAT(all[2].message, HasSubstr("undeclared option `nope`"));
  FakeBackend ok;
  EXPECT_TRUE(run_backend(ok, *c->module, defaults(ok), out, diagnostics));
  EXPECT_EQ(out.find("a.txt")->contents, "pkg");
}

TEST(BackendRegistry, FindsBackendsByNameAndRefusesDuplicates) {
  BackendRegistry registry;
  registry.add(std::make_unique<FakeBackend>());
  registry.add(std::make_unique<FakeBackend>(FakeBackend::Mode::Ok, "other"));
  EXPECT_THROW(registry.add(std::make_unique<FakeBackend>()), std::logic_error);
  EXPECT_THAT(registry.names(), ElementsAre("fake", "other"));
  EXPECT_NE(registry.find("other"), nullptr);
  EXPECT_EQ(registry.find("missing"), nullptr);
  const BackendRegistry standard = standard_backends();
  EXPECT_THAT(standard.names(), ElementsAre("cpp", "jsonschema", "openapi", "python", "typescript"));
}

TEST(BackendRegistry, RefusesADefaultOfTheWrongType) {
  class BadDefault final : public Backend {
   public:
    std::string_view name() const override { return "bad"; }
    std::string_view description() const override { return ""; }
    std::vector<OptionSpec> options() const override {
      return {{"style", OptionType::Enum, {"a", "b"}, std::string("c"), ""}};
    }
    void emit(const ir::Module&, const Options&, OutputDirectory&, DiagnosticEngine&, SharedArtifacts&) const override {}
  };
  BackendRegistry registry;
  EXPECT_THROW(registry.add(std::make_unique<BadDefault>()), std::logic_error);
}

}  // namespace
}  // namespace bpc::backends
