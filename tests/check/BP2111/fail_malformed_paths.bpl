// BP2111: import paths that name no file on any system.

blueprint Shop {
  version "1.0.0"
}

import ""
import "lib\\common.bpi"
import "common\u{0}.bpi"

entity Order {
  id: uuid @id @generated
}
