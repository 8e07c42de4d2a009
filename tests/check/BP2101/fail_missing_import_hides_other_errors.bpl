// BP2101: when an import is missing, bpc check stops after loading: the unknown type and the
// missing `@id` below are not reported (the missing file might have declared them). Recorded
// so a change to this behaviour is noticed.

blueprint Shop {
  version "1.0.0"
}

import "missing.bpi"

entity Customer {
  name: strng
}
