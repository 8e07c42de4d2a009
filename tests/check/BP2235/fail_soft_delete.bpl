// BP2235: one `@deletedAt` field per entity, null until a delete sets it (so no default). BP2007
// for a field that is not `datetime?`, and BP2230 for a transition that would set it.
blueprint Docs {
  version "1.0.0"
}

enum State { draft, published }

entity Page {
  id: uuid @id @generated
  deletedAt: datetime? @deletedAt
  removedAt: datetime? @deletedAt
  state: State = draft
}

entity Note {
  id: uuid @id @generated
  goneAt: datetime? = null @deletedAt
  stamp: datetime @deletedAt
  flag: bool @deletedAt
}

workflow Publishing on Page.state {
  draft -> published on publish sets deletedAt = now
}
