// KNOWN GAP: an alias's `@default` outside the alias's own bounds is accepted; every field of
// type PageSize then gets an invalid default. Expected: BP2022 at `@default(500)`.

blueprint Shop {
  version "1.0.0"
}

type PageSize = int @min(1) @max(100) @default(500)

entity Customer {
  id: uuid @id @generated
  pageSize: PageSize
}
