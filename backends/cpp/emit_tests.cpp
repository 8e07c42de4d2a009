// tests/*.cpp: the GoogleTest suite generated from the blueprint, run by ctest against the real
// server on a loopback port. Each file registers tests of the fixed suites (tests/suites.h) at
// start-up, with tables of what the blueprint says: every constraint (a valid record, and a value
// breaking each constraint: 400 naming the field), CRUD round trips with pagination, filters,
// sorts, search, unique violations (409) and 404, access control (401, 403, allowed), legal and
// illegal workflow transitions (409), relation routes, row-level scopes, soft delete, files, the
// events writes and transitions raise, trigger handlers, and custom operations answering 501
// until written. What to test, the samples, and what cannot be tested and why, are the service
// model's (backends/service_model/test_plan.h, crud_tests.h); this file spells them in C++.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "backends/cpp/emitters.h"
#include "base/casing.h"
#include "backends/service_model/crud_tests.h"
#include "backends/support/routes.h"

namespace bpc::backends::cpp {

namespace {

using Kind = ir::Operation::Kind;
using service::Sample;
constexpr int kVariants = 24;  // distinct sample records per entity and service

std::string str(std::string_view text) { return CppContext::string(text); }

// A long run of one letter (a sample one longer than a maxLength allows), written as a count.
bool repeats_one_letter(std::string_view text) {
  return text.size() > 64 && std::isalnum(static_cast<unsigned char>(text.front())) != 0 &&
         text.find_first_not_of(text.front()) == std::string_view::npos;
}

// A sample as a C++ expression of a Json; a reference is `service.ref("Entity")`, which makes a
// record the first time.
std::string expression(const ir::Module& m, const Sample& sample) {
  switch (sample.kind) {
    case Sample::Kind::Null: return "Json(nullptr)";
    case Sample::Kind::Bool: return fmt::format("Json({})", sample.text);
    case Sample::Kind::Number: return fmt::format("Json::parse({})", str(sample.text));
    case Sample::Kind::String:
      if (repeats_one_letter(sample.text)) return fmt::format("Json(std::string({}, '{}'))", sample.text.size(), sample.text.front());
      return fmt::format("Json({})", str(sample.text));
    case Sample::Kind::Reference: return fmt::format("service.ref({})", str(m.entity(sample.entity).name));
    case Sample::Kind::List: {
      std::vector<std::string> items;
      for (const auto& [key, item] : sample.members) items.push_back(expression(m, item));
      return fmt::format("Json::array({{{}}})", fmt::join(items, ", "));
    }
    case Sample::Kind::Object: {
      std::vector<std::string> members;
      for (const auto& [key, item] : sample.members) members.push_back(fmt::format("{{{}, {}}}", str(key), expression(m, item)));
      return fmt::format("bpc::runtime::json_object({{{}}})", fmt::join(members, ", "));
    }
  }
  return "Json(nullptr)";
}

// `[](Service& service) -> Json { (void)service; return value; }`, on one line (a lambda's body
// on lines of its own would be indented from wherever libFormat puts the lambda).
std::string maker(std::string_view value) { return fmt::format("[](Service& service) -> Json {{ (void)service; return {}; }}", value); }

// `suite(arguments, spec)` with the spec built first, so its members are laid out one per line
// at a fixed indentation (a braced list after another argument is aligned to its brace).
std::string suite_call(std::string_view suite, std::string_view arguments, std::string_view spec_type, const std::vector<std::string>& members) {
  return fmt::format("  {{\n    const bpc::testing::{} spec{{\n        {},\n    }};\n    bpc::testing::{}({}, spec);\n  }}\n", spec_type,
                     fmt::join(members, ",\n        "), suite, arguments);
}

std::string_view generated_kind(service::GeneratedValue value) {
  switch (value) {
    case service::GeneratedValue::RandomUuid: return "bpc::runtime::Generated::Uuid";
    case service::GeneratedValue::NextInteger: return "bpc::runtime::Generated::NextInteger";
    case service::GeneratedValue::Now: return "bpc::runtime::Generated::Now";
  }
  return "bpc::runtime::Generated::Uuid";
}

class TestWriter {
 public:
  TestWriter(const CppContext& ctx, const service::TestPlan& plan, const service::Samples& samples)
      : ctx_(ctx), model_(ctx.service()), m_(ctx.module()), samples_(samples), plan_(plan) {}

  void write(OutputDirectory& out) {
    out.add("tests/fixtures.cpp", fixtures());
    out.add("tests/constraints_test.cpp", file("Constraints and custom operations", "constraints", constraints()));
    out.add("tests/crud_test.cpp", file("Records: CRUD, lists, relation routes, scopes, soft delete, files, handlers", "records", crud()));
    out.add("tests/access_test.cpp", file("Access control", "access", access()));
    out.add("tests/workflows_test.cpp", file("Workflow transitions", "workflows", workflows()));
  }

 private:
  ir::OperationId find(ir::EntityId entity, Kind kind) const { return model_.crud(entity, kind); }

  std::optional<std::string> caller(ir::OperationId op) const {
    if (!model_.secured()) return std::string();
    if (const auto role = model_.caller(op)) return m_.roles[role->index].name;
    return std::nullopt;
  }

  std::optional<std::string> refused_role(ir::OperationId op) const {
    if (const auto role = model_.refused_role(op)) return m_.roles[role->index].name;
    return std::nullopt;
  }

  std::string full_path(ir::OperationId op) const { return model_.full_path(op); }

  // The route's full path with its record placeholder written `{id}`, as the suites fill it.
  std::string id_path(ir::OperationId op) const {
    std::string path = full_path(op);
    const ir::Operation& o = m_.operations[op.index];
    for (ir::FieldId f : o.parameters) {
      const std::string placeholder = "{" + m_.field(f).name + "}";
      if (const std::size_t at = path.find(placeholder); at != std::string::npos) {
        path.replace(at, placeholder.size(), "{id}");
        break;
      }
    }
    return path;
  }

  std::string route(ir::OperationId op) const { return fmt::format("Route{{{}, {}}}", str(id_path(op)), str(*caller(op))); }

  std::optional<std::string> valid(ir::FieldId f, int n) const {
    if (auto sample = samples_.valid(f, n)) return expression(m_, *sample);
    return std::nullopt;
  }

  std::vector<std::string> variants(ir::FieldId f) const {
    std::vector<std::string> values;
    for (int n = 1; n <= kVariants; ++n) {
      if (auto v = valid(f, n)) values.push_back(std::move(*v));
    }
    return values;
  }

  bool integer_id(ir::EntityId id) const { return model_.parameter_kind(m_.field(m_.entity(id).id_field).type) == "number"; }
  // A well-formed id of `entity` that no test record has (the 404 tests).
  std::string missing_id_expression(ir::EntityId entity) const { return expression(m_, service::missing_id(model_, samples_, entity)); }

  // A test file registering `body`'s suites; `topic` names its registration, which must differ
  // between files because a unity build compiles several of them as one.
  std::string file(std::string_view title, std::string_view topic, const std::string& body) const {
    return std::string(kGeneratedHeader) + fmt::format(R"(// {0}: tests of the fixed suites (tests/suites.h), registered at start-up.

#include <optional>
#include <string>
#include <utility>
#include <vector>

{2}
namespace {{

using bpc::runtime::Json;
using bpc::testing::Route;
using bpc::testing::Service;

// NOLINTNEXTLINE(cert-err58-cpp): registration with GoogleTest before main, as TEST() does
const bool {3}_registered = [] {{
{1}  return true;
}}();

}}  // namespace
)",
                                                       title, body, sorted_includes({"suites.h", "model.h", "service.h"}), topic);
  }

  // `#include "..."` lines for the fixture header and the project's own headers, in the order
  // libFormat sorts them.
  std::string sorted_includes(std::vector<std::string> headers) const {
    for (std::string& header : headers) {
      if (header != "suites.h") header = ctx_.include_dir() + "/" + header;
    }
    std::sort(headers.begin(), headers.end());
    std::string out;
    for (const std::string& header : headers) out += fmt::format("#include \"{}\"\n", header);
    return out;
  }

  std::string fixtures() {
    std::string roles;
    for (std::uint32_t r = 0; r < m_.roles.size(); ++r) roles += fmt::format("          {{{}, \"role{}\"}},\n", str(m_.roles[r].name), r);
    std::string creators;
    for (ir::EntityId e : plan_.creatable_entities()) creators += creator(e);
    std::string entities;
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
      entities += fmt::format("          {{{}, &{}::descriptors::{}}},\n", str(m_.entities[i].name), ctx_.ns(),
                              ctx_.global(to_snake_case(m_.entities[i].name) + "_entity"));
    }
    return std::string(kGeneratedHeader) + fmt::format(R"(// What the tests need to know about this blueprint: the service, a development caller per role,
// and how to make a valid record of each entity the tests can make (tests/suites.h uses them).

{0}
namespace bpc::testing {{

const Fixtures& fixtures() {{
  static const Fixtures instance{{
      .settings = {1}::make_settings,
      .schema = {1}::descriptors::sql_schema,
      .roles = {2},
      .creators = {3},
      .entities = {4},
{5}  }};
  return instance;
}}

}}  // namespace bpc::testing
)",
                                                       sorted_includes({"suites.h", "descriptors.h", "service.h"}), ctx_.ns(), CppContext::braced_lines(roles, "      "), CppContext::braced_lines(creators, "      "),
                                                       CppContext::braced_lines(entities, "      "), claims());
  }

  // `.tenant = Claim{...}, .subject = ...`: for each claim some entity is scoped to, the entity whose
  // records they are (the tests make two), or two values of their type.
  std::string claims() const {
    std::string out;
    const auto add = [&](std::string_view claim, ir::FieldId service::EntityFacts::*which) {
      for (std::uint32_t e = 0; e < m_.entities.size(); ++e) {
        const ir::FieldId f = model_.entity(ir::EntityId{e}).*which;
        if (f.is_none()) continue;
        const ir::EntityId target = model_.referenced_entity(f);
        if (!target.is_none()) {
          out += fmt::format("      .{} = Claim{{.entity = {}, .values = {{}}}},\n", claim, str(m_.entity(target).name));
        } else {
          const bool number = model_.parameter_kind(m_.field(f).type) == "number";
          const ir::Type& type = model_.base(m_.field(f).type);
          const bool uuid = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Uuid;
          out += fmt::format("      .{} = Claim{{.entity = \"\", .values = {{{}}}}},\n", claim,
                             number ? "Json(1), Json(2)"
                             : uuid ? "Json(\"00000000-0000-4000-8000-00000000000a\"), Json(\"00000000-0000-4000-8000-00000000000b\")"
                                    : fmt::format("Json(\"{0}-a\"), Json(\"{0}-b\")", claim));
        }
        return;
      }
    };
    add("tenant", &service::EntityFacts::tenant);
    add("subject", &service::EntityFacts::owner);
    return out;
  }

  std::string creator(ir::EntityId id) {
    const ir::OperationId create = find(id, Kind::Create);
    std::string how;
    if (!create.is_none()) {
      how = fmt::format(".route = {},", route(create));
    } else {
      std::vector<std::string> generated;
      for (ir::FieldId f : model_.stored_fields(id)) {
        if (!m_.field(f).constraints->generated || !model_.generated_value(f)) continue;
        generated.push_back(fmt::format("{{{}, {}}}", str(m_.field(f).name), generated_kind(*model_.generated_value(f))));
      }
      std::string state = "std::nullopt";
      if (const ir::Workflow* w = model_.workflow_of(id)) {
        state = fmt::format("std::pair<std::string, std::string>{{{}, {}}}", str(m_.field(w->state_field).name),
                            str(ir::wire_name(m_.enums[w->states.index].values[w->initial])));
      }
      std::vector<std::string> scope;
      if (const ir::FieldId f = model_.entity(id).tenant; !f.is_none()) {
        scope.push_back(fmt::format("{{{}, bpc::runtime::Scope::Claim::Tenant}}", str(m_.field(f).name)));
      }
      if (const ir::FieldId f = model_.entity(id).owner; !f.is_none()) {
        scope.push_back(fmt::format("{{{}, bpc::runtime::Scope::Claim::Subject}}", str(m_.field(f).name)));
      }
      how = fmt::format(".seed = Creator::Seed{{.generated = {{{}}}, .state = {}, .scope = {{{}}}}},", fmt::join(generated, ", "), state,
                        fmt::join(scope, ", "));
    }
    std::vector<std::string> members;
    std::vector<std::string> variant_lists;
    std::vector<std::string> fresh;
    const std::vector<ir::FieldId> sampled = plan_.sample_fields(id);
    const service::SampleVariation variation = service::sample_variation(model_, samples_, plan_, id, kVariants);
    for (ir::FieldId f : sampled) {
      const std::string& name = m_.field(f).name;
      if (variation.fresh.contains(f.index)) {
        fresh.push_back(fmt::format("{{{}, {}}}", str(name), str(m_.entity(model_.referenced_entity(f)).name)));
        continue;
      }
      const auto sample = samples_.valid(f, 1);
      if (!sample) continue;  // a list of references: left out, it starts empty
      members.push_back(fmt::format("{{{}, {}}}", str(name), expression(m_, *sample)));
      if (variation.varied.contains(f.index)) {
        variant_lists.push_back(fmt::format("{{{}, {{{}}}}}", str(name), fmt::join(variants(f), ", ")));
      }
    }
    const bool routed = how.starts_with(".route");
    return fmt::format(R"(          {{
              {0},
              Creator{{
                  {1}
                  .id = {2},
                  {3}
                  .body = {4},
                  .variants = {{{5}}},
                  .fresh = {{{6}}},
              }},
          }},
)",
                       str(m_.entity(id).name), routed ? how : ".route = std::nullopt,", str(m_.field(m_.entity(id).id_field).name),
                       routed ? ".seed = std::nullopt," : how, maker(fmt::format("bpc::runtime::json_object({{{}}})", fmt::join(members, ", "))),
                       fmt::join(variant_lists, ", "), fmt::join(fresh, ", "));
  }

  std::string constraints() {
    std::string out;
    for (const service::SkippedTests& skip : plan_.skipped()) out += fmt::format("  bpc::testing::skipped({}, {});\n", str(skip.tests), str(skip.reason));
    for (ir::EntityId id : plan_.creatable_entities()) {
      const ir::OperationId create = find(id, Kind::Create);
      if (create.is_none()) continue;
      std::vector<std::string> cases;
      for (ir::FieldId f : model_.create_fields(id)) {
        for (const service::InvalidSample& bad : samples_.invalid(f)) {
          if (bad.value && bad.value->has_reference()) continue;  // a case needs no record: it is refused before
          cases.push_back(fmt::format("{{{}, {}, {}}}", str(m_.field(f).name), str(bad.constraint),
                                      bad.value ? expression(m_, *bad.value) : "std::nullopt"));
        }
      }
      if (cases.empty()) {
        out += fmt::format("  bpc::testing::constraint_suite({}, {}, {{}});\n", str(m_.entity(id).name), route(create));
      } else {
        out += fmt::format("  {{\n    const std::vector<bpc::testing::ConstraintCase> cases{{\n        {},\n    }};\n"
                           "    bpc::testing::constraint_suite({}, {}, cases);\n  }}\n",
                           fmt::join(cases, ",\n        "), str(m_.entity(id).name), route(create));
      }
    }
    out += custom_operations();
    return out;
  }

  // Custom operations answer 501 until written, after checking their arguments.
  std::string custom_operations() {
    std::string out;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      const ir::OperationId op{i};
      if (o.kind != Kind::Custom || !plan_.why_not_callable(op).empty()) continue;  // the latter listed as skipped
      std::string path = full_path(op);
      std::vector<std::string> query;
      std::vector<std::string> body;
      for (ir::FieldId f : o.parameters) {
        const ir::EntityId target = model_.referenced_entity(f);
        if (!target.is_none() && !plan_.creatable(target)) continue;
        const auto sample = samples_.valid(f, 1);
        if (!sample) continue;
        const std::string& name = m_.field(f).name;
        const std::string value = expression(m_, *sample);
        const std::string placeholder = "{" + name + "}";
        if (const std::size_t at = path.find(placeholder); at != std::string::npos) {
          // A route parameter: the suites cannot compute it into the path, so its sample's text.
          if (sample->kind == Sample::Kind::String || sample->kind == Sample::Kind::Number || sample->kind == Sample::Kind::Bool) {
            path.replace(at, placeholder.size(), sample->text);
          }
        } else if (!method_has_body(o.method)) {
          // A list is its key repeated, once per item.
          if (sample->kind == Sample::Kind::List) {
            for (const auto& item : sample->members) {
              query.push_back(fmt::format("{{{}, bpc::testing::text_of({})}}", str(name), expression(m_, item.second)));
            }
          } else {
            query.push_back(fmt::format("{{{}, bpc::testing::text_of({})}}", str(name), value));
          }
        } else {
          body.push_back(fmt::format("{{{}, {}}}", str(name), value));
        }
      }
      // A placeholder without a sample (an entity id): a well-formed id that does not exist.
      for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
        const std::size_t close = path.find('}', at);
        path.replace(at, close - at + 1, "00000000-0000-4000-8000-999999999999");
      }
      out += fmt::format(R"(  bpc::testing::custom_operation_suite(
      {}, {}, {}, {},
      [](Service& service) -> std::pair<std::vector<std::pair<std::string, std::string>>, Json> {{
        (void)service;
        return {{{{{}}}, {}}};
      }},
      {});
)",
                         str(o.name), str(ir::http_method_name(o.method)), str(path), str(*caller(op)), fmt::join(query, ", "),
                         method_has_body(o.method) ? fmt::format("bpc::runtime::json_object({{{}}})", fmt::join(body, ", ")) : "Json()",
                         static_cast<int>(model_.success(op)));
    }
    return out;
  }

  std::string crud() {
    std::string out = "  std::vector<std::pair<std::string, std::string>> documents;\n";
    for (std::uint32_t a = 0; a < m_.apis.size(); ++a) {
      out += fmt::format("  documents.emplace_back({}, {}::openapi_document({}));\n", str(m_.apis[a].name), ctx_.ns(), a);
    }
    out += "  bpc::testing::app_suite(documents);\n";
    for (ir::EntityId e : plan_.creatable_entities()) {
      out += crud_entity(e);
      if (model_.scoped(e)) out += scope_entity(e);
      out += soft_delete_entity(e);
      out += binary_entity(e);
    }
    for (std::uint32_t e = 0; e < m_.events.size(); ++e) {
      for (const ir::Handler& handler : m_.events[e].handlers) {
        if (handler.trigger.empty() || !plan_.why_not_testable(ir::EventId{e}, handler).empty()) continue;
        out += trigger_handler(ir::EventId{e}, handler);
      }
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      if (o.kind != Kind::Related) continue;
      if (!plan_.why_not_callable(ir::OperationId{i}).empty()) continue;  // a skipped group of the plan
      out += related(ir::OperationId{i});
    }
    return out;
  }

  std::string crud_entity(ir::EntityId id) {
    const service::CrudTests tests = service::crud_tests(model_, samples_, plan_, id, kVariants + 1);
    const auto name = [&](ir::FieldId f) { return str(m_.field(f).name); };
    const auto names = [&](const std::vector<ir::FieldId>& fields) {
      std::vector<std::string> out;
      for (ir::FieldId f : fields) out.push_back(name(f));
      return fmt::format("{{{}}}", fmt::join(out, ", "));
    };
    std::vector<std::string> spec{fmt::format(".id = {}", str(m_.field(m_.entity(id).id_field).name)),
                                  fmt::format(".integer_id = {}", integer_id(id) ? "true" : "false"),
                                  fmt::format(".missing_id = {}", missing_id_expression(id))};
    if (!tests.create.is_none()) spec.push_back(fmt::format(".create = {}", route(tests.create)));
    if (!tests.get.is_none()) spec.push_back(fmt::format(".get = {}", route(tests.get)));
    // The typed model reads a record and writes it back unchanged (records without secret fields,
    // which responses leave out and the struct holds).
    const auto& stored = model_.stored_fields(id);
    if (std::none_of(stored.begin(), stored.end(), [&](ir::FieldId f) { return m_.field(f).constraints->secret; })) {
      spec.push_back(fmt::format(".typed = [](const Json& record) {{ return Json(record.get<{}::{}>()); }}", ctx_.ns(),
                                 ctx_.type_name("entity", id.index)));
    }
    if (const auto& list = tests.list) {
      std::vector<std::string> members{fmt::format(".route = {}", route(list->route))};
      if (list->filter) members.push_back(fmt::format(".filter = {}", name(*list->filter)));
      if (list->unfiltered) members.push_back(fmt::format(".unfiltered = {}", name(*list->unfiltered)));
      if (list->sort) members.push_back(fmt::format(".sort = std::pair{{std::string({}), {}}}", name(*list->sort), order_kind(*list->sort)));
      if (list->range) members.push_back(fmt::format(".range = std::pair{{std::string({}), {}}}", name(*list->range), order_kind(*list->range)));
      if (list->any_of) {
        std::vector<std::string> values;
        for (std::string_view value : list->any_of_values) values.push_back(str(value));
        members.push_back(fmt::format(".any_of = std::pair{{std::string({}), std::vector<std::string>{{{}}}}}", name(*list->any_of),
                                      fmt::join(values, ", ")));
      }
      if (!list->search.empty()) members.push_back(fmt::format(".search = {}", names(list->search)));
      spec.push_back(fmt::format(".list = bpc::testing::ListSpec{{{}}}", fmt::join(members, ", ")));
    }
    if (const auto& update = tests.update) {
      spec.push_back(fmt::format(".update = bpc::testing::UpdateSpec{{{}, {}, {}}}", route(update->route), name(update->field),
                                 maker(expression(m_, update->value))));
      if (update->touched) spec.push_back(fmt::format(".touched = {}", name(*update->touched)));
    }
    if (!tests.unique.empty()) spec.push_back(fmt::format(".unique = {}", names(tests.unique)));
    if (!tests.secret.empty()) spec.push_back(fmt::format(".secret = {}", names(tests.secret)));
    if (!tests.unique_keys.empty()) {
      std::vector<std::string> keys;
      for (const std::vector<ir::FieldId>& key : tests.unique_keys) keys.push_back(fmt::format("std::vector<std::string>{}", names(key)));
      spec.push_back(fmt::format(".unique_together = {{{}}}", fmt::join(keys, ", ")));
    }
    if (!tests.remove.is_none()) spec.push_back(fmt::format(".remove = {}", route(tests.remove)));
    if (!tests.optional.empty()) spec.push_back(fmt::format(".optional = {}", names(tests.optional)));
    if (const auto& cascade = tests.cascade) {
      spec.push_back(fmt::format(".cascade = std::pair{{std::string({}), std::string({})}}", str(m_.entity(cascade->entity).name), name(cascade->field)));
    }
    if (const auto& dangling = tests.dangling) {
      spec.push_back(fmt::format(".dangling = std::pair{{std::string({}), {}}}", name(dangling->field), expression(m_, dangling->id)));
    }
    if (const auto& listed = tests.reference_list) {
      spec.push_back(fmt::format(".reference_list = std::pair{{std::string({}), std::string({})}}", name(*listed),
                                 str(m_.entity(model_.referenced_entity(*listed)).name)));
    }
    for (const service::DeclaredEventTest& d : tests.declared) {
      const std::string member = d.action == "create" ? "on_create" : d.action == "update" ? "on_update" : "on_remove";
      spec.push_back(fmt::format(".{} = bpc::testing::DeclaredEvent{{{}, {}}}", member, str(m_.events[d.event.index].name),
                                 d.carrier ? name(*d.carrier) : "std::nullopt"));
    }
    if (!tests.settled.empty()) spec.push_back(fmt::format(".settled = {}", names(tests.settled)));
    return suite_call("crud_suite", str(m_.entity(id).name), "CrudSpec", spec);
  }

  std::string order_kind(ir::FieldId f) const {
    std::string out = ctx_.order_kind(f);
    for (std::size_t at = out.find("OrderKind::"); at != std::string::npos; at = out.find("OrderKind::", at + 25)) {
      out.insert(at, "bpc::runtime::");
    }
    return out;
  }

  std::string scope_entity(ir::EntityId id) {
    const service::EntityFacts& facts = model_.entity(id);
    std::vector<std::string> fields;
    if (!facts.tenant.is_none()) fields.push_back(fmt::format("{{{}, bpc::runtime::Scope::Claim::Tenant}}", str(m_.field(facts.tenant).name)));
    if (!facts.owner.is_none()) fields.push_back(fmt::format("{{{}, bpc::runtime::Scope::Claim::Subject}}", str(m_.field(facts.owner).name)));
    std::vector<std::string> spec{fmt::format(".id = {}", str(m_.field(m_.entity(id).id_field).name)),
                                  fmt::format(".fields = {{{}}}", fmt::join(fields, ", "))};
    for (const auto& [key, kind] : {std::pair{"get", Kind::Get}, {"list", Kind::List}, {"update", Kind::Update}, {"remove", Kind::Delete}}) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format(".{} = {}", key, route(op)));
    }
    if (!find(id, Kind::Create).is_none() && caller(find(id, Kind::Create))) {
      for (ir::FieldId f : plan_.sample_fields(id)) {
        const ir::EntityId target = model_.referenced_entity(f);
        if (target.is_none() || model_.is_reference_list(f) || model_.is_unique_reference(f) || !model_.scoped(target) || !plan_.creatable(target) ||
            names_scoped_record(target)) {
          continue;
        }
        spec.push_back(fmt::format(".foreign = std::pair{{std::string({}), std::string({})}}", str(m_.field(f).name), str(m_.entity(target).name)));
        break;
      }
    }
    return suite_call("scope_suite", str(m_.entity(id).name), "ScopeSpec", spec);
  }

  bool names_scoped_record(ir::EntityId entity) const {
    const std::vector<ir::FieldId> fields = plan_.sample_fields(entity);
    return std::any_of(fields.begin(), fields.end(), [&](ir::FieldId f) {
      const ir::EntityId target = model_.referenced_entity(f);
      return !target.is_none() && model_.scoped(target);
    });
  }

  std::string soft_delete_entity(ir::EntityId id) {
    const ir::FieldId field = model_.entity(id).soft_delete;
    const ir::OperationId remove = find(id, Kind::Delete);
    const ir::OperationId restore = find(id, Kind::Restore);
    if (field.is_none() || remove.is_none() || restore.is_none() || !caller(remove) || !caller(restore)) return "";
    std::vector<std::string> spec{fmt::format(".id = {}", str(m_.field(m_.entity(id).id_field).name)),
                                  fmt::format(".missing_id = {}", missing_id_expression(id)),
                                  fmt::format(".field = {}", str(m_.field(field).name)), fmt::format(".remove = {}", route(remove)),
                                  fmt::format(".restore = {}", route(restore))};
    for (const auto& [key, kind] : {std::pair{"get", Kind::Get}, {"list", Kind::List}}) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format(".{} = {}", key, route(op)));
    }
    return suite_call("soft_delete_suite", str(m_.entity(id).name), "SoftDeleteSpec", spec);
  }

  std::string binary_entity(ir::EntityId id) {
    std::string out;
    if (file_operations_.empty()) {  // the download and upload operations by field, found once
      file_operations_.resize(m_.fields.size());
      for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
        const ir::Operation& o = m_.operations[i];
        if (o.kind == Kind::Download || o.kind == Kind::Upload) file_operations_[o.via.index].push_back(i);
      }
    }
    for (ir::FieldId f : model_.stored_fields(id)) {
      std::optional<std::string> download;
      std::optional<std::string> upload;
      for (const std::uint32_t i : file_operations_[f.index]) {
        const ir::Operation& o = m_.operations[i];
        if (!caller(ir::OperationId{i})) continue;
        if (o.kind == Kind::Download && !download) download = route(ir::OperationId{i});
        if (o.kind == Kind::Upload && !upload) upload = route(ir::OperationId{i});
      }
      if (!download && !upload) continue;
      std::vector<std::string> spec{fmt::format(".id = {}", str(m_.field(m_.entity(id).id_field).name)),
                                    fmt::format(".missing_id = {}", missing_id_expression(id)),
                                    fmt::format(".field = {}", str(m_.field(f).name)),
                                    fmt::format(".optional = {}", model_.required_on_create(f) ? "false" : "true")};
      if (download) spec.push_back(".download = " + *download);
      if (upload) spec.push_back(".upload = " + *upload);
      out += suite_call("binary_suite", str(m_.entity(id).name), "BinarySpec", spec);
    }
    return out;
  }

  std::string trigger_handler(ir::EventId event, const ir::Handler& handler) {
    const ir::OperationId create = plan_.raising_create(event, handler);
    const ir::EntityId source = m_.operations[create.index].entity;
    const ir::Workflow& w = m_.workflows[handler.workflow.index];
    const auto from_initial = std::find_if(w.transitions.begin(), w.transitions.end(), [&](const ir::Transition& t) {
      return t.trigger == handler.trigger && std::find(t.from.begin(), t.from.end(), w.initial) != t.from.end();
    });
    std::vector<std::string> hops;
    ir::EntityId current = source;
    for (std::size_t i = 1; i < handler.path.size(); ++i) {
      hops.push_back(fmt::format("{{{}, {}}}", str(m_.entity(current).name), str(m_.field(handler.path[i]).name)));
      current = ir::EntityId{model_.base(m_.field(handler.path[i]).type).declaration};
    }
    std::vector<std::string> events;
    for (ir::EventId raised : from_initial->emits) events.push_back(str(m_.events[raised.index].name));
    const ir::Enum& states = m_.enums[w.states.index];
    return fmt::format(R"(  bpc::testing::trigger_handler_suite(bpc::testing::TriggerHandlerSpec{{
      .handler = {},
      .source = {},
      .hops = {{{}}},
      .target = {},
      .state = {},
      .initial = {},
      .events = {{{}}},
  }});
)",
                       str(handler.name), str(m_.entity(source).name), fmt::join(hops, ", "), str(m_.entity(current).name),
                       str(m_.field(w.state_field).name), str(ir::wire_name(states.values[w.initial])), fmt::join(events, ", "));
  }

  std::string related(ir::OperationId id) {
    const ir::Operation& o = m_.operations[id.index];
    const ir::Field& via = m_.field(o.via);
    const ir::EntityId owner_id{via.owner.index};
    const ir::Entity& owner = m_.entities[owner_id.index];
    const ir::Relation& relation = m_.relations[via.relation.index];
    const std::string link = to_pascal_case(service::related_link_name(plan_.related_link(o)));
    return suite_call("related_suite", str(o.name), "RelatedSpec",
                      {fmt::format(".route = {}", route(id)), fmt::format(".owner = {}", str(owner.name)),
                       fmt::format(".owner_id = {}", str(m_.field(owner.id_field).name)),
                       fmt::format(".owner_missing_id = {}", missing_id_expression(owner_id)),
                       fmt::format(".entity = {}", str(m_.entity(o.entity).name)),
                       fmt::format(".id = {}", str(m_.field(m_.entity(o.entity).id_field).name)),
                       fmt::format(".link = bpc::testing::RelatedSpec::Link::{}", link), fmt::format(".field = {}", str(m_.field(relation.field).name))});
  }

  std::string access() {
    if (!model_.secured()) return "  // The blueprint declares no roles: every operation is open.\n";
    std::string out;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::OperationId op{i};
      const ir::Operation& o = m_.operations[i];
      std::string path = full_path(op);
      // Placeholders: a well-formed id no record has; the access check comes before validation.
      for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at)) {
        const std::size_t close = path.find('}', at);
        path.replace(at, close - at + 1, "00000000-0000-4000-8000-999999999999");
      }
      const auto refused = refused_role(op);
      const auto allowed = caller(op);
      out += fmt::format("  bpc::testing::access_suite({}, {}, {}, {}, {});\n", str(o.name), str(ir::http_method_name(o.method)), str(path),
                         refused ? fmt::format("std::optional<std::string>({})", str(*refused)) : "std::nullopt",
                         allowed ? fmt::format("std::optional<std::string>({})", str(*allowed)) : "std::nullopt");
    }
    return out;
  }

  std::string workflows() {
    std::string out;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      if (o.kind != Kind::Transition || !plan_.creatable(o.entity) || !plan_.why_not_callable(ir::OperationId{i}).empty()) continue;
      out += transition(ir::OperationId{i});
    }
    return out.empty() ? "  // The blueprint serves no workflow transition the tests can reach.\n" : out;
  }

  bool allowed_from(ir::WorkflowId workflow, const std::string& trigger, std::uint32_t state) const {
    const ir::Workflow& w = m_.workflows[workflow.index];
    const auto& indices = model_.transitions_with_trigger(workflow, trigger);
    return std::any_of(indices.begin(), indices.end(), [&](std::uint32_t index) {
      const ir::Transition& t = w.transitions[index];
      return std::find(t.from.begin(), t.from.end(), state) != t.from.end();
    });
  }

  std::string transition(ir::OperationId op) {
    const ir::Operation& o = m_.operations[op.index];
    const ir::Workflow& w = m_.workflows[o.workflow.index];
    const ir::Enum& states = m_.enums[w.states.index];
    const std::string& trigger = w.transitions[o.transition].trigger;
    // New records start here: the initial state, or where handlers moved them (TestPlan).
    const std::uint32_t start = plan_.settled_state(o.workflow);
    const ir::Transition* from_initial = plan_.transition_from_start(op);
    std::vector<std::string> arguments;
    for (ir::FieldId f : model_.split_parameters(op).second) {
      const ir::EntityId target = model_.referenced_entity(f);
      if (!target.is_none() && !plan_.creatable(target)) continue;
      if (const auto v = valid(f, 1)) arguments.push_back(fmt::format("{{{}, {}}}", str(m_.field(f).name), *v));
    }
    std::vector<std::string> spec{fmt::format(".workflow = {}", str(w.name)), fmt::format(".trigger = {}", str(trigger)),
                                  fmt::format(".entity = {}", str(m_.entity(o.entity).name)),
                                  fmt::format(".id = {}", str(m_.field(m_.entity(o.entity).id_field).name)),
                                  fmt::format(".path = {}", str(id_path(op))), fmt::format(".role = {}", str(*caller(op))),
                                  fmt::format(".state = {}", str(m_.field(w.state_field).name)),
                                  fmt::format(".initial = {}", str(ir::wire_name(states.values[start]))),
                                  fmt::format(".arguments = {}", maker(fmt::format("bpc::runtime::json_object({{{}}})", fmt::join(arguments, ", "))))};
    if (from_initial != nullptr) {
      spec.push_back(fmt::format(".to = std::string({})", str(ir::wire_name(states.values[from_initial->to]))));
      spec.push_back(fmt::format(".again_illegal = {}", allowed_from(o.workflow, trigger, from_initial->to) ? "false" : "true"));
      std::vector<std::string> sets;
      for (const ir::Assignment& a : plan_.answered_sets(*from_initial)) {
        const std::string field = str(m_.field(a.field).name);
        switch (a.source) {
          case ir::Assignment::Source::Now: sets.push_back(fmt::format("{{{}, bpc::testing::SetCheck::Kind::Now, \"\"}}", field)); break;
          case ir::Assignment::Source::Null: sets.push_back(fmt::format("{{{}, bpc::testing::SetCheck::Kind::Null, \"\"}}", field)); break;
          case ir::Assignment::Source::Parameter:
            sets.push_back(fmt::format("{{{}, bpc::testing::SetCheck::Kind::Argument, {}}}", field, str(m_.field(a.parameter).name)));
            break;
        }
      }
      spec.push_back(fmt::format(".sets = {{{}}}", fmt::join(sets, ", ")));
      std::vector<std::string> events;
      for (ir::EventId e : from_initial->emits) events.push_back(str(m_.events[e.index].name));
      spec.push_back(fmt::format(".events = {{{}}}", fmt::join(events, ", ")));
    }
    return fmt::format("  bpc::testing::transition_suite(bpc::testing::TransitionSpec{{\n      {},\n  }});\n", fmt::join(spec, ",\n      "));
  }

  const CppContext& ctx_;
  const service::ServiceModel& model_;
  const ir::Module& m_;
  const service::Samples& samples_;
  const service::TestPlan& plan_;
  std::vector<std::vector<std::uint32_t>> file_operations_;  // by field
};

}  // namespace

void emit_tests(const CppContext& ctx, const service::TestPlan& plan, const service::Samples& samples, OutputDirectory& out) {
  TestWriter(ctx, plan, samples).write(out);
  out.add("tests/model_test.cpp", std::string(kGeneratedHeader) + fmt::format(R"(// The typed model's JSON mapping: every record the service answers reads into its entity's struct
// and writes back as the same JSON.

#include <gtest/gtest.h>

#include "{1}/model.h"

namespace {0} {{
namespace {{

TEST(ModelTest, EnumsRoundTrip) {{
{2}}}

}}  // namespace
}}  // namespace {0}
)",
                                                                               ctx.ns(), ctx.include_dir(), [&] {
                                                                                 std::string out;
                                                                                 const ir::Module& m = ctx.module();
                                                                                 for (std::uint32_t i = 0; i < m.enums.size(); ++i) {
                                                                                   for (const ir::EnumValue& v : m.enums[i].values) {
                                                                                     out += fmt::format(
                                                                                         "  EXPECT_EQ(Json({0}).get<{1}>(), {1}::{2});\n  EXPECT_EQ(Json({1}::{2}), Json({0}));\n",
                                                                                         CppContext::string(ir::wire_name(v)), ctx.type_name("enum", i),
                                                                                         ctx.enumerator(i, v.name));
                                                                                   }
                                                                                 }
                                                                                 return out.empty() ? std::string("  SUCCEED();\n") : out;
                                                                               }()));
}

}  // namespace bpc::backends::cpp
