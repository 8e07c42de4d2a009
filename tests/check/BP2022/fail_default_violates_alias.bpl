// BP2022: a field default outside its alias's bounds.

blueprint Shop {
  version "1.0.0"
}

type PageSize = int @min(1) @max(100)

entity Customer {
  id: uuid @id @generated
  pageSize: PageSize = 500
}
