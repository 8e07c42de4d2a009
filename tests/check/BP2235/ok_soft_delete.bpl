// A soft-deletable entity, with the marker from a mixin: deletes hide its records, and the
// resource serving `delete` also serves `POST /documents/{id}/restore`.
blueprint Docs {
  version "1.0.0"
}

mixin SoftDeleted {
  deletedAt: datetime? @deletedAt
}

entity Document with SoftDeleted {
  id: uuid @id @generated
  title: string
}

api Docs {
  resource Document
}
