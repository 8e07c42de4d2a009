// BP2007: `@unique` needs a scalar other than `json` or `bytes`, an enum or a single reference.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  profile: json @unique
}
