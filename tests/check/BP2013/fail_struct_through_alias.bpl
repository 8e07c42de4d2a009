// BP2013: an alias in between does not break the cycle.

blueprint Shop {
  version "1.0.0"
}

type Child = Node

struct Node {
  label: string
  child: Child
}

entity Graph {
  id: uuid @id @generated
  root: Node?
}
