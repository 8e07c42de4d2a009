// `..` is fine while it stays inside the import roots.

blueprint Shop {
  version "1.0.0"
}

import "sub/inner.bpi"

entity Order {
  id: uuid @id @generated
  customer: Customer
}
