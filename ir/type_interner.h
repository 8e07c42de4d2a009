#pragma once

// Interning of IR types: structurally equal types get one TypeId, so type equality is ID
// equality. Used by the lowering from syntax, by desugaring, and by the JSON loader.
//
// Every well-formed type is a scalar, a declared type (alias, enum, struct, entity) or an
// optional, list or map of another type, so the interner finds it by direct indexing: by scalar,
// by declaration index, or by element TypeId. Lowering interns a type for every field; direct
// tables make that a load, with no hashing. Only types whose index lies outside the module's
// stores (which the JSON loader meets before it has read them) go to a hash table.

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

  TypeId scalar(Scalar scalar) { return intern(Type{Type::Kind::Scalar, scalar, UINT32_MAX, {}}); }
  TypeId optional(TypeId element) { return intern(Type{Type::Kind::Optional, Scalar::String, UINT32_MAX, element}); }
  TypeId list(TypeId element) { return intern(Type{Type::Kind::List, Scalar::String, UINT32_MAX, element}); }
  TypeId map(TypeId value) { return intern(Type{Type::Kind::Map, Scalar::String, UINT32_MAX, value}); }
  TypeId declared(Type::Kind kind, std::uint32_t declaration) {
    return intern(Type{kind, Scalar::String, declaration, {}});
  }

 private:
  // The direct slot of `type`, or null when it has none (see above). May grow a table.
  TypeId* slot(const Type& type);
  static std::uint32_t hash(const Type& type);
  Module& module_;
  std::array<TypeId, 16> scalars_;  // by Scalar
  std::array<std::vector<TypeId>, 4> declared_;  // alias, enum, struct, entity; by declaration
  std::array<std::vector<TypeId>, 3> wrapped_;  // optional, list, map; by element
  IndexHashTable others_;  // of indices into module_.types: the types without a slot
};

}  // namespace bpc::ir
