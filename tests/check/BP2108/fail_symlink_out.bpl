// BP2108: a symbolic link inside the root that points outside it is refused, and the file it
// points to is never read.

blueprint Shop {
  version "1.0.0"
}

import "outside.bpi"
import "passwd.bpi"

entity Order {
  id: uuid @id @generated
}
