// BP2102: the root is not on the cycle; two files it imports import each other.

blueprint Shop {
  version "1.0.0"
}

import "lib/left.bpi"

entity Customer {
  id: uuid @id @generated
}
