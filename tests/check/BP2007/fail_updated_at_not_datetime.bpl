// BP2007: `@updatedAt` is a time the service keeps: only a `datetime` entity field.
blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
  changed: date @updatedAt
}
