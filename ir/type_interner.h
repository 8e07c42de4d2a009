#pragma once

// Interning of IR types: structurally equal types get one TypeId, so type equality is ID
// equality. Used by the lowering from syntax and by the JSON loader.

#include <array>
#include <vector>

#include "ir/index_hash_table.h"
#include "ir/ir.h"

namespace bpc::ir {

class TypeInterner {
 public:
  explicit TypeInterner(Module& module);
  // The ID of a type equal to `type`, adding it to the module if it is new.
  TypeId intern(const Type& type);

  // The common shapes go through direct-mapped caches before the hash table: lowering interns a
  // type for every field, mostly a scalar, a declared type or an optional or list of one.
  TypeId scalar(Scalar scalar);
  TypeId optional(TypeId element) { return wrap(Type::Kind::Optional, element); }
  TypeId list(TypeId element) { return wrap(Type::Kind::List, element); }
  TypeId map(TypeId value) { return wrap(Type::Kind::Map, value); }
  TypeId declared(Type::Kind kind, std::uint32_t declaration);

 private:
  TypeId wrap(Type::Kind kind, TypeId element);
  // The cache slot for `index` in `cache`, or null when `index` is not below `bound` (the size of
  // the store it indexes, so a cache never outgrows the module).
  static TypeId* cached(std::vector<TypeId>& cache, std::uint32_t index, std::size_t bound);
  static std::uint32_t hash(const Type& type);
  Module& module_;
  IndexHashTable ids_;  // of indices into module_.types
  std::array<TypeId, 16> scalars_;  // by Scalar
  std::array<std::vector<TypeId>, 4> declared_;  // alias, enum, struct, entity; by declaration
  std::array<std::vector<TypeId>, 3> wrapped_;  // optional, list, map; by element
};

}  // namespace bpc::ir
