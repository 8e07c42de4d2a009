// src/model.ts: the data model as Zod schemas and the TypeScript types inferred from them, and
// what the stores need to know about each entity.

#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "backends/service_model/migration.h"
#include "backends/support/naming.h"
#include "backends/support/printer.h"
#include "backends/typescript/emitters.h"

namespace bpc::backends::typescript {

namespace {

std::string doc(std::string_view text) { return doc_comment(text, Target::TypeScript); }

class ModelWriter {
 public:
  ModelWriter(const TsContext& ctx, Printer& p) : ctx_(ctx), m_(ctx.module()), p_(p), schema_(ctx.schema()) {}

  void write() {
    for (std::uint32_t i = 0; i < m_.enums.size(); ++i) enumeration(i);
    order_structs();
    for (std::uint32_t i : struct_order_) structure(i);
    for (std::uint32_t i = 0; i < m_.aliases.size(); ++i) alias(i);
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) entity(i);
    for (std::uint32_t i = 0; i < m_.events.size(); ++i) event(i);
    registry();
  }

 private:
  void enumeration(std::uint32_t i) {
    const ir::Enum& e = m_.enums[i];
    std::vector<std::string> values;
    for (const ir::EnumValue& v : e.values) values.push_back(TsContext::string(ir::wire_name(v)));
    p_.print(R"(

      $doc$
      export const $values$ = [$list$] as const;
      export const $schema$ = z.enum($values$);
      export type $name$ = z.output<typeof $schema$>;
    )", {{"doc", doc(e.doc)}, {"values", ctx_.derived("enum", i, "Values")}, {"list", fmt::format("{}", fmt::join(values, ", "))},
         {"schema", ctx_.derived("enum", i, "Schema")}, {"name", ctx_.type_name("enum", i)}});
  }

  // Structs in dependency order; a struct that contains itself (through optional fields or lists)
  // cannot be written as constants and is refused. A depth-first walk in post-order with a stack
  // of its own: a chain of structs, each containing the next, is as long as the blueprint makes it.
  void order_structs() {
    std::vector<int> state(m_.structs.size(), 0);  // 0 unvisited, 1 on the stack, 2 ordered
    struct Frame {
      std::uint32_t index;
      std::size_t next_field;
    };
    std::vector<Frame> stack;
    for (std::uint32_t i = 0; i < m_.structs.size(); ++i) {
      if (state[i] != 0) continue;
      state[i] = 1;
      stack.push_back({i, 0});
      while (!stack.empty()) {
        const std::uint32_t current = stack.back().index;
        const std::vector<ir::FieldId>& fields = m_.structs[current].fields;
        if (stack.back().next_field == fields.size()) {
          state[current] = 2;
          struct_order_.push_back(current);
          stack.pop_back();
          continue;
        }
        const std::optional<std::uint32_t> contained = contained_struct(m_.field(fields[stack.back().next_field++]).type);
        if (!contained || state[*contained] == 2) continue;
        if (state[*contained] == 1) {
          throw BackendLimitation(fmt::format("struct `{}` contains itself; the typescript backend does not support recursive structs yet",
                                               m_.structs[*contained].name));
        }
        state[*contained] = 1;
        stack.push_back({*contained, 0});
      }
    }
  }

  // The struct a field of this type embeds, through aliases, optionals, lists and maps.
  std::optional<std::uint32_t> contained_struct(ir::TypeId id) const {
    while (!id.is_none()) {
      const ir::Type& type = m_.type(id);
      switch (type.kind) {
        case ir::Type::Kind::Struct: return type.declaration;
        case ir::Type::Kind::Alias: id = m_.aliases[type.declaration].target; break;
        case ir::Type::Kind::Optional:
        case ir::Type::Kind::List:
        case ir::Type::Kind::Map: id = type.element; break;
        default: return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // The members of an object schema, one per line with its doc.
  void members(const std::vector<ir::FieldId>& fields, EntityForm form, bool defaults, bool all_optional) {
    for (ir::FieldId f : fields) {
      const ir::Field& field = m_.field(f);
      p_.print("$doc$\n$key$: $zod$,\n", {{"doc", doc(*field.doc)}, {"key", TsContext::field_key(field.name)},
                                         {"zod", ctx_.zod_field(f, form, defaults, all_optional)}});
    }
  }

  void object(const std::string& schema, const std::string& type, const std::string& doc_text,
              const std::vector<ir::FieldId>& fields, EntityForm form, bool defaults, bool all_optional) {
    p_.print(R"(

      $doc$
      export const $schema$ = z.strictObject({
        $members$
      });
      export type $type$ = z.output<typeof $schema$>;
    )", {{"doc", doc(doc_text)}, {"schema", schema}, {"type", type},
         {"members", [&] { members(fields, form, defaults, all_optional); }}});
  }

  void structure(std::uint32_t i) {
    const ir::Struct& s = m_.structs[i];
    object(ctx_.derived("struct", i, "Schema"), ctx_.type_name("struct", i), s.doc, s.fields, EntityForm::Id, true, false);
  }

  void alias(std::uint32_t i) {
    const ir::Alias& a = m_.aliases[i];
    std::string zod = ctx_.zod(a.target, &a.constraints, EntityForm::Id);
    if (a.default_value) zod += ctx_.default_call(*a.default_value, a.target);
    p_.print(R"(

      $doc$
      export const $schema$ = $zod$;
      export type $name$ = z.output<typeof $schema$>;
    )", {{"doc", doc(a.doc)}, {"schema", ctx_.derived("alias", i, "Schema")}, {"zod", zod}, {"name", ctx_.type_name("alias", i)}});
  }

  void entity(std::uint32_t i) {
    const ir::EntityId id{i};
    const ir::Entity& e = m_.entities[i];
    const std::string& name = ctx_.type_name("entity", i);
    object(ctx_.derived("entity", i, "Schema"), name, e.doc, ctx_.service().stored_fields(id), EntityForm::Id, false, false);
    object(ctx_.derived("entity", i, "CreateSchema"), ctx_.derived("entity", i, "Create"),
           fmt::format("What a request to create {} gives.", e.name), ctx_.service().create_fields(id), EntityForm::Id, true, false);
    object(ctx_.derived("entity", i, "UpdateSchema"), ctx_.derived("entity", i, "Update"),
           fmt::format("What a request to update {} may change; fields left out are unchanged.", e.name),
           ctx_.service().update_fields(id), EntityForm::Id, false, true);
    descriptor(id);
  }

  std::string list(const std::vector<std::string>& items) const {
    return fmt::format("[{}]", fmt::join(items, ", "));
  }

  // How the relational schema's column keeps a field (runtime/sql-connection.ts: ColumnKind).
  const char* column_kind(ir::FieldId f) const {
    switch (ctx_.service().column_kind(f)) {
      case service::ColumnKind::Integer: return "integer";
      case service::ColumnKind::Float: return "float";
      case service::ColumnKind::Boolean: return "boolean";
      case service::ColumnKind::Decimal: return "decimal";
      case service::ColumnKind::Date: return "date";
      case service::ColumnKind::DateTime: return "datetime";
      case service::ColumnKind::Json: return "json";
      case service::ColumnKind::Text: break;
    }
    return "text";
  }

  void descriptor(ir::EntityId id) {
    const ir::Entity& e = m_.entity(id);
    const ir::Field& id_field = m_.field(e.id_field);
    std::vector<std::string> unique;
    std::vector<std::string> secret;
    for (ir::FieldId f : ctx_.service().stored_fields(id)) {
      const ir::Field& field = m_.field(f);
      if (field.constraints->unique && !field.constraints->is_id) {
        unique.push_back(fmt::format("[{}]", TsContext::string(TsContext::property(field.name))));
      }
      if (field.constraints->secret) secret.push_back(TsContext::string(TsContext::property(field.name)));
    }
    // `unique (a, b)` joins the single-field unique constraints.
    for (const ir::Key& key : e.keys) {
      if (!key.unique) continue;
      std::vector<std::string> fields;
      for (ir::FieldId f : key.fields) fields.push_back(TsContext::string(TsContext::property(m_.field(f).name)));
      unique.push_back(list(fields));
    }
    // Where the relational schema keeps each stored field, and the names PostgreSQL gives a clash
    // of its unique constraints and primary key.
    const service::SqlTable& table = *schema_.entity_table(e.name);
    std::vector<std::string> stored;
    const auto property = [&](std::string_view column) {
      return TsContext::string(TsContext::property(std::string(column)));
    };
    for (ir::FieldId f : ctx_.service().stored_fields(id)) {
      const ir::Field& field = m_.field(f);
      const service::SqlTable* link = schema_.link_table(e.name, field.name);
      std::string kind = column_kind(f);
      if (link != nullptr) {
        const ir::Relation* relation = ctx_.service().reference(f);
        kind = column_kind(m_.entity(relation->target).id_field);
      }
      stored.push_back(fmt::format("{{ key: {}, column: {}, kind: '{}', link: {} }}", property(field.name),
                                   TsContext::string(link == nullptr ? field.name : link->name), kind, link == nullptr ? "false" : "true"));
    }
    const auto columns = [&](const std::vector<std::string>& names) {
      std::vector<std::string> out;
      for (const std::string& c : names) out.push_back(property(c));
      return list(out);
    };
    std::vector<std::string> constraints{fmt::format("{}: {}", TsContext::string(service::primary_key_name(table, service::SqlDialect::Postgresql)),
                                                     columns(table.primary_key))};
    for (const service::SqlKey& key : table.keys) {
      if (!key.unique) continue;
      constraints.push_back(fmt::format("{}: {}", TsContext::string(service::key_name(table, key, service::SqlDialect::Postgresql)), columns(key.columns)));
    }
    std::vector<std::string> order;
    for (ir::FieldId f : ctx_.service().entity(id).sort_keys) {
      const std::string property = TsContext::property(m_.field(f).name);
      // A member named like one of Object's (`toString`) is typed from it unless its value is const.
      order.push_back(fmt::format("{}: {}{}", TsContext::key(property), ctx_.order_kind(f),
                                  TsContext::shadows_object_member(property) ? " as const" : ""));
    }
    std::vector<std::string> references;
    for (ir::FieldId f : ctx_.service().stored_fields(id)) {
      const ir::Relation* relation = ctx_.service().reference(f);
      if (relation == nullptr) continue;
      references.push_back(fmt::format("{{ field: {}, target: {}, many: {}, onDelete: {} }}", TsContext::string(TsContext::property(m_.field(f).name)),
                                       TsContext::string(m_.entity(relation->target).name), relation->many ? "true" : "false",
                                       TsContext::string(ir::on_delete_name(relation->on_delete))));
    }
    std::vector<std::string> touched;
    for (ir::FieldId f : ctx_.service().entity(id).touched) touched.push_back(TsContext::string(TsContext::property(m_.field(f).name)));
    std::vector<std::string> scope;
    const auto add_scope = [&](ir::FieldId f, std::string_view claim) {
      if (f.is_none()) return;
      const bool number = ctx_.service().parameter_kind(m_.field(f).type) == "number";
      scope.push_back(fmt::format("{{ field: {}, claim: '{}', kind: '{}' }}", TsContext::string(TsContext::property(m_.field(f).name)),
                                  claim, number ? "number" : "string"));
    };
    add_scope(ctx_.service().entity(id).tenant, "tenant");
    add_scope(ctx_.service().entity(id).owner, "subject");
    p_.print(R"(
      export const $descriptor$: EntityDescriptor = {
        name: $name$,
        table: $table$,
        idField: $id$,
        idKind: $id_kind$,
        unique: $unique$,
        order: { $order$ },
        references: $references$,
        secret: $secret$,
        touched: $touched$,
        scope: $scope$,
        softDelete: $soft_delete$,
        stored: $stored$,
        constraints: { $constraints$ },
      };
    )", {{"descriptor", ctx_.derived("entity", id.index, "Entity")}, {"name", TsContext::string(e.name)},
         {"table", TsContext::string(table.name)}, {"stored", list(stored)},
         {"constraints", fmt::format("{}", fmt::join(constraints, ", "))}, {"id", TsContext::string(TsContext::property(id_field.name))},
         {"id_kind", TsContext::string(ctx_.service().parameter_kind(id_field.type) == "number" ? "number" : "string")},
         {"unique", list(unique)},
         {"order", fmt::format("{}", fmt::join(order, ", "))},
         {"references", list(references)}, {"secret", list(secret)}, {"touched", list(touched)},
         {"scope", list(scope)},
         {"soft_delete", [&] {
            const ir::FieldId f = ctx_.service().entity(id).soft_delete;
            return f.is_none() ? std::string("null") : TsContext::string(TsContext::property(m_.field(f).name));
          }()}});
  }

  void event(std::uint32_t i) {
    const ir::Event& e = m_.events[i];
    object(ctx_.derived("event", i, "Schema"), ctx_.type_name("event", i), e.doc, e.fields, EntityForm::Record, false, false);
  }

  void registry() {
    p_.print(R"(

      // Every entity's descriptor, by entity name.
      export const entities: ReadonlyMap<string, EntityDescriptor> = new Map([
        $entries$
      ]);

      // The payload of every event: the record events bpc raises on writes (`Entity.created`,
      // `Entity.updated`, `Entity.deleted`) and the blueprint's events.
      export interface EventMap {
        $events$
      }
    )", {{"entries", [&] {
            for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
              p_.print("[$name$, $descriptor$],\n", {{"name", TsContext::string(m_.entities[i].name)},
                                                     {"descriptor", ctx_.derived("entity", i, "Entity")}});
            }
          }},
         {"events", [&] {
            for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
              for (std::string_view change : {"created", "updated", "deleted"}) {
                p_.print("$key$: $type$;\n", {{"key", TsContext::string(fmt::format("{}.{}", m_.entities[i].name, change))},
                                             {"type", ctx_.type_name("entity", i)}});
              }
            }
            for (std::uint32_t i = 0; i < m_.events.size(); ++i) {
              p_.print("$key$: $type$;\n", {{"key", TsContext::key(m_.events[i].name)}, {"type", ctx_.type_name("event", i)}});
            }
          }}});
  }

  const TsContext& ctx_;
  const ir::Module& m_;
  Printer& p_;
  std::vector<std::uint32_t> struct_order_;
  const service::RelationalSchema& schema_;
};

}  // namespace

void print_helper_imports(Printer& p, const ZodHelpers& helpers, std::string_view runtime) {
  if (helpers.compare_decimal) p.print("import { compareDecimal } from '$runtime$/decimal.js';\n", {{"runtime", std::string(runtime)}});
  if (helpers.code_point_length) p.print("import { codePointLength } from '$runtime$/text.js';\n", {{"runtime", std::string(runtime)}});
  if (helpers.bare) p.print("import { bare } from '$runtime$/wire.js';\n", {{"runtime", std::string(runtime)}});
  std::vector<std::string> datetime;
  if (helpers.storable_date) datetime.emplace_back("storableDate");
  if (helpers.utc_datetime) datetime.emplace_back("utcDatetime");
  if (!datetime.empty()) {
    p.print("import { $names$ } from '$runtime$/datetime.js';\n", {{"names", fmt::format("{}", fmt::join(datetime, ", "))}, {"runtime", std::string(runtime)}});
  }
}

void emit_model(const TsContext& ctx, OutputDirectory& out) {
  (void)ctx.take_helpers();
  Printer body;
  ModelWriter(ctx, body).write();
  Printer p;
  print_generated_header(p);
  p.print("import { z } from 'zod';\n\nimport type { EntityDescriptor } from './runtime/store.js';\n");
  print_helper_imports(p, ctx.take_helpers(), "./runtime");
  out.add("src/model.ts", p.take_output() + body.take_output());
}

}  // namespace bpc::backends::typescript
