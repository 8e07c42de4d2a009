#include "ir/type_interner.h"

namespace bpc::ir {

TypeInterner::TypeInterner(Module& module) : module_(module) {
  for (std::uint32_t i = 0; i < module.types.size(); ++i) ids_.emplace(module.types[i], TypeId{i});
}

std::size_t TypeInterner::Hash::operator()(const Type& type) const {
  std::size_t h = static_cast<std::size_t>(type.kind);
  h = h * 31 + static_cast<std::size_t>(type.scalar);
  h = h * 1000003 + type.declaration;
  h = h * 1000003 + type.element.index;
  return h;
}

TypeId TypeInterner::intern(const Type& type) {
  const auto [it, inserted] =
      ids_.emplace(type, TypeId{static_cast<std::uint32_t>(module_.types.size())});
  if (inserted) module_.types.push_back(type);
  return it->second;
}

}  // namespace bpc::ir
