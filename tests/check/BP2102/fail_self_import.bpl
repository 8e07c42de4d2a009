// BP2102: a file that imports itself.

blueprint Shop {
  version "1.0.0"
}

import "fail_self_import.bpl"

entity Customer {
  id: uuid @id @generated
}
