// BP2008: `@default` without a value.

blueprint Shop {
  version "1.0.0"
}

type PageSize = int @default

entity Customer {
  id: uuid @id @generated
  pageSize: PageSize
}
