// The near-miss of fail_updated_at_not_datetime: `@updatedAt` on a datetime, beside a created-at
// `@generated` one.
blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
  createdAt: datetime @generated
  updatedAt: datetime @updatedAt
}
