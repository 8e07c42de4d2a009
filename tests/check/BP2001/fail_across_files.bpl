// BP2001: a declaration that clashes with one in an imported file.

blueprint Shop {
  version "1.0.0"
}

import "shared_customer.bpi"

entity Customer {
  id: uuid @id @generated
  email: string
}
