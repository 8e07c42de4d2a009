#include "ir/type_interner.h"

namespace bpc::ir {

TypeInterner::TypeInterner(Module& module) : module_(module) {
  ids_.reserve(module.types.size());
  for (std::uint32_t i = 0; i < module.types.size(); ++i) ids_.insert(hash(module.types[i]), i);
}

std::uint32_t TypeInterner::hash(const Type& type) {
  const std::uint64_t kind = static_cast<std::uint64_t>(type.kind) << 8 | static_cast<std::uint64_t>(type.scalar);
  return mix_hash(((kind << 32) | type.declaration) * 0x9e3779b97f4a7c15ull ^ type.element.index);
}

TypeId TypeInterner::intern(const Type& type) {
  const std::uint32_t h = hash(type);
  const std::uint32_t found = ids_.find(h, [&](std::uint32_t index) { return module_.types[index] == type; });
  if (found != IndexHashTable::kNone) return TypeId{found};
  const TypeId id{static_cast<std::uint32_t>(module_.types.size())};
  ids_.insert(h, id.index);
  module_.types.push_back(type);
  return id;
}

TypeId* TypeInterner::cached(std::vector<TypeId>& cache, std::uint32_t index, std::size_t bound) {
  if (index >= bound) return nullptr;
  if (cache.size() <= index) cache.resize(bound);
  return &cache[index];
}

TypeId TypeInterner::scalar(Scalar scalar) {
  const Type type{Type::Kind::Scalar, scalar, UINT32_MAX, {}};
  const auto index = static_cast<std::size_t>(scalar);
  if (index >= scalars_.size()) return intern(type);
  if (scalars_[index].is_none()) scalars_[index] = intern(type);
  return scalars_[index];
}

TypeId TypeInterner::declared(Type::Kind kind, std::uint32_t declaration) {
  const Type type{kind, Scalar::String, declaration, {}};
  std::size_t bound = 0;
  std::size_t which = 0;
  switch (kind) {
    case Type::Kind::Alias: bound = module_.aliases.size(); which = 0; break;
    case Type::Kind::Enum: bound = module_.enums.size(); which = 1; break;
    case Type::Kind::Struct: bound = module_.structs.size(); which = 2; break;
    case Type::Kind::Entity: bound = module_.entities.size(); which = 3; break;
    default: return intern(type);
  }
  TypeId* slot = cached(declared_[which], declaration, bound);
  if (slot == nullptr) return intern(type);
  if (slot->is_none()) *slot = intern(type);
  return *slot;
}

TypeId TypeInterner::wrap(Type::Kind kind, TypeId element) {
  const Type type{kind, Scalar::String, UINT32_MAX, element};
  const std::size_t which = kind == Type::Kind::Optional ? 0 : kind == Type::Kind::List ? 1 : 2;
  TypeId* slot = cached(wrapped_[which], element.index, module_.types.size());
  if (slot == nullptr) return intern(type);
  if (slot->is_none()) *slot = intern(type);  // may grow the store, not the cache
  return *slot;
}

}  // namespace bpc::ir
