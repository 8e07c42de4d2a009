// The near-miss of fail_across_files.bpl: the imported declaration is used, not redeclared;
// importing the same file twice (by two spellings of its path) loads it once.

blueprint Shop {
  version "1.0.0"
}

import "shared_customer.bpi"
import "./shared_customer.bpi"

entity Order {
  id: uuid @id @generated
  customer: Customer
}
