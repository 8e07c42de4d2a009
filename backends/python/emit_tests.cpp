// tests/: the pytest suite generated from the blueprint, run against the real application (through
// Starlette's TestClient) with the in-memory and the SQLite store. tests/fixtures.py says how to
// make a valid record of each entity; the test modules list the checks of the suites in
// tests/service.py (fixed): every constraint (a valid record, and a value breaking each
// constraint: 400 naming the field), CRUD round trips with pagination, filters, sorting, unique
// violations (409) and 404, relation routes, access control (401, 403, allowed), legal and illegal
// workflow transitions (409) with their events, and custom operations answering 501 until written.
// What to test, the samples, and what cannot be tested and why, are the service model's
// (backends/service_model/test_plan.h); this file spells them for pytest.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/python/emitters.h"
#include "backends/service_model/crud_tests.h"
#include "backends/support/naming.h"
#include "backends/support/routes.h"
#include "ir/list_query.h"

namespace bpc::backends::python {

namespace {

using Kind = ir::Operation::Kind;
using service::Sample;
constexpr int kVariants = 24;  // distinct sample records per entity and service

std::string str(std::string_view text) { return PyContext::string(text); }

// A sample as a Python expression; a reference is `ref("Entity")`, which the harness resolves by
// creating a record.
std::string expression(const ir::Module& m, const Sample& sample) {
  switch (sample.kind) {
    case Sample::Kind::Null: return "None";
    case Sample::Kind::Bool: return sample.text == "true" ? "True" : "False";
    case Sample::Kind::Number: return sample.text;
    case Sample::Kind::String: return str(sample.text);
    case Sample::Kind::Reference: return fmt::format("ref({})", str(m.entity(sample.entity).name));
    case Sample::Kind::List: {
      std::vector<std::string> items;
      for (const auto& [key, item] : sample.members) items.push_back(expression(m, item));
      return fmt::format("[{}]", fmt::join(items, ", "));
    }
    case Sample::Kind::Object: {
      std::vector<std::string> members;
      for (const auto& [key, item] : sample.members) members.push_back(fmt::format("{}: {}", str(key), expression(m, item)));
      return fmt::format("{{{}}}", fmt::join(members, ", "));
    }
  }
  return "None";
}

// `lambda ref: value` (or `lambda _ref: value` when it creates no records).
std::string resolver(bool references, std::string_view value) {
  return fmt::format("lambda {}: {}", references ? "ref" : "_ref", value);
}

std::string_view seed_kind(service::GeneratedValue value) {
  switch (value) {
    case service::GeneratedValue::RandomUuid: return "uuid";
    case service::GeneratedValue::NextInteger: return "number";
    case service::GeneratedValue::Now: return "now";
  }
  return "uuid";
}

// A test module's code, which defines `CHECKS`, and whether that list is empty: pytest reports a
// test parametrized over no checks as skipped, so such a module defines no test function.
struct Checks {
  std::string code;
  bool empty = false;
};

class TestWriter {
 public:
  TestWriter(const PyContext& ctx, const service::TestPlan& plan, const service::Samples& samples)
      : ctx_(ctx), model_(ctx.service()), m_(ctx.module()), samples_(samples), plan_(plan) {}

  void write(OutputDirectory& out) {
    add_module(out, "tests/fixtures.py", fixtures());
    add_module(out, "tests/test_constraints.py", module("constraints and custom operations", constraints()));
    add_module(out, "tests/test_records.py", module("records: CRUD, lists, unique keys, relation routes", records()));
    add_module(out, "tests/test_access.py", module("access control", access()));
    add_module(out, "tests/test_workflows.py", module("workflow transitions", workflows()));
  }

 private:
  ir::OperationId find(ir::EntityId entity, Kind kind) const { return model_.crud(entity, kind); }

  std::optional<std::string> caller(ir::OperationId op) const {
    if (!model_.secured()) return std::string();
    if (const auto role = model_.caller(op)) return m_.roles[role->index].name;
    return std::nullopt;
  }

  std::string route(ir::OperationId op) const {
    return fmt::format("Route({}, {})", str(model_.full_path(op)), str(*caller(op)));
  }

  std::optional<std::string> valid(ir::FieldId f, int n) const {
    if (auto sample = samples_.valid(f, n)) return expression(m_, *sample);
    return std::nullopt;
  }

  // A well-formed id of `entity` that no test record has (the 404 tests).
  std::string missing_id_expression(ir::EntityId entity) const { return expression(m_, service::missing_id(model_, samples_, entity)); }

  std::vector<std::string> variants(ir::FieldId f) const {
    std::vector<std::string> values;
    for (int n = 1; n <= kVariants; ++n) {
      if (auto v = valid(f, n)) values.push_back(std::move(*v));
    }
    return values;
  }

  // The route with `{id}` for the first placeholder, as the harness fills it.
  std::string id_placeholder(ir::OperationId op) const {
    std::string path = model_.full_path(op);
    const std::string placeholder = "{" + m_.field(m_.operations[op.index].parameters.front()).name + "}";
    if (const std::size_t at = path.find(placeholder); at != std::string::npos) path.replace(at, placeholder.size(), "{id}");
    return path;
  }

  // A test module: the checks `code` lists (`CHECKS`), run by one parametrized test.
  std::string module(std::string_view what, const Checks& checks) const {
    const std::string& code = checks.code;
    auto used = PyContext::identifiers_in(code);
    used.insert("Check");
    if (!checks.empty) used.insert({"pytest", "Service"});
    Imports imports;
    imports.module(Imports::Section::Standard, "json")
        .module(Imports::Section::ThirdParty, "pytest")
        .from(Imports::Section::FirstParty, "service",
              {"AccessCase", "BinarySpec", "Check", "CrudSpec", "CustomSpec", "ListSpec", "ReferenceList", "RelatedSpec", "Route",
               "ScopeSpec", "Service", "SoftDeleteSpec", "TransitionSpec", "TriggerHandlerSpec", "UpdateSpec", "access_checks",
               "binary_checks", "constraint_checks", "crud_checks", "custom_checks", "related_checks", "scope_checks",
               "soft_delete_checks", "transition_checks", "trigger_handler_checks"})
        .keep_used(used);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The generated tests of the $blueprint$ service: $what$."""

      from __future__ import annotations
    )", {{"blueprint", m_.header.name}, {"what", std::string(what)}});
    return assemble_module(p.take_output(), imports.render(), checks.empty ? code : code + R"(

@pytest.mark.parametrize("check", CHECKS, ids=[check.name for check in CHECKS])
def test(service: Service, check: Check) -> None:
    check(service)
)");
  }

  std::string fixtures() {
    Printer creators;
    for (ir::EntityId e : plan_.creatable_entities()) creator(creators, e);
    const std::string listed = creators.take_output();
    std::vector<std::string> roles;
    for (const ir::Role& role : m_.roles) roles.push_back(str(role.name));
    const auto used = PyContext::identifiers_in(listed);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """What the tests need to know about the $blueprint$ service: how to make it, its roles, and how
      to create a valid record of each entity the tests can create (tests/service.py uses them)."""

      from __future__ import annotations

      $imports$

      BLUEPRINT = Blueprint(
          create_app=create_app,
          memory_store=MemoryStore,
          sql_store=lambda url: SqlStore(url, Base.metadata, model.ENTITIES),
          entities=model.ENTITIES,
          roles=($roles$),
          creators={
              $creators$
          },
          principal=Principal,
          load_settings=load_settings,
          log_format=JsonFormatter().format,
          jwt_verifier=JwtVerifier,
          $claims$
          documents={
              name: json.loads(resources.files("$package$").joinpath("openapi", f"{name}.json").read_text(encoding="utf-8"))
              for name in API_NAMES
          },
      )
    )", {{"blueprint", m_.header.name}, {"package", ctx_.package()},
         {"imports", [&] {
            auto names = used;
            names.insert({"json", "resources", "model", "API_NAMES", "create_app", "Principal", "MemoryStore", "SqlStore",
                          "Base", "Blueprint", "Creator", "load_settings", "JsonFormatter", "JwtVerifier"});
            Imports imports;
            imports.module(Imports::Section::Standard, "json")
                .from(Imports::Section::Standard, "importlib", {"resources"})
                .from(Imports::Section::FirstParty, ctx_.package(), {"model"})
                .from(Imports::Section::FirstParty, ctx_.module_path("app"), {"API_NAMES", "create_app"})
                .from(Imports::Section::FirstParty, ctx_.module_path("runtime.access"), {"Principal"})
                .from(Imports::Section::FirstParty, ctx_.module_path("runtime.logs"), {"JsonFormatter"})
                .from(Imports::Section::FirstParty, ctx_.module_path("runtime.memory_store"), {"MemoryStore"})
                .from(Imports::Section::FirstParty, ctx_.module_path("runtime.settings"), {"load_settings"})
                .from(Imports::Section::FirstParty, ctx_.module_path("runtime.sql_store"), {"SqlStore"})
                .from(Imports::Section::FirstParty, ctx_.module_path("runtime.tokens"), {"JwtVerifier"})
                .from(Imports::Section::FirstParty, ctx_.module_path("tables"), {"Base"})
                .from(Imports::Section::FirstParty, "service", {"Blueprint", "Creator", "Route", "Seed"})
                .keep_used(names);
            return imports.render();
          }()},
         {"roles", roles.empty() ? "" : fmt::format("{},", fmt::join(roles, ", "))}, {"creators", listed},
         {"claims", claims()}});
    return p.take_output();
  }

  void creator(Printer& p, ir::EntityId id) {
    const ir::OperationId create = find(id, Kind::Create);
    std::vector<std::string> args;
    args.push_back(fmt::format("id={}", str(m_.field(m_.entity(id).id_field).name)));
    if (!create.is_none() && caller(create)) {
      args.push_back(fmt::format("route={}", route(create)));
    } else {
      std::vector<std::string> generated;
      for (ir::FieldId f : model_.stored_fields(id)) {
        if (!m_.field(f).constraints->generated) continue;
        generated.push_back(fmt::format("{}: \"{}\"", str(m_.field(f).name), seed_kind(*model_.generated_value(f))));
      }
      std::string state;
      if (const ir::Workflow* w = model_.workflow_of(id)) {
        state = fmt::format(", state=({}, {})", str(m_.field(w->state_field).name),
                            str(ir::wire_name(m_.enums[w->states.index].values[w->initial])));
      }
      std::vector<std::string> scope;
      if (const ir::FieldId f = model_.entity(id).tenant; !f.is_none()) scope.push_back(fmt::format("{}: \"tenant\"", str(m_.field(f).name)));
      if (const ir::FieldId f = model_.entity(id).owner; !f.is_none()) scope.push_back(fmt::format("{}: \"subject\"", str(m_.field(f).name)));
      if (!scope.empty()) state += fmt::format(", scope={{{}}}", fmt::join(scope, ", "));
      args.push_back(fmt::format("seed=Seed(generated={{{}}}{})", fmt::join(generated, ", "), state));
    }
    std::vector<std::string> members;
    std::vector<std::string> variant_lists;
    std::vector<std::string> fresh;
    bool references = false;
    const std::vector<ir::FieldId> sampled = plan_.sample_fields(id);
    const service::SampleVariation variation = service::sample_variation(model_, samples_, plan_, id, kVariants);
    for (ir::FieldId f : sampled) {
      const std::string& name = m_.field(f).name;
      if (variation.fresh.contains(f.index)) {
        fresh.push_back(fmt::format("{}: {}", str(name), str(m_.entity(model_.referenced_entity(f)).name)));
        continue;
      }
      const auto sample = samples_.valid(f, 1);
      if (!sample) continue;
      references = references || sample->has_reference();
      members.push_back(fmt::format("{}: {}", str(name), expression(m_, *sample)));
      if (variation.varied.contains(f.index)) {
        variant_lists.push_back(fmt::format("{}: [{}]", str(name), fmt::join(variants(f), ", ")));
      }
    }
    args.push_back(fmt::format("body={}", resolver(references, fmt::format("{{{}}}", fmt::join(members, ", ")))));
    if (!variant_lists.empty()) args.push_back(fmt::format("variants={{{}}}", fmt::join(variant_lists, ", ")));
    if (!fresh.empty()) args.push_back(fmt::format("fresh={{{}}}", fmt::join(fresh, ", ")));
    p.print("$name$: Creator(\n", {{"name", str(m_.entity(id).name)}});
    for (const std::string& arg : args) p.print("    $arg$,\n", {{"arg", arg}});
    p.print("),\n");
  }

  // `claims={...},`: for each of the tenant and the identity some entity is scoped to, the entity
  // whose records they are (the tests make two), or two values of their type; "" when none is.
  std::string claims() const {
    std::vector<std::string> members;
    const auto add = [&](std::string_view claim, ir::FieldId service::EntityFacts::*which) {
      for (std::uint32_t e = 0; e < m_.entities.size(); ++e) {
        const ir::FieldId f = model_.entity(ir::EntityId{e}).*which;
        if (f.is_none()) continue;
        const ir::EntityId target = model_.referenced_entity(f);
        if (!target.is_none()) {
          members.push_back(fmt::format("\"{}\": (\"entity\", {})", claim, str(m_.entity(target).name)));
        } else {
          const bool number = model_.parameter_kind(m_.field(f).type) == "number";
          const ir::Type& type = model_.base(m_.field(f).type);
          const bool uuid = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Uuid;
          members.push_back(fmt::format("\"{}\": (\"values\", {})", claim,
                                        number ? "(1, 2)"
                                        : uuid ? "(\"00000000-0000-4000-8000-00000000000a\", \"00000000-0000-4000-8000-00000000000b\")"
                                               : fmt::format("(\"{0}-a\", \"{0}-b\")", claim)));
        }
        return;  // every field of the claim has one type (the checker sees to it)
      }
    };
    add("tenant", &service::EntityFacts::tenant);
    add("subject", &service::EntityFacts::owner);
    return members.empty() ? std::string() : fmt::format("claims={{{}}},", fmt::join(members, ", "));
  }

  // `CHECKS: list[Check] = [...]` from suite calls, or an empty list.
  static Checks checks(const std::vector<std::string>& calls, const std::string& before = {}) {
    Printer p;
    p.print("$before$\n\nCHECKS: list[Check] = [\n", {{"before", before}});
    for (const std::string& call : calls) p.print("    *$call$,\n", {{"call", call}});
    p.print("]\n");
    return {p.take_output(), calls.empty()};
  }

  // Test functions for the groups the plan could not write, marked skipped with the reason.
  std::string skipped() const {
    Printer p;
    int index = 0;
    for (const service::SkippedTests& skip : plan_.skipped()) {
      p.print(R"(


        @pytest.mark.skip(reason=$reason$)
        def test_skipped_$index$() -> None:
            """$tests$: could not be generated."""
      )", {{"reason", str(skip.reason)}, {"index", index++}, {"tests", docstring_text(skip.tests)}});
    }
    if (index > 0) p.print("\n");  // what follows counts its blank lines from a line's end
    return p.take_output();
  }

  static std::string docstring_text(std::string_view text) {
    const std::string doc = doc_comment(text, Target::Python);
    return doc.size() >= 6 ? doc.substr(3, doc.size() - 6) : std::string(text);
  }

  Checks constraints() {
    std::vector<std::string> calls;
    for (ir::EntityId id : plan_.creatable_entities()) {
      const ir::OperationId create = find(id, Kind::Create);
      if (create.is_none() || !caller(create)) continue;
      std::vector<std::string> cases;
      for (ir::FieldId f : model_.create_fields(id)) {
        for (const service::InvalidSample& bad : samples_.invalid(f)) {
          cases.push_back(fmt::format("({}, {}{})", str(m_.field(f).name), str(bad.constraint),
                                      bad.value ? ", " + expression(m_, *bad.value) : std::string()));
        }
      }
      calls.push_back(fmt::format("constraint_checks({}, {}, [{}])", str(m_.entity(id).name), route(create), fmt::join(cases, ", ")));
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      if (m_.operations[i].kind == Kind::Custom && plan_.why_not_callable(ir::OperationId{i}).empty()) {
        calls.push_back(custom(ir::OperationId{i}));
      }
    }
    Checks result = checks(calls);
    result.code = skipped() + result.code;
    return result;
  }

  std::string custom(ir::OperationId op) const {
    const ir::Operation& o = m_.operations[op.index];
    std::string path = model_.full_path(op);
    std::vector<std::string> query;
    std::vector<std::string> body;
    bool references = false;
    for (ir::FieldId f : o.parameters) {
      const ir::EntityId target = model_.referenced_entity(f);
      if (!target.is_none() && !plan_.creatable(target)) continue;
      const auto sample = samples_.valid(f, 1);
      if (!sample) continue;
      const std::string& name = m_.field(f).name;
      const std::string placeholder = "{" + name + "}";
      // A route parameter: its sample's text (a number's or a boolean's spelling too).
      if (const std::size_t at = path.find(placeholder); at != std::string::npos &&
          (sample->kind == Sample::Kind::String || sample->kind == Sample::Kind::Number || sample->kind == Sample::Kind::Bool)) {
        path.replace(at, placeholder.size(), sample->text);
        continue;
      }
      references = references || sample->has_reference();
      const std::string value = expression(m_, *sample);
      if (sample->kind == Sample::Kind::Reference && !method_has_body(o.method)) {
        query.push_back(fmt::format("{}: str({})", str(name), value));
        continue;
      }
      if (method_has_body(o.method)) {
        body.push_back(fmt::format("{}: {}", str(name), value));
      } else if (sample->kind == Sample::Kind::List && sample->members.empty()) {
        continue;  // a list in a query string is its key repeated: an empty one is no key at all
      } else {
        // Text for a URL: strings as they are, anything else as JSON spells it.
        query.push_back(fmt::format("{}: {}", str(name), sample->kind == Sample::Kind::String ? value
                                                          : sample->kind == Sample::Kind::List
                                                              ? fmt::format("[json.dumps(v) if not isinstance(v, str) else v for v in {}]", value)
                                                              : fmt::format("json.dumps({})", value)));
      }
    }
    for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
      const std::size_t close = path.find('}', at);
      path.replace(at, close - at + 1, "00000000-0000-4000-8000-999999999999");
    }
    std::string args = fmt::format("{}, {}, {}, {}, {}", str(o.name), str(ir::http_method_name(o.method)), str(path), str(*caller(op)),
                                   static_cast<int>(model_.success(op)));
    if (!query.empty()) args += fmt::format(", query={}", resolver(references, fmt::format("{{{}}}", fmt::join(query, ", "))));
    if (method_has_body(o.method)) args += fmt::format(", body={}", resolver(references, fmt::format("{{{}}}", fmt::join(body, ", "))));
    return fmt::format("custom_checks(CustomSpec({}))", args);
  }

  Checks records() {
    std::vector<std::string> calls;
    for (ir::EntityId e : plan_.creatable_entities()) {
      calls.push_back(crud_entity(e));
      if (model_.scoped(e)) calls.push_back(scope_entity(e));
      if (auto call = soft_delete_entity(e)) calls.push_back(*call);
      for (std::string& call : binary_entity(e)) calls.push_back(std::move(call));
    }
    for (std::uint32_t e = 0; e < m_.events.size(); ++e) {
      for (const ir::Handler& handler : m_.events[e].handlers) {
        if (handler.trigger.empty() || !plan_.why_not_testable(ir::EventId{e}, handler).empty()) continue;
        calls.push_back(trigger_handler(ir::EventId{e}, handler));
      }
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      if (o.kind != Kind::Related || !plan_.why_not_callable(ir::OperationId{i}).empty()) continue;
      calls.push_back(related(ir::OperationId{i}));
    }
    return checks(calls);
  }

  bool names_scoped_record(ir::EntityId entity) const {
    const std::vector<ir::FieldId> fields = plan_.sample_fields(entity);
    return std::any_of(fields.begin(), fields.end(), [&](ir::FieldId f) {
      const ir::EntityId target = model_.referenced_entity(f);
      return !target.is_none() && model_.scoped(target);
    });
  }

  // Row-level isolation checks of a scoped entity.
  std::string scope_entity(ir::EntityId id) const {
    const service::EntityFacts& facts = model_.entity(id);
    std::vector<std::string> fields;
    if (!facts.tenant.is_none()) fields.push_back(fmt::format("{}: \"tenant\"", str(m_.field(facts.tenant).name)));
    if (!facts.owner.is_none()) fields.push_back(fmt::format("{}: \"subject\"", str(m_.field(facts.owner).name)));
    std::vector<std::string> spec{fmt::format("id={}", str(m_.field(m_.entity(id).id_field).name)),
                                  fmt::format("fields={{{}}}", fmt::join(fields, ", "))};
    // A reference to a scoped entity whose records the tests can make for another tenant: one
    // whose create body names no scoped record itself.
    const ir::OperationId create = find(id, Kind::Create);
    if (!create.is_none() && caller(create)) {
      for (ir::FieldId f : plan_.sample_fields(id)) {
        const ir::EntityId target = model_.referenced_entity(f);
        if (target.is_none() || model_.is_reference_list(f) || model_.is_unique_reference(f) || !model_.scoped(target) ||
            !plan_.creatable(target) || names_scoped_record(target)) {
          continue;
        }
        spec.push_back(fmt::format("foreign=({}, {})", str(m_.field(f).name), str(m_.entity(target).name)));
        break;
      }
    }
    for (const auto& [key, kind] : {std::pair{"get", Kind::Get}, {"list", Kind::List}, {"update", Kind::Update}, {"remove", Kind::Delete}}) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format("{}={}", key, with_id_route(op)));
    }
    return fmt::format("scope_checks({}, ScopeSpec({}))", str(m_.entity(id).name), fmt::join(spec, ", "));
  }

  // Soft-delete checks of an entity whose delete and restore a role may always call.
  std::optional<std::string> soft_delete_entity(ir::EntityId id) const {
    const ir::FieldId field = model_.entity(id).soft_delete;
    const ir::OperationId remove = find(id, Kind::Delete);
    const ir::OperationId restore = find(id, Kind::Restore);
    if (field.is_none() || remove.is_none() || restore.is_none() || !caller(remove) || !caller(restore)) return std::nullopt;
    const ir::Field& id_field = m_.field(m_.entity(id).id_field);
    std::vector<std::string> spec{fmt::format("id={}", str(id_field.name)),
                                  fmt::format("missing_id={}", missing_id_expression(id)),
                                  fmt::format("field={}", str(m_.field(field).name))};
    for (const auto& [key, kind] : {std::pair{"remove", Kind::Delete}, {"restore", Kind::Restore}, {"get", Kind::Get}, {"list", Kind::List}}) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format("{}={}", key, with_id_route(op)));
    }
    return fmt::format("soft_delete_checks({}, SoftDeleteSpec({}))", str(m_.entity(id).name), fmt::join(spec, ", "));
  }

  // File checks of each `bytes` field served by a download or an upload a role may always call.
  std::vector<std::string> binary_entity(ir::EntityId id) {
    if (binary_operations_.empty()) {  // the download and upload operations by field, found once
      binary_operations_.resize(m_.fields.size());
      for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
        const ir::Operation& o = m_.operations[i];
        if (o.kind == Kind::Download || o.kind == Kind::Upload) binary_operations_[o.via.index].push_back(i);
      }
    }
    std::vector<std::string> calls;
    for (ir::FieldId f : model_.stored_fields(id)) {
      std::vector<std::string> routes;
      for (std::uint32_t i : binary_operations_[f.index]) {
        const ir::Operation& o = m_.operations[i];
        if (!caller(ir::OperationId{i})) continue;
        const std::string key = o.kind == Kind::Download ? "download" : "upload";
        if (std::any_of(routes.begin(), routes.end(), [&](const std::string& r) { return r.starts_with(key); })) continue;
        routes.push_back(fmt::format("{}={}", key, with_id_route(ir::OperationId{i})));
      }
      if (routes.empty()) continue;
      const ir::Field& id_field = m_.field(m_.entity(id).id_field);
      calls.push_back(fmt::format(
          "binary_checks({}, BinarySpec({}, {}, {}, {}, {}))", str(m_.entity(id).name), str(id_field.name),
          missing_id_expression(id), str(m_.field(f).name),
          model_.required_on_create(f) ? "False" : "True", fmt::join(routes, ", ")));
    }
    return calls;
  }

  // The check of a handler that fires a trigger (the plan says it can be written).
  std::string trigger_handler(ir::EventId event, const ir::Handler& handler) const {
    const ir::OperationId create = plan_.raising_create(event, handler);
    const ir::EntityId source = m_.operations[create.index].entity;
    const ir::Workflow& w = m_.workflows[handler.workflow.index];
    const auto from_initial = std::find_if(w.transitions.begin(), w.transitions.end(), [&](const ir::Transition& t) {
      return t.trigger == handler.trigger && std::find(t.from.begin(), t.from.end(), w.initial) != t.from.end();
    });
    std::vector<std::string> hops;
    ir::EntityId current = source;
    for (std::size_t i = 1; i < handler.path.size(); ++i) {
      hops.push_back(fmt::format("({}, {})", str(m_.entity(current).name), str(m_.field(handler.path[i]).name)));
      current = ir::EntityId{model_.base(m_.field(handler.path[i]).type).declaration};
    }
    std::vector<std::string> events;
    for (ir::EventId raised : from_initial->emits) events.push_back(str(m_.events[raised.index].name));
    const ir::Enum& states = m_.enums[w.states.index];
    return fmt::format("trigger_handler_checks(TriggerHandlerSpec({}, {}, [{}], {}, {}, {}, [{}]))", str(handler.name),
                       str(m_.entity(source).name), fmt::join(hops, ", "), str(m_.entity(current).name),
                       str(m_.field(w.state_field).name), str(ir::wire_name(states.values[w.initial])), fmt::join(events, ", "));
  }

  std::string related(ir::OperationId id) const {
    const ir::Operation& o = m_.operations[id.index];
    const ir::Field& via = m_.field(o.via);
    const ir::Entity& owner = m_.entities[via.owner.index];
    const ir::Relation& relation = m_.relations[via.relation.index];
    const std::string_view link = service::related_link_name(plan_.related_link(o));
    const ir::Field& owner_id = m_.field(owner.id_field);
    return fmt::format("related_checks(RelatedSpec({}, {}, {}, {}, {}, {}, {}, \"{}\", {}))", str(id_placeholder(id)),
                       str(caller(id).value_or("")), str(owner.name), str(owner_id.name),
                       missing_id_expression(ir::EntityId{via.owner.index}), str(m_.entity(o.entity).name),
                       str(m_.field(m_.entity(o.entity).id_field).name), link, str(m_.field(relation.field).name));
  }

  std::string crud_entity(ir::EntityId id) {
    const ir::Entity& entity = m_.entity(id);
    const ir::Field& id_field = m_.field(entity.id_field);
    const service::CrudTests tests = service::crud_tests(model_, samples_, plan_, id, kVariants + 1);
    const auto name = [&](ir::FieldId f) { return str(m_.field(f).name); };
    const auto names = [&](const std::vector<ir::FieldId>& fields) {
      std::vector<std::string> out;
      for (ir::FieldId f : fields) out.push_back(name(f));
      return fmt::format("[{}]", fmt::join(out, ", "));
    };
    std::vector<std::string> spec{fmt::format("id={}", name(entity.id_field)),
                                  fmt::format("id_kind=\"{}\"", model_.parameter_kind(id_field.type) == "number" ? "number" : "string"),
                                  fmt::format("missing_id={}", missing_id_expression(id))};
    if (!tests.create.is_none()) spec.push_back(fmt::format("create={}", route(tests.create)));
    if (!tests.get.is_none()) spec.push_back(fmt::format("get={}", with_id_route(tests.get)));
    if (const auto& list = tests.list) {
      std::vector<std::string> members{str(model_.full_path(list->route)), str(*caller(list->route))};
      if (list->filter) members.push_back(fmt::format("filter={}", name(*list->filter)));
      if (list->unfiltered) members.push_back(fmt::format("unfiltered={}", name(*list->unfiltered)));
      if (list->sort) members.push_back(fmt::format("sort=({}, {})", name(*list->sort), ctx_.order_kind(*list->sort)));
      if (list->range) members.push_back(fmt::format("range=({}, {})", name(*list->range), ctx_.order_kind(*list->range)));
      if (list->any_of) {
        std::vector<std::string> values;
        for (std::string_view value : list->any_of_values) values.push_back(str(value));
        members.push_back(fmt::format("any_of=({}, [{}])", name(*list->any_of), fmt::join(values, ", ")));
      }
      if (!list->search.empty()) members.push_back(fmt::format("search={}", names(list->search)));
      spec.push_back(fmt::format("list=ListSpec({})", fmt::join(members, ", ")));
    }
    if (const auto& update = tests.update) {
      spec.push_back(fmt::format("update=UpdateSpec({}, {}, {}, {}{}{})", str(id_placeholder(update->route)),
                                 str(*caller(update->route)), name(update->field),
                                 resolver(update->value.has_reference(), expression(m_, update->value)),
                                 update->not_null ? fmt::format(", not_null={}", name(*update->not_null)) : "",
                                 update->touched ? fmt::format(", touched={}", name(*update->touched)) : ""));
    }
    if (!tests.unique.empty()) spec.push_back(fmt::format("unique={}", names(tests.unique)));
    if (!tests.secret.empty()) spec.push_back(fmt::format("secret={}", names(tests.secret)));
    if (!tests.unique_keys.empty()) {
      std::vector<std::string> keys;
      for (const std::vector<ir::FieldId>& key : tests.unique_keys) keys.push_back(names(key));
      spec.push_back(fmt::format("unique_together=[{}]", fmt::join(keys, ", ")));
    }
    if (!tests.remove.is_none()) spec.push_back(fmt::format("remove={}", with_id_route(tests.remove)));
    if (!tests.optional.empty()) spec.push_back(fmt::format("optional={}", names(tests.optional)));
    if (const auto& cascade = tests.cascade) {
      spec.push_back(fmt::format("cascade=({}, {})", str(m_.entity(cascade->entity).name), name(cascade->field)));
    }
    if (const auto& dangling = tests.dangling) {
      spec.push_back(fmt::format("dangling=({}, {})", name(dangling->field), expression(m_, dangling->id)));
    }
    if (const auto& listed = tests.reference_list) {
      spec.push_back(fmt::format("reference_list=ReferenceList({}, {})", name(*listed),
                                 str(m_.entity(model_.referenced_entity(*listed)).name)));
    }
    std::vector<std::string> declared;
    for (const service::DeclaredEventTest& d : tests.declared) {
      declared.push_back(fmt::format("\"{}\": ({}, {})", d.action, str(m_.events[d.event.index].name),
                                     d.carrier ? name(*d.carrier) : "None"));
    }
    if (!declared.empty()) spec.push_back(fmt::format("emits={{{}}}", fmt::join(declared, ", ")));
    if (!tests.settled.empty()) spec.push_back(fmt::format("settled={}", names(tests.settled)));
    return fmt::format("crud_checks(\n        {},\n        CrudSpec(\n            {},\n        ),\n    )", str(entity.name),
                       fmt::join(spec, ",\n            "));
  }

  std::string with_id_route(ir::OperationId op) const {
    return fmt::format("Route({}, {})", str(id_placeholder(op)), str(*caller(op)));
  }

  Checks access() {
    std::vector<std::string> cases;
    if (model_.secured()) {
      for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
        const ir::OperationId op{i};
        const ir::Operation& o = m_.operations[i];
        std::string path = model_.full_path(op);
        // Placeholders: a well-formed id that no record has; the access check comes before anything else.
        for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at)) {
          const std::size_t close = path.find('}', at);
          path.replace(at, close - at + 1, "00000000-0000-4000-8000-999999999999");
        }
        const auto refused = model_.refused_role(op);
        cases.push_back(fmt::format("AccessCase({}, {}, {}, {}, {})", str(o.name), str(ir::http_method_name(o.method)), str(path),
                                    caller(op) ? str(*caller(op)) : "None",
                                    refused ? str(m_.roles[refused->index].name) : "None"));
      }
    }
    if (cases.empty()) {
      return checks({}, "\n\n# The blueprint declares no roles: every operation is open.");
    }
    Printer p;
    p.print("\n\nCHECKS: list[Check] = access_checks(\n    [\n");
    for (const std::string& c : cases) p.print("        $c$,\n", {{"c", c}});
    p.print("    ],\n)\n");
    return {p.take_output()};
  }

  std::string trigger_body(ir::OperationId op, bool& references) const {
    std::vector<std::string> members;
    for (ir::FieldId f : model_.split_parameters(op).second) {
      const ir::EntityId target = model_.referenced_entity(f);
      if (!target.is_none() && !plan_.creatable(target)) continue;
      if (const auto sample = samples_.valid(f, 1)) {
        references = references || sample->has_reference();
        members.push_back(fmt::format("{}: {}", str(m_.field(f).name), expression(m_, *sample)));
      }
    }
    return fmt::format("{{{}}}", fmt::join(members, ", "));
  }

  bool allowed_from(ir::WorkflowId workflow, const std::string& trigger, std::uint32_t state) const {
    const ir::Workflow& w = m_.workflows[workflow.index];
    const auto& indices = model_.transitions_with_trigger(workflow, trigger);
    return std::any_of(indices.begin(), indices.end(), [&](std::uint32_t index) {
      const ir::Transition& t = w.transitions[index];
      return std::find(t.from.begin(), t.from.end(), state) != t.from.end();
    });
  }

  Checks workflows() {
    std::vector<std::string> calls;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      const ir::OperationId op{i};
      if (o.kind != Kind::Transition || !plan_.creatable(o.entity) || !plan_.why_not_callable(op).empty()) continue;
      const ir::Workflow& w = m_.workflows[o.workflow.index];
      const ir::Enum& states = m_.enums[w.states.index];
      const std::string& trigger = w.transitions[o.transition].trigger;
      // New records start here: the initial state, or where handlers moved them (TestPlan).
      const std::uint32_t start = plan_.settled_state(o.workflow);
      const std::string initial(ir::wire_name(states.values[start]));
      const ir::Transition* from_initial = plan_.transition_from_start(op);
      bool references = false;
      const std::string body = trigger_body(op, references);
      std::string title;
      std::string to = "None";
      bool again = false;
      std::vector<std::string> events;
      std::string sets;
      if (from_initial != nullptr) {
        const std::string target(ir::wire_name(states.values[from_initial->to]));
        again = !allowed_from(o.workflow, trigger, from_initial->to);
        title = fmt::format("{}: {} moves {} from {} to {}{}", w.name, trigger, m_.entity(o.entity).name, initial, target,
                            again ? ", and again is illegal (409)" : "");
        to = str(target);
        for (ir::EventId e : from_initial->emits) events.push_back(str(m_.events[e.index].name));
        // What `sets` writes: the time of the call, null, or the argument sent.
        std::vector<std::string> now;
        std::vector<std::string> null;
        std::vector<std::string> argument;
        for (const ir::Assignment& a : plan_.answered_sets(*from_initial)) {
          const std::string name = str(m_.field(a.field).name);
          switch (a.source) {
            case ir::Assignment::Source::Now: now.push_back(name); break;
            case ir::Assignment::Source::Null: null.push_back(name); break;
            case ir::Assignment::Source::Parameter:
              argument.push_back(fmt::format("{}: {}", name, str(m_.field(a.parameter).name)));
              break;
          }
        }
        if (!now.empty()) sets += fmt::format(",\n            sets_now=[{}]", fmt::join(now, ", "));
        if (!null.empty()) sets += fmt::format(",\n            sets_null=[{}]", fmt::join(null, ", "));
        if (!argument.empty()) sets += fmt::format(",\n            sets_argument={{{}}}", fmt::join(argument, ", "));
      } else {
        title = fmt::format("{}: {} from {} is an illegal transition (409)", w.name, trigger, initial);
      }
      calls.push_back(fmt::format(
          "transition_checks(\n        TransitionSpec(\n            {},\n            {},\n            {},\n            {},\n            {},\n"
          "            {},\n            {},\n            {},\n            {},\n            again_illegal={},\n            events=[{}]{},\n        ),\n    )",
          str(title), str(m_.entity(o.entity).name), str(id_placeholder(op)), str(*caller(op)),
          str(m_.field(m_.entity(o.entity).id_field).name), str(m_.field(w.state_field).name), str(initial),
          resolver(references, body), to, again ? "True" : "False", fmt::join(events, ", "), sets));
    }
    return checks(calls);
  }

  const PyContext& ctx_;
  const service::ServiceModel& model_;
  const ir::Module& m_;
  const service::Samples& samples_;
  const service::TestPlan& plan_;
  std::vector<std::vector<std::uint32_t>> binary_operations_;  // by field
};

}  // namespace

void emit_tests(const PyContext& ctx, const service::TestPlan& plan, const service::Samples& samples, OutputDirectory& out) {
  TestWriter(ctx, plan, samples).write(out);
}

}  // namespace bpc::backends::python
