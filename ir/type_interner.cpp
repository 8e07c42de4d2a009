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

}  // namespace bpc::ir
