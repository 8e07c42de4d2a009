// The near-miss of fail_two_headers.bpl: headers of imported files are ignored
// (language.md section 2), so a shared file may carry its own header.

blueprint Shop {
  version "1.0.0"
}

import "lib/with_header.bpi"

entity Order {
  id: uuid @id @generated
  customer: Customer
}
