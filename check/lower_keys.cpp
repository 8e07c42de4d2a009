// Phase 3b: keys over several fields. `unique (a, b)` and `index (a, b)` in an entity name stored
// fields of the entity that a database can index: scalars (not `json` or `bytes`), enums and
// single references. Runs after the relations, and first notes which fields are inverse sides
// (is_inverse_side) for it and the phases after it.

#include <algorithm>

#include <fmt/ranges.h>

#include "check/lowerer.h"

namespace bpc::lowering {

void Lowerer::lower_keys() {
  inverse_sides_.assign(module_.fields.size(), false);
  for (const ir::Relation& relation : module_.relations) {
    if (!relation.inverse.is_none()) inverse_sides_[relation.inverse.index] = true;
  }
  for (std::uint32_t index = 0; index < entity_sites_.size(); ++index) {
    const Site site = entity_sites_[index];
    const Tree& t = tree(site.file);
    ir::Entity& entity = module_.entities[index];
    const std::string owner = fmt::format("entity `{}`", entity.name);
    for (NodeId member : t.children(t.child(site.node, NodeKind::FieldBlock))) {
      const NodeKind kind = t.kind(member);
      if ((kind != NodeKind::UniqueKey && kind != NodeKind::IndexKey) || t.node(member).has_error()) continue;
      const std::string_view word = kind == NodeKind::UniqueKey ? "unique" : "index";
      ir::Key key;
      key.unique = kind == NodeKind::UniqueKey;
      key.location = location(Site{site.file, member});
      bool ok = true;
      for (NodeId name : t.children(member)) {
        const Site name_site{site.file, name};
        const std::string_view field_name = t.text(name);
        const ir::FieldId field = entity_field(entity, field_name, name_site);
        if (field.is_none()) {
          ok = false;
          continue;
        }
        if (std::find(key.fields.begin(), key.fields.end(), field) != key.fields.end()) {
          (void)report<DiagnosticKind::DuplicateMember>(name_site, "field", field_name, fmt::format("`{} (...)`", word));
          ok = false;
          continue;
        }
        if (module_.field(field).type.is_none()) {  // its type was reported unknown
          ok = false;
          continue;
        }
        const ir::Type& type = module_.type(underlying(module_.field(field).type, true));
        const bool keyable = type.kind == ir::Type::Kind::Enum || type.kind == ir::Type::Kind::Entity ||
                             (type.kind == ir::Type::Kind::Scalar && type.scalar != ir::Scalar::Json &&
                              type.scalar != ir::Scalar::Bytes);
        if (is_inverse_side(field) || !keyable) {
          (void)report<DiagnosticKind::KeyFieldNotKeyable>(name_site, field_name, word,
                       is_inverse_side(field)
                           ? std::string("it is an inverse side, which is not stored")
                           : fmt::format("keys hold scalars (but not `json` or `bytes`), enums and single references, "
                                         "and its type is `{}`", ir::type_name(module_, module_.field(field).type)));
          ok = false;
          continue;
        }
        key.fields.push_back(field);
      }
      if (!ok) continue;
      const auto same = std::find_if(entity.keys.begin(), entity.keys.end(), [&](const ir::Key& other) {
        return other.unique == key.unique && other.fields == key.fields;
      });
      if (same != entity.keys.end()) {
        std::vector<std::string_view> names;
        for (ir::FieldId f : key.fields) names.push_back(module_.field(f).name);
        (void)report<DiagnosticKind::DuplicateMember>(Site{site.file, member}, "key",
                     fmt::format("{} ({})", word, fmt::join(names, ", ")), owner);
        continue;
      }
      entity.keys.push_back(std::move(key));
    }
  }
}

}  // namespace bpc::lowering
