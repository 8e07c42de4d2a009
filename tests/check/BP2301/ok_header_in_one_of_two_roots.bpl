// ARGS: check %s BP2301/lib/second_root.bpi
// Of two root files, one has the header: no warning.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}
