// ARGS: diff --breaking diff/timestamps.old.bpi %s
// `@updatedAt` moving between fields: a field the service now keeps on every write breaks
// nothing; one that becomes `@updatedAt` from a client-set value stops accepting input.
blueprint Shop { version "1.1.0" }

entity Order {
  id: uuid @id @generated
  createdAt: datetime @updatedAt
  changedAt: datetime @generated
  note: datetime @updatedAt
}
