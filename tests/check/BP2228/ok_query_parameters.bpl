// The list query of an entity with every kind of filter: equality, several enum values, ranges
// on numbers, decimals, dates and datetimes, sort keys and text search. A field named `q` does not
// clash when nothing is searchable.
blueprint Shop {
  version "1.0.0"
}

enum Status { draft, listed, withdrawn }

entity Product {
  id: uuid @id @generated
  name: string @index @searchable
  description: text? @searchable
  price: decimal @precision(10, 2) @index
  stock: int @index
  status: Status = draft @index
  releasedOn: date? @index
  listedAt: datetime @generated @index
}

entity Tag {
  id: int @id @generated
  q: string @unique
}

api Shop {
  resource Product
  resource Tag
}
