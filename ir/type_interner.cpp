#include "ir/type_interner.h"

namespace bpc::ir {

namespace {

// The slot for `index` in `table`, or null when `index` is not below `bound`, the size of the
// store it indexes (so a table never grows past the module).
TypeId* slot_in(std::vector<TypeId>& table, std::uint32_t index, std::size_t bound) {
  if (index >= bound) return nullptr;
  if (table.size() <= index) table.resize(bound);
  return &table[index];
}

}  // namespace

TypeInterner::TypeInterner(Module& module) : module_(module) {
  for (std::uint32_t i = 0; i < module.types.size(); ++i) {
    const Type& type = module.types[i];
    if (TypeId* direct = slot(type)) {
      if (direct->is_none()) *direct = TypeId{i};
    } else {
      others_.insert(hash(type), i);
    }
  }
}

TypeId* TypeInterner::slot(const Type& type) {
  const bool no_declaration = type.declaration == UINT32_MAX;
  const bool no_element = type.element.is_none();
  const bool plain_scalar = type.scalar == Scalar::String;
  switch (type.kind) {
    case Type::Kind::Scalar: {
      const auto index = static_cast<std::size_t>(type.scalar);
      return no_declaration && no_element && index < scalars_.size() ? &scalars_[index] : nullptr;
    }
    case Type::Kind::Alias:
    case Type::Kind::Enum:
    case Type::Kind::Struct:
    case Type::Kind::Entity: {
      if (!plain_scalar || !no_element) return nullptr;
      const std::size_t bounds[] = {module_.aliases.size(), module_.enums.size(), module_.structs.size(),
                                    module_.entities.size()};
      const auto which = static_cast<std::size_t>(type.kind) - static_cast<std::size_t>(Type::Kind::Alias);
      return slot_in(declared_[which], type.declaration, bounds[which]);
    }
    case Type::Kind::Optional:
    case Type::Kind::List:
    case Type::Kind::Map: {
      if (!plain_scalar || !no_declaration) return nullptr;
      const auto which = static_cast<std::size_t>(type.kind) - static_cast<std::size_t>(Type::Kind::Optional);
      return slot_in(wrapped_[which], type.element.index, module_.types.size());
    }
  }
  return nullptr;
}

std::uint32_t TypeInterner::hash(const Type& type) {
  const std::uint64_t kind = static_cast<std::uint64_t>(type.kind) << 8 | static_cast<std::uint64_t>(type.scalar);
  return mix_hash(((kind << 32) | type.declaration) * 0x9e3779b97f4a7c15ull ^ type.element.index);
}

TypeId TypeInterner::intern(const Type& type) {
  const TypeId next{static_cast<std::uint32_t>(module_.types.size())};
  if (TypeId* direct = slot(type)) {
    if (direct->is_none()) {
      *direct = next;
      module_.types.push_back(type);
    }
    return *direct;
  }
  const std::uint32_t h = hash(type);
  const std::uint32_t found = others_.find(h, [&](std::uint32_t index) { return module_.types[index] == type; });
  if (found != IndexHashTable::kNone) return TypeId{found};
  others_.insert(h, next.index);
  module_.types.push_back(type);
  return next;
}

}  // namespace bpc::ir
