// BP2238: a trigger's required parameters come from the event's fields of the same name and
// type; optional parameters and those with defaults may be left out.
blueprint Pay {
  version "1.0.0"
}

enum OrderStatus { open, paid }

entity Order {
  id: uuid @id @generated
  status: OrderStatus = open
}

event OrderSettled { order: Order, amount: int, method: int }

workflow Fulfilment on Order.status {
  open -> paid on pay(method: string, amount: int, receipt: string?, times: int = 1)
}

handler settle on OrderSettled triggers pay on order
