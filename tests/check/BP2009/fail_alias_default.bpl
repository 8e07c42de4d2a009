// BP2009: `@default` on an alias must fit the alias's type.

blueprint Shop {
  version "1.0.0"
}

type PageSize = int @default("twenty")

entity Customer {
  id: uuid @id @generated
  pageSize: PageSize
}
