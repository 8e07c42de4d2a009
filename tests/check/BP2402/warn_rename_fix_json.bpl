// ARGS: check --format json %s
// BP2402 (warning) with its rename fix in JSON. PROBLEM: the fix renames the declaration only;
// the uses (`by clerk`, `allow clerk`) keep the old name, so applying the fix makes the
// blueprint invalid (unknown role `clerk`). The fix should edit every use too.

blueprint Shop {
  version "1.0.0"
}

role clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by clerk
}

policy Access {
  allow clerk to read on Order
}
