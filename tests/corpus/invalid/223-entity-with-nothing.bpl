// invalid: `with` after an entity's name lists at least one mixin
entity Order with {
  id: uuid @id @generated
}
