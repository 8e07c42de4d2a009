// BP2229: a key holds stored fields a database can index; BP2002 and BP2006 for a field the
// entity does not have, a field named twice and a key declared twice.
blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
  lines: list<Line> @inverse(order)
  tags: list<string> = []
  extra: json = {}
  number: string
  unique (number, lines)
  index (tags)
  unique (number, extra)
  unique (numbr)
  index (number, number)
  unique (number)
  unique (number)
}

entity Line {
  id: uuid @id @generated
  order: Order
}
