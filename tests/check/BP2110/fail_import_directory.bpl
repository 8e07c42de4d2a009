// BP2110: a directory is not a file.

blueprint Shop {
  version "1.0.0"
}

import "lib"

entity Order {
  id: uuid @id @generated
}
