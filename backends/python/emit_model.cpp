// src/<package>/model.py and src/<package>/tables.py, each emitted on its own (the tables by a task
// of their own, beside the rest of the emission).

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/python/emitters.h"
#include "backends/support/naming.h"
#include "base/casing.h"
#include "ir/list_query.h"

namespace bpc::backends::python {

namespace {

using service::ServiceModel;

std::string docstring(std::string_view text) { return doc_comment(text, Target::Python); }

// `name: annotation = default`, with the wire name as the alias when the identifier differs.
std::string member(const PyContext& ctx, ir::FieldId f, const std::string& annotation, const std::string& default_value) {
  const ir::Field& field = ctx.module().field(f);
  const std::string& identifier = ctx.field_name(f);
  std::string out = identifier == field.name
                        ? fmt::format("{}: {}", identifier, annotation)
                        : fmt::format("{}: Annotated[{}, Field(alias={})]", identifier, annotation, PyContext::string(field.name));
  if (!default_value.empty()) out += " = " + default_value;
  return out;
}

class ModelWriter {
 public:
  explicit ModelWriter(const PyContext& ctx) : ctx_(ctx), m_(ctx.module()), s_(ctx.service()) { find_links(); }

  std::string model() {
    Printer body;
    for (std::uint32_t i = 0; i < m_.enums.size(); ++i) enumeration(body, i);
    for (std::uint32_t i = 0; i < m_.aliases.size(); ++i) alias(body, i);
    for (std::uint32_t i = 0; i < m_.structs.size(); ++i) {
      const ir::Struct& s = m_.structs[i];
      model_class(body, ctx_.type_name("struct", i), s.doc, s.fields, Form::Plain);
    }
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) entity(body, i);
    for (std::uint32_t i = 0; i < m_.events.size(); ++i) {
      const ir::Event& e = m_.events[i];
      model_class(body, ctx_.type_name("event", i), e.doc.empty() ? fmt::format("The payload of the event {}.", e.name) : e.doc,
                  e.fields, Form::Payload);
    }
    body.print(R"(


      # Every entity's descriptor, by entity name.
      ENTITIES: dict[str, EntityDescriptor] = {
          $entries$
      }
    )", {{"entries", [&] {
           for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
             body.print("$name$: $descriptor$,\n", {{"name", PyContext::string(m_.entities[i].name)},
                                                    {"descriptor", ctx_.derived("entity", i, "DESCRIPTOR")}});
           }
         }}});
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The types of the $name$ blueprint as Pydantic models, and each entity's store descriptor.

      Per entity: the record (`Patient`), what a create takes (`PatientCreate`: defaults applied; no
      generated, inverse or workflow-state fields), what an update may change (`PatientUpdate`: every
      field optional) and the descriptor the stores read (`PATIENT`). Models validate the wire form:
      JSON keys are the blueprint's names (aliases where the Python name differs).
      """

      from __future__ import annotations
    )", {{"name", m_.header.name}});
    Imports imports;
    add_annotation_imports(imports, ctx_)
        .from(Imports::Section::Standard, "typing", {"Literal"})
        .from(Imports::Section::ThirdParty, "pydantic", {"BaseModel", "ConfigDict", "field_validator"})
        .from(Imports::Section::FirstParty, ctx_.module_path("runtime.store"), {"EntityDescriptor", "Reference", "Scope"})
        .keep_used(used);
    return assemble_module(p.take_output(), imports.render(), code);
  }

  std::string tables() {
    Printer body;
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) table(body, i);
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The relational tables of the $name$ blueprint (SQLAlchemy 2, typed declarative classes).

      A column per stored field, named as the field is on the wire; references are foreign keys
      checked when a transaction commits; a list of references is a table of its own (`...Link`:
      owner, position, target); unique fields and keys are unique constraints; filtered, `@tenant`
      and `@owner` fields and `index` keys are indexed. Other lists, maps and structs are JSON.
      """

      from __future__ import annotations
    )", {{"name", m_.header.name}});
    auto names = used;
    names.insert({"MetaData", "DeclarativeBase"});
    if (used.contains("Json")) names.insert({"JSON", "JSONB"});
    Imports imports;
    imports.module(Imports::Section::Standard, "datetime as dt")
        .from(Imports::Section::ThirdParty, "sqlalchemy",
              {"JSON", "BigInteger", "Boolean", "Date", "DateTime", "Double", "ForeignKey", "Index", "MetaData", "String", "Text",
               "UniqueConstraint"})
        .from(Imports::Section::ThirdParty, "sqlalchemy.dialects.postgresql", {"JSONB"})
        .from(Imports::Section::ThirdParty, "sqlalchemy.orm", {"DeclarativeBase", "Mapped", "mapped_column"})
        .keep_used(names);
    const std::string head = p.take_output();
    if (used.contains("Json")) {
      p.print(R"(
        # JSON columns are JSONB on PostgreSQL.
        Json = JSON().with_variant(JSONB(), "postgresql")
      )");
    }
    p.print(R"(


      class Base(DeclarativeBase):
          """Every table of the blueprint; constraint names follow one convention (shortened to fit)."""

          metadata = MetaData(
              naming_convention={
                  "ix": "ix_%(table_name)s_%(column_0_N_name)s",
                  "uq": "uq_%(table_name)s_%(column_0_N_name)s",
                  "fk": "fk_%(table_name)s_%(column_0_name)s",
                  "pk": "pk_%(table_name)s",
              },
          )
    )");
    return assemble_module(head, imports.render(), p.take_output() + code);
  }

 private:
  enum class Form : std::uint8_t { Plain, Record, Create, Update, Payload };

  // A list of references (`items: list<Product>`) the relational store keeps in a table of its
  // own, one row per id in order, instead of a JSON column: `order__items` (owner, position,
  // target), both ids foreign keys. An optional list stays JSON, where null and [] differ.
  struct Link {
    std::string table;  // `order__items`
    std::string row;    // `OrderItemsLink`, its class in tables.py
  };

  void find_links() {
    std::set<std::string, std::less<>> classes;
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
      for (ir::FieldId f : s_.entity(ir::EntityId{i}).stored) {
        const service::SqlTable* table = ctx_.schema().link_table(m_.entities[i].name, m_.field(f).name);
        if (table == nullptr) continue;
        std::string row = ctx_.derived("entity", i, "Row");
        row = row.substr(0, row.size() - 3) + to_pascal_case(m_.field(f).name) + "Link";
        while (!classes.insert(row).second) row += "Link";  // other names in tables.py end in `Row` or are imports
        links_.emplace(f.index, Link{table->name, std::move(row)});
      }
    }
  }

  const Link* link(ir::FieldId f) const {
    const auto it = links_.find(f.index);
    return it == links_.end() ? nullptr : &it->second;
  }

  void enumeration(Printer& p, std::uint32_t i) {
    const ir::Enum& e = m_.enums[i];
    std::vector<std::string> values;
    for (const ir::EnumValue& value : e.values) values.push_back(PyContext::string(ir::wire_name(value)));
    p.print("\n\n\n$doc$$name$ = Literal[$values$]\n",  // a block template: its first newline is dropped
            {{"doc", comment(e.doc)}, {"name", ctx_.type_name("enum", i)}, {"values", fmt::format("{}", fmt::join(values, ", "))}});
  }

  void alias(Printer& p, std::uint32_t i) {
    const ir::Alias& a = m_.aliases[i];
    p.print("\n\n\n$doc$$name$ = $type$\n", {{"doc", comment(a.doc)}, {"name", ctx_.type_name("alias", i)},
                                           {"type", ctx_.annotation(a.target, &a.constraints, EntityForm::Id)}});
  }

  // A doc comment as `# ` lines (module-level assignments have no docstrings).
  static std::string comment(std::string_view text) {
    std::string out;
    std::string line;
    const std::string doc = docstring(text);
    if (doc.empty()) return out;
    // The docstring without its quotes, each line commented. A comment needs no quote escapes:
    // `\"` and `\\` are written as the text has them; every other escape (controls, invisible
    // and bidirectional characters) stays escaped.
    const std::string body = doc.substr(3, doc.size() - 6);
    for (std::size_t i = 0; i <= body.size(); ++i) {
      const char c = i < body.size() ? body[i] : '\n';
      if (c == '\\' && i + 1 < body.size() && (body[i + 1] == '"' || body[i + 1] == '\\')) {
        line += body[++i];
      } else if (c == '\n') {
        out += line.empty() ? "#\n" : "# " + line + "\n";
        line.clear();
      } else {
        line += c;
      }
    }
    return out;
  }

  void model_class(Printer& p, const std::string& name, std::string_view doc, const std::vector<ir::FieldId>& fields, Form form,
                   std::string_view extra = {}) {
    std::vector<std::string> refused_nulls;
    p.print(R"(


      class $name$(BaseModel):
          $doc$

          model_config = ConfigDict($config$)
    )", {{"name", name}, {"config", model_config(ctx_, fields)}, {"doc", docstring(doc.empty() ? fmt::format("{}.", name) : std::string(doc))}});
    if (!fields.empty()) p.print("\n");
    for (ir::FieldId f : fields) {
      const ir::Field& field = m_.field(f);
      const EntityForm entity_form = form == Form::Payload ? EntityForm::Record : EntityForm::Id;
      std::string type = ctx_.annotation(field.type, &*field.constraints, entity_form);
      std::string value;
      const bool optional = ctx_.is_optional(field.type);
      if (form == Form::Update) {
        if (!optional) {
          type += " | None";
          refused_nulls.push_back(PyContext::string(ctx_.field_name(f)));
        }
        value = "None";
      } else if (form == Form::Create || form == Form::Plain) {
        if (const ir::Value* d = s_.default_of(field)) {
          value = default_of(*d, field.type);
        } else if (form == Form::Create && !optional && s_.is_reference_list(f) && !s_.required_on_create(f)) {
          value = "Field(default_factory=list)";
        } else if (optional) {
          value = "None";
        }
      } else if (optional) {
        value = "None";
      }
      p.print("    $member$\n", {{"member", member(ctx_, f, type, value)}});
    }
    if (!refused_nulls.empty()) {
      p.print("\n");
      p.print("    # Fields an update may leave out but not clear.\n");
      p.print("    refuse_null = field_validator($fields$, mode=\"before\")(checks.refuse_null)\n",
              {{"fields", fmt::format("{}", fmt::join(refused_nulls, ", "))}});
    }
    if (!extra.empty()) p.print("$extra$", {{"extra", std::string(extra)}});
  }

  std::string default_of(const ir::Value& value, ir::TypeId type) const {
    const ir::Type& resolved = ctx_.base(type);
    const bool mutable_value = resolved.kind == ir::Type::Kind::List || resolved.kind == ir::Type::Kind::Map ||
                               resolved.kind == ir::Type::Kind::Struct || (resolved.kind == ir::Type::Kind::Scalar && resolved.scalar == ir::Scalar::Json);
    const std::string literal = ctx_.literal(value, type);
    // A datetime default is validated like input, so it is held in UTC as well.
    if (resolved.kind == ir::Type::Kind::Scalar && resolved.scalar == ir::Scalar::DateTime) {
      return fmt::format("Field(default={}, validate_default=True)", literal);
    }
    if (literal == "[]") return "Field(default_factory=list)";
    if (literal == "{}") return "Field(default_factory=dict)";
    // Pydantic copies a mutable default for each instance.
    return mutable_value ? fmt::format("Field(default={})", literal) : literal;
  }

  void entity(Printer& p, std::uint32_t i) {
    const ir::Entity& e = m_.entities[i];
    const ir::EntityId id{i};
    const service::EntityFacts& facts = s_.entity(id);
    std::vector<ir::FieldId> shown;
    for (ir::FieldId f : facts.stored) {
      if (!m_.field(f).constraints->secret) shown.push_back(f);
    }
    model_class(p, ctx_.type_name("entity", i), *e.doc, shown, Form::Record);
    model_class(p, ctx_.derived("entity", i, "Create"), fmt::format("What a request to create {} gives.", e.name), facts.create,
                Form::Create);
    model_class(p, ctx_.derived("entity", i, "Update"),
                fmt::format("What a request to update {} may change; fields left out are unchanged.", e.name), facts.update,
                Form::Update);
    descriptor(p, i);
  }

  std::string wire(ir::FieldId f) const { return PyContext::string(m_.field(f).name); }

  void descriptor(Printer& p, std::uint32_t i) {
    const ir::Entity& e = m_.entities[i];
    const ir::EntityId id{i};
    const service::EntityFacts& facts = s_.entity(id);
    std::vector<std::string> columns;
    std::vector<std::string> links;
    for (ir::FieldId f : facts.stored) {
      if (const Link* l = link(f)) links.push_back(fmt::format("{}: {}", wire(f), PyContext::string(l->table)));
      else columns.push_back(fmt::format("{}: {}", wire(f), ctx_.column_kind(f)));
    }
    std::vector<std::string> unique;
    std::vector<std::string> indexes;
    for (ir::FieldId f : facts.stored) {
      if (m_.field(f).constraints->unique && f != e.id_field) unique.push_back(PyContext::tuple({wire(f)}));
    }
    for (const ir::Key& key : e.keys) {
      std::vector<std::string> fields;
      for (ir::FieldId f : key.fields) fields.push_back(wire(f));
      (key.unique ? unique : indexes).push_back(PyContext::tuple(fields));
    }
    std::vector<std::string> order;
    std::set<std::uint32_t> ordered;
    for (const auto* list : {&facts.sort_keys, &facts.ranges, &facts.filters}) {
      for (ir::FieldId f : *list) {
        if (ordered.insert(f.index).second) order.push_back(fmt::format("{}: {}", wire(f), ctx_.order_kind(f)));
      }
    }
    std::vector<std::string> references;
    for (ir::FieldId f : facts.stored) {
      const ir::Relation* relation = s_.reference(f);
      if (relation == nullptr) continue;
      references.push_back(fmt::format("Reference({}, {}, many={}, on_delete={})", wire(f),
                                       PyContext::string(m_.entities[relation->target.index].name), relation->many ? "True" : "False",
                                       PyContext::string(ir::on_delete_name(relation->on_delete))));
    }
    std::vector<std::string> secret;
    std::vector<std::string> touched;
    for (ir::FieldId f : facts.stored) {
      if (m_.field(f).constraints->secret) secret.push_back(wire(f));
    }
    for (ir::FieldId f : facts.touched) touched.push_back(wire(f));
    std::vector<std::string> scope;
    const auto scope_kind = [&](ir::FieldId f) { return s_.parameter_kind(m_.field(f).type) == "number" ? "number" : "string"; };
    if (!facts.tenant.is_none()) scope.push_back(fmt::format("Scope({}, \"tenant\", \"{}\")", wire(facts.tenant), scope_kind(facts.tenant)));
    if (!facts.owner.is_none()) scope.push_back(fmt::format("Scope({}, \"subject\", \"{}\")", wire(facts.owner), scope_kind(facts.owner)));
    const bool numeric_id = !e.id_field.is_none() && s_.parameter_kind(m_.field(e.id_field).type) == "number";
    p.print(R"(


      $constant$ = EntityDescriptor(
          name=$name$,
          table=$table$,
          id_field=$id$,
          id_kind="$id_kind$",
          columns={$columns$},
          links={$links$},
          unique=$unique$,
          indexes=$indexes$,
          order={$order$},
          references=$references$,
          secret=$secret$,
          touched=$touched$,
          scope=$scope$,
          soft_delete=$soft_delete$,
      )
    )", {{"constant", ctx_.derived("entity", i, "DESCRIPTOR")}, {"name", PyContext::string(e.name)},
         {"table", PyContext::string(ctx_.table_name(id))}, {"id", e.id_field.is_none() ? "\"id\"" : wire(e.id_field)},
         {"id_kind", numeric_id ? "number" : "string"}, {"columns", fmt::format("{}", fmt::join(columns, ", "))},
         {"links", fmt::format("{}", fmt::join(links, ", "))},
         {"unique", PyContext::tuple(unique)}, {"indexes", PyContext::tuple(indexes)},
         {"order", fmt::format("{}", fmt::join(order, ", "))}, {"references", PyContext::tuple(references)},
         {"secret", PyContext::tuple(secret)}, {"touched", PyContext::tuple(touched)}, {"scope", PyContext::tuple(scope)},
         {"soft_delete", facts.soft_delete.is_none() ? "None" : wire(facts.soft_delete)}});
  }

  // The SQLAlchemy column type and the Python type of a column of the relational schema.
  static std::pair<std::string, std::string> column_type(service::SqlType type) {
    switch (type) {
      case service::SqlType::Uuid: return {"String(36)", "str"};
      case service::SqlType::BigInteger: return {"BigInteger", "int"};
      case service::SqlType::Double: return {"Double", "float"};
      case service::SqlType::Boolean: return {"Boolean", "bool"};
      case service::SqlType::Date: return {"Date", "dt.date"};
      case service::SqlType::DateTime: return {"DateTime(timezone=True)", "dt.datetime"};
      case service::SqlType::Json: return {"Json", "object"};
      case service::SqlType::Text: break;
    }
    return {"Text", "str"};
  }

  // `ForeignKey("table.column", ...)` of a foreign key of the schema.
  static std::string foreign_key(const service::SqlForeignKey& key) {
    return fmt::format("ForeignKey({}, {})", PyContext::string(fmt::format("{}.{}", key.table, key.target_column)),
                       key.cascade ? "ondelete=\"CASCADE\"" : "deferrable=True, initially=\"DEFERRED\"");
  }

  // The table of an entity's records, spelt from the relational schema (the one `bpc migrate`
  // compares): a mapped column per column, the keys of `index (...)` and `unique (...)` as table
  // arguments, a field's own unique constraint or index as `unique=True` or `index=True`.
  void table(Printer& p, std::uint32_t i) {
    const ir::Entity& e = m_.entities[i];
    const ir::EntityId id{i};
    const service::SqlTable& sql = *ctx_.schema().entity_table(e.name);
    std::vector<std::string> args;
    for (const service::SqlKey& key : sql.keys) {
      if (!key.declared) continue;
      std::vector<std::string> columns;
      for (const std::string& c : key.columns) columns.push_back(PyContext::string(c));
      args.push_back(key.unique ? fmt::format("UniqueConstraint({})", fmt::join(columns, ", "))
                                : fmt::format("Index(None, {})", fmt::join(columns, ", ")));
    }
    const auto own_key = [&](const std::string& column, bool unique) {
      return std::any_of(sql.keys.begin(), sql.keys.end(), [&](const service::SqlKey& k) {
        return !k.declared && k.unique == unique && k.columns == std::vector<std::string>{column};
      });
    };
    p.print(R"(


      class $name$(Base):
          """The `$table$` table: one row per $entity$ record."""

          __tablename__ = $table_literal$
    )", {{"name", ctx_.derived("entity", i, "Row")}, {"table", sql.name}, {"entity", e.name},
         {"table_literal", PyContext::string(sql.name)}});
    if (!args.empty()) p.print("    __table_args__ = $args$\n", {{"args", PyContext::tuple(args)}});
    p.print("\n");
    for (ir::FieldId f : s_.entity(id).stored) {
      const service::SqlColumn* column = sql.column(m_.field(f).name);
      if (column == nullptr) continue;  // a list of references: a table of its own, below
      auto [type, python] = column_type(column->type);
      std::vector<std::string> options{wire(f), type};
      for (const service::SqlForeignKey& key : sql.foreign_keys) {
        if (key.column == column->name) options.push_back(foreign_key(key));
      }
      if (sql.primary_key == std::vector<std::string>{column->name}) options.emplace_back("primary_key=True");
      if (own_key(column->name, true)) options.emplace_back("unique=True");
      if (own_key(column->name, false)) options.emplace_back("index=True");
      options.push_back(column->nullable ? "nullable=True" : "nullable=False");
      p.print("    $attribute$: Mapped[$type$] = mapped_column($options$)\n",
              {{"attribute", ctx_.field_name(f)}, {"type", column->nullable ? python + " | None" : python},
               {"options", fmt::format("{}", fmt::join(options, ", "))}});
    }
    for (ir::FieldId f : s_.entity(id).stored) {
      if (const Link* l = link(f)) link_table(p, id, f, *l);
    }
  }

  // A link table of the relational schema: owner (the list's entity), position and target.
  void link_table(Printer& p, ir::EntityId owner, ir::FieldId f, const Link& l) {
    const service::SqlTable& sql = *ctx_.schema().table(l.table);
    const auto [owner_column, owner_type] = column_type(sql.columns[0].type);
    const auto [target_column, target_type] = column_type(sql.columns[2].type);
    const auto key = [&](std::size_t i) {
      return PyContext::string(fmt::format("{}.{}", sql.foreign_keys[i].table, sql.foreign_keys[i].target_column));
    };
    p.print(R"(


      class $name$(Base):
          """The `$table$` table: the ids `$entity$.$field$` holds, one row each, in order."""

          __tablename__ = $table_literal$

          owner: Mapped[$owner_type$] = mapped_column(
              "owner", $owner_column$, ForeignKey($owner_key$, ondelete="CASCADE"), primary_key=True
          )
          position: Mapped[int] = mapped_column("position", BigInteger, primary_key=True)
          target: Mapped[$target_type$] = mapped_column(
              "target", $target_column$, ForeignKey($target_key$, deferrable=True, initially="DEFERRED"), index=True
          )
    )", {{"name", l.row}, {"table", l.table}, {"table_literal", PyContext::string(l.table)}, {"entity", m_.entity(owner).name},
         {"field", m_.field(f).name}, {"owner_type", owner_type}, {"owner_column", owner_column}, {"owner_key", key(0)},
         {"target_type", target_type}, {"target_column", target_column}, {"target_key", key(1)}});
  }

  const PyContext& ctx_;
  const ir::Module& m_;
  const ServiceModel& s_;
  std::map<std::uint32_t, Link> links_;  // by field
};

}  // namespace

void emit_model(const PyContext& ctx, OutputDirectory& out) {
  add_module(out, package_path(ctx, "model.py"), ModelWriter(ctx).model());
}

void emit_tables(const PyContext& ctx, OutputDirectory& out) {
  add_module(out, package_path(ctx, "tables.py"), ModelWriter(ctx).tables());
}

}  // namespace bpc::backends::python
