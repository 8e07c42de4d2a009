// BP2107: an entity that requires a record of itself.

blueprint Shop {
  version "1.0.0"
}

entity Employee {
  id: uuid @id @generated
  manager: Employee
}
