// BP2009: a field default must fit the type behind the field's alias.

blueprint Shop {
  version "1.0.0"
}

type Count = int @min(0)

entity Customer {
  id: uuid @id @generated
  visits: Count = "none"
}
