// `mixin Name { fields }` and `entity Name with A, B { ... }`; `mixin` and `with` stay names.
mixin Timestamps { createdAt: datetime @generated, mixin: string? }
mixin Tenanted {}
entity Order with Timestamps, Tenanted {
  id: uuid @id @generated
  with: int = 0
}
entity Plain { id: uuid @id @generated }
