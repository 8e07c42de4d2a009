// BP2002: guards are scoped to their workflow; another workflow's guard is not visible.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Payment { due, paid }

entity Order {
  id: uuid @id @generated
  status: Status = open
  payment: Payment = due
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk when isSettled
}

workflow Paying on Order.payment {
  guard isSettled
  due -> paid on pay by Clerk when isSettled
}
