// BP2008: `@default` on an alias takes one value.

blueprint Shop {
  version "1.0.0"
}

type PageSize = int @default(10, 20)

entity Customer {
  id: uuid @id @generated
  pageSize: PageSize
}
