// ARGS: check -I BP2101/lib %s
// BP2101: not beside the importing file and not in the search path either; both places are
// listed.

blueprint Shop {
  version "1.0.0"
}

import "nowhere.bpi"

entity Order {
  id: uuid @id @generated
}
