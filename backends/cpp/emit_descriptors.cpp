// include/<ns>/descriptors.h and src/descriptors.cpp: the runtime's view of the blueprint — a
// `bpc::runtime::Type` per type use (interned by CppContext), a RecordType per struct, per
// entity's create and update body and per operation's route parameters and input, and an
// EntityDescriptor per entity (unique keys, order kinds, references, generated, secret and
// `@updatedAt` fields, its tables), and `sql_schema()`: the statements that make the tables of bpc's
// relational schema (backends/service_model/relational_schema.h) in SQLite and PostgreSQL.

#include <set>
#include <vector>

#include <fmt/format.h>

#include "backends/cpp/emitters.h"
#include "backends/service_model/migration.h"
#include "ir/ir.h"

namespace bpc::backends::cpp {

namespace {

using Kind = ir::Operation::Kind;

class DescriptorWriter {
 public:
  explicit DescriptorWriter(const CppContext& ctx)
      : ctx_(ctx), m_(ctx.module()), s_(ctx.service()), schema_(service::relational_schema(ctx.service())) {}

  void write(OutputDirectory& out) {
    std::string declarations;
    std::string records;
    for (std::uint32_t i = 0; i < m_.structs.size(); ++i) {
      const ir::Struct& s = m_.structs[i];
      const std::string& name = ctx_.global(to_snake_case(s.name) + "_record");
      declarations += fmt::format("extern const RecordType {};\n", name);
      std::vector<std::string> fields;
      for (ir::FieldId f : s.fields) fields.push_back(field(f, !s_.is_optional(m_.field(f).type) && s_.default_of(m_.field(f)) == nullptr, true));
      records += record(name, s.name, fields);
    }
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) entity(i, declarations, records);
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) operation(ir::OperationId{i}, declarations, records);

    std::string header = std::string(kGeneratedHeader) + fmt::format(R"(#pragma once

// What the service checks requests against and what its stores know of each entity
// (bpc/runtime/values.h, bpc/runtime/store.h), made from the blueprint.

#include "bpc/runtime/sql_store.h"
#include "bpc/runtime/store.h"
#include "bpc/runtime/values.h"

namespace {0}::descriptors {{

using bpc::runtime::EntityDescriptor;
using bpc::runtime::RecordType;
{1}
// The tables of bpc's relational schema in SQLite and PostgreSQL, for SqlStore.
const bpc::runtime::SqlSchema& sql_schema();
}}  // namespace {0}::descriptors
)",
                                                                     ctx_.ns(), declarations.empty() ? "" : "\n" + declarations);
    std::string types = ctx_.descriptor_definitions().empty() ? "" : "\n";
    for (const std::string& definition : ctx_.descriptor_definitions()) types += definition + "\n";
    std::string source = std::string(kGeneratedHeader) + fmt::format(R"(#include "{dir}/descriptors.h"

#include <cstdint>
#include <optional>

namespace {0}::descriptors {{

namespace {{

using bpc::runtime::ColumnKind;
using bpc::runtime::Constraints;
using bpc::runtime::Field;
using bpc::runtime::Generated;
using bpc::runtime::Json;
using bpc::runtime::json_object;
using bpc::runtime::OnDelete;
using bpc::runtime::OrderKind;
using bpc::runtime::Reference;
using bpc::runtime::Scalar;
using bpc::runtime::Type;
{1}
}}  // namespace
{2}
const bpc::runtime::SqlSchema& sql_schema() {{
  static const bpc::runtime::SqlSchema schema{{
      .sqlite = {{{3}}},
      .postgresql = {{{4}}},
  }};
  return schema;
}}

}}  // namespace {0}::descriptors
)",
                                                                     ctx_.ns(), types, records, sql_tables(service::SqlDialect::Sqlite),
                                                                     sql_tables(service::SqlDialect::Postgresql), fmt::arg("dir", ctx_.include_dir()));
    out.add(fmt::format("include/{}/descriptors.h", ctx_.include_dir()), std::move(header));
    out.add("src/descriptors.cpp", std::move(source));
  }

 private:
  // The schema's tables as `{name, {statements}, {foreign keys}}`, in the dialect.
  std::string sql_tables(service::SqlDialect dialect) const {
    const auto strings = [](const std::vector<std::string>& texts) {
      std::vector<std::string> out;
      for (const std::string& text : texts) out.push_back(CppContext::string(text));
      return fmt::format("{}", fmt::join(out, ", "));
    };
    std::vector<std::string> tables;
    for (const service::TableStatements& table : service::create_schema_statements(schema_, dialect)) {
      tables.push_back(fmt::format("{{{}, {{{}}}, {{{}}}}}", CppContext::string(table.name), strings(table.statements), strings(table.foreign_keys)));
    }
    return fmt::format("{}", fmt::join(tables, ", "));
  }

  // `Field{...}` of a record type.
  std::string field(ir::FieldId f, bool required, bool with_default) const {
    const ir::Field& field = m_.field(f);
    std::string default_value = "std::nullopt";
    if (with_default) {
      if (const ir::Value* value = s_.default_of(field)) default_value = ctx_.json_literal(*value, field.type);
      // A list of references that may be empty starts empty when left out.
      else if (!required && !s_.is_optional(field.type) && s_.is_reference_list(f)) default_value = "Json::array()";
    }
    return fmt::format("Field{{.name = {}, .type = &{}, .required = {}, .default_value = {}}}", CppContext::string(field.name),
                       ctx_.field_descriptor(f), required ? "true" : "false", default_value);
  }

  const char* column_kind(ir::FieldId f) const {
    switch (s_.column_kind(f)) {
      case service::ColumnKind::Integer: return "Integer";
      case service::ColumnKind::Float: return "Float";
      case service::ColumnKind::Boolean: return "Boolean";
      case service::ColumnKind::Decimal: return "Decimal";
      case service::ColumnKind::Date: return "Date";
      case service::ColumnKind::DateTime: return "DateTime";
      case service::ColumnKind::Json: return "Json";
      case service::ColumnKind::Text: break;
    }
    return "Text";
  }

  // The title and the fields on lines of their own: libFormat aligns a list that follows another
  // argument on its line to its brace.
  static std::string record(const std::string& name, const std::string& title, const std::vector<std::string>& fields) {
    if (fields.empty()) return fmt::format("\nconst RecordType {}{{{}, {{}}}};\n", name, CppContext::string(title));
    std::string list;
    for (const std::string& f : fields) list += "        " + f + ",\n";
    return fmt::format("\nconst RecordType {}{{\n    {},\n    {{\n{}    }},\n}};\n", name, CppContext::string(title), list);
  }

  void entity(std::uint32_t i, std::string& declarations, std::string& records) const {
    const ir::Entity& e = m_.entities[i];
    const ir::EntityId id{i};
    const service::EntityFacts& facts = s_.entity(id);
    const std::string snake = to_snake_case(e.name);
    const std::string& create = ctx_.global(snake + "_create");
    const std::string& update = ctx_.global(snake + "_update");
    const std::string& descriptor = ctx_.global(snake + "_entity");
    declarations += fmt::format("extern const RecordType {};\nextern const RecordType {};\nextern const EntityDescriptor {};\n", create,
                                update, descriptor);
    std::vector<std::string> create_fields;
    for (ir::FieldId f : facts.create) create_fields.push_back(field(f, s_.required_on_create(f), true));
    records += record(create, e.name + "Create", create_fields);
    std::vector<std::string> update_fields;
    for (ir::FieldId f : facts.update) update_fields.push_back(field(f, false, false));
    records += record(update, e.name + "Update", update_fields);

    const auto wire = [&](ir::FieldId f) { return CppContext::string(m_.field(f).name); };
    std::vector<std::string> unique;
    for (ir::FieldId f : facts.stored) {
      if (m_.field(f).constraints->unique && f != e.id_field) unique.push_back(fmt::format("{{{}}}", wire(f)));
    }
    for (const ir::Key& key : e.keys) {
      if (!key.unique) continue;
      std::vector<std::string> fields;
      for (ir::FieldId f : key.fields) fields.push_back(wire(f));
      unique.push_back(fmt::format("{{{}}}", fmt::join(fields, ", ")));
    }
    std::vector<std::string> order;
    std::set<std::uint32_t> ordered;
    for (const auto* list : {&facts.sort_keys, &facts.ranges, &facts.filters}) {
      for (ir::FieldId f : *list) {
        if (ordered.insert(f.index).second) order.push_back(fmt::format("{{{}, {}}}", wire(f), ctx_.order_kind(f)));
      }
    }
    std::vector<std::string> references;
    for (ir::FieldId f : facts.stored) {
      const ir::Relation* relation = s_.reference(f);
      if (relation == nullptr) continue;
      const char* on_delete = relation->on_delete == ir::OnDelete::Cascade ? "Cascade"
                              : relation->on_delete == ir::OnDelete::SetNull ? "SetNull"
                                                                             : "Restrict";
      references.push_back(fmt::format("Reference{{{}, {}, {}, OnDelete::{}}}", wire(f),
                                       CppContext::string(m_.entities[relation->target.index].name), relation->many ? "true" : "false",
                                       on_delete));
    }
    std::vector<std::string> secret;
    for (ir::FieldId f : facts.stored) {
      if (m_.field(f).constraints->secret) secret.push_back(wire(f));
    }
    std::vector<std::string> touched;
    for (ir::FieldId f : facts.touched) touched.push_back(wire(f));
    std::vector<std::string> generated;
    for (ir::FieldId f : facts.stored) {
      if (!m_.field(f).constraints->generated || m_.field(f).constraints->updated_at) continue;
      const auto how = s_.generated_value(f);
      if (!how) continue;
      const char* kind = *how == service::GeneratedValue::RandomUuid ? "Uuid" : *how == service::GeneratedValue::NextInteger ? "NextInteger" : "Now";
      generated.push_back(fmt::format("{{{}, Generated::{}}}", wire(f), kind));
    }
    std::vector<std::string> scope;
    const auto integer = [&](ir::FieldId f) { return s_.parameter_kind(m_.field(f).type) == "number" ? "true" : "false"; };
    if (!facts.tenant.is_none()) {
      scope.push_back(fmt::format("{{.field = {}, .claim = bpc::runtime::Scope::Claim::Tenant, .integer = {}}}", wire(facts.tenant), integer(facts.tenant)));
    }
    if (!facts.owner.is_none()) {
      scope.push_back(fmt::format("{{.field = {}, .claim = bpc::runtime::Scope::Claim::Subject, .integer = {}}}", wire(facts.owner), integer(facts.owner)));
    }
    std::vector<std::string> stored;
    for (ir::FieldId f : facts.stored) stored.push_back(wire(f));
    // The columns and link tables of the relational schema, and the names PostgreSQL gives a clash
    // of its unique constraints and primary key.
    const service::SqlTable& table = *schema_.entity_table(e.name);
    std::vector<std::string> columns;
    std::vector<std::string> links;
    for (ir::FieldId f : facts.stored) {
      if (const service::SqlTable* link = schema_.link_table(e.name, m_.field(f).name)) {
        links.push_back(fmt::format("{{{}, {}}}", wire(f), CppContext::string(link->name)));
      } else {
        const char* kind = column_kind(f);
        columns.push_back(std::string_view(kind) == "Json" ? fmt::format("{{{}, ColumnKind::Json, &{}}}", wire(f), ctx_.field_descriptor(f))
                                                          : fmt::format("{{{}, ColumnKind::{}}}", wire(f), kind));
      }
    }
    const auto names = [](const std::vector<std::string>& list) {
      std::vector<std::string> out;
      for (const std::string& c : list) out.push_back(CppContext::string(c));
      return fmt::format("{}", fmt::join(out, ", "));
    };
    std::vector<std::string> constraints{
        fmt::format("{{{}, {{{}}}}}", CppContext::string(service::primary_key_name(table, service::SqlDialect::Postgresql)), names(table.primary_key))};
    for (const service::SqlKey& key : table.keys) {
      if (!key.unique) continue;
      constraints.push_back(
          fmt::format("{{{}, {{{}}}}}", CppContext::string(service::key_name(table, key, service::SqlDialect::Postgresql)), names(key.columns)));
    }
    const bool integer_id = !e.id_field.is_none() && s_.parameter_kind(m_.field(e.id_field).type) == "number";
    records += fmt::format(R"(
const EntityDescriptor {0}{{
    .name = {1},
    .fields = {{{10}}},
    .id_field = {2},
    .integer_id = {3},
    .unique = {{{4}}},
    .order = {{{5}}},
    .references = {{{6}}},
    .secret = {{{7}}},
    .touched = {{{8}}},
    .generated = {{{9}}},
    .scope = {{{11}}},
    .soft_delete = {12},
    .table = {15},
    .columns = {{{13}}},
    .links = {{{14}}},
    .constraints = {{{16}}},
}};
)",
                           descriptor, CppContext::string(e.name), e.id_field.is_none() ? "\"id\"" : wire(e.id_field),
                           integer_id ? "true" : "false", fmt::join(unique, ", "), fmt::join(order, ", "), fmt::join(references, ", "),
                           fmt::join(secret, ", "), fmt::join(touched, ", "), fmt::join(generated, ", "), fmt::join(stored, ", "),
                           fmt::join(scope, ", "), facts.soft_delete.is_none() ? "\"\"" : wire(facts.soft_delete), fmt::join(columns, ", "),
                           fmt::join(links, ", "), CppContext::string(table.name), fmt::join(constraints, ", "));
  }

  // The route parameters and the input of an operation; creates and updates take their entity's
  // create and update bodies instead.
  void operation(ir::OperationId id, std::string& declarations, std::string& records) const {
    const ir::Operation& op = m_.operations[id.index];
    const auto [path, rest] = s_.split_parameters(id);
    const std::string& snake = ctx_.operation_stem(id);
    const auto parameter = [&](ir::FieldId f) {
      const ir::Field& field = m_.field(f);
      return this->field(f, !s_.is_optional(field.type) && s_.default_of(field) == nullptr, true);
    };
    if (!path.empty()) {
      const std::string& name = ctx_.global(snake + "_path");
      declarations += fmt::format("extern const RecordType {};\n", name);
      std::vector<std::string> fields;
      for (ir::FieldId f : path) fields.push_back(parameter(f));
      records += record(name, op.name + " route parameters", fields);
    }
    const bool entity_body = op.kind == Kind::Create || op.kind == Kind::Update;
    if (op.kind == Kind::Upload) {
      // The uploaded file, as the field's new value: its constraints (`@maxLength`) apply.
      const std::string& name = ctx_.global(snake + "_input");
      declarations += fmt::format("extern const RecordType {};\n", name);
      records += record(name, op.name + " input", {field(op.via, false, false)});
    } else if (!rest.empty() && !entity_body) {
      const std::string& name = ctx_.global(snake + "_input");
      declarations += fmt::format("extern const RecordType {};\n", name);
      std::vector<std::string> fields;
      for (ir::FieldId f : rest) fields.push_back(parameter(f));
      records += record(name, op.name + " input", fields);
    }
  }

  const CppContext& ctx_;
  const ir::Module& m_;
  const service::ServiceModel& s_;
  const service::RelationalSchema schema_;
};

}  // namespace

void emit_descriptors(const CppContext& ctx, OutputDirectory& out) { DescriptorWriter(ctx).write(out); }

}  // namespace bpc::backends::cpp
