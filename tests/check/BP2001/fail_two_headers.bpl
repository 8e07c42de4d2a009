// BP2001: the root file has two blueprint headers.

blueprint Shop {
  version "1.0.0"
}

blueprint Other {
  version "2.0.0"
}

entity Customer {
  id: uuid @id @generated
}
