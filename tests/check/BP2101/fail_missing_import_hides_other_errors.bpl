// BP2101: when an import is missing, the rest is still checked, but names the missing file might
// have declared are not reported as unknown: `strng` below is not, the missing `@id` is.

blueprint Shop {
  version "1.0.0"
}

import "missing.bpi"

entity Customer {
  name: strng
}
