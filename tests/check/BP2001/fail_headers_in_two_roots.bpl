// ARGS: check %s BP2001/second_root.bpi
// BP2001: two root files, each with a blueprint header.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}
