// BP2101: a path into a folder that exists, to a file that does not.

blueprint Shop {
  version "1.0.0"
}

import "lib/customres.bpi"

entity Order {
  id: uuid @id @generated
}
