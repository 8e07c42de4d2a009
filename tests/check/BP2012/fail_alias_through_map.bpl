// BP2012: an alias that contains itself through a map has no end either.

blueprint Shop {
  version "1.0.0"
}

type Tree = map<string, Tree>

entity Customer {
  id: uuid @id @generated
  tree: Tree = {}
}
