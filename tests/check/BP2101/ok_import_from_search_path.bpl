// ARGS: check -I BP2101/lib %s
// An import found through the search path given with -I.

blueprint Shop {
  version "1.0.0"
}

import "customers.bpi"

entity Order {
  id: uuid @id @generated
  customer: Customer
}
