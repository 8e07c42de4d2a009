// BP2013: a struct that contains itself through a required field.

blueprint Shop {
  version "1.0.0"
}

struct Node {
  label: string
  next: Node
}

entity Graph {
  id: uuid @id @generated
  root: Node?
}
