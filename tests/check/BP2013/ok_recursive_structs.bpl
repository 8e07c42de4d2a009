// The near-miss of the BP2013 tests: recursion through an optional field, a list or a map.

blueprint Shop {
  version "1.0.0"
}

struct Node {
  label: string
  next: Node?
  children: list<Node> = []
  named: map<string, Node> = {}
}

entity Graph {
  id: uuid @id @generated
  root: Node
}
