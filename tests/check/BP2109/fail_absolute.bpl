// BP2109: an absolute path is refused before anything is looked up.

blueprint Shop {
  version "1.0.0"
}

import "/etc/passwd"
import "/dev/zero"
import "C:/blueprints/common.bpl"

entity Order {
  id: uuid @id @generated
}
