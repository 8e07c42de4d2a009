// BP2110: a chain of symbolic links that never ends is refused, not followed forever.

blueprint Shop {
  version "1.0.0"
}

import "loop_a.bpi"

entity Order {
  id: uuid @id @generated
}
