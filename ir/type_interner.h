#pragma once

// Interning of IR types: structurally equal types get one TypeId, so type equality is ID
// equality. Used by the lowering from syntax and by the JSON loader.

#include "ir/index_hash_table.h"
#include "ir/ir.h"

namespace bpc::ir {

class TypeInterner {
 public:
  explicit TypeInterner(Module& module);
  // The ID of a type equal to `type`, adding it to the module if it is new.
  TypeId intern(const Type& type);

  TypeId scalar(Scalar scalar) { return intern(Type{Type::Kind::Scalar, scalar, UINT32_MAX, {}}); }
  TypeId optional(TypeId element) { return wrap(Type::Kind::Optional, element); }
  TypeId list(TypeId element) { return wrap(Type::Kind::List, element); }
  TypeId map(TypeId value) { return wrap(Type::Kind::Map, value); }
  TypeId declared(Type::Kind kind, std::uint32_t declaration) {
    return intern(Type{kind, Scalar::String, declaration, {}});
  }

 private:
  TypeId wrap(Type::Kind kind, TypeId element) {
    return intern(Type{kind, Scalar::String, UINT32_MAX, element});
  }
  static std::uint32_t hash(const Type& type);
  Module& module_;
  IndexHashTable ids_;  // of indices into module_.types
};

}  // namespace bpc::ir
