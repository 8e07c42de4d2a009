// BP2228: an indexed field is a filter of the list route, named as the field; one named like
// the route's own parameters (`limit`, `offset`, `sort`, and `q` when the entity is searchable)
// would hide them.
blueprint Shop {
  version "1.0.0"
}

entity Product {
  id: uuid @id @generated
  name: string @searchable
  sort: int @index
  q: string @unique
  limit: int  // not a filter: no clash
}

api Shop {
  resource Product
}
