// ARGS: check --format json %s
// BP1115, BP1116, BP1117: a list written `T[]`, a type with SQL-style arguments and an
// operation's result after `:`, as TypeScript and SQL write them. Each is reported with the fix
// that writes it in the blueprint language (none inside `list<...>`, where no decorator may
// stand), and the parser goes on, so every one is reported.
blueprint Shop { version "1.0.0" }

entity Product {
  id: uuid @id @generated
  tags: string[]
  price: decimal(10, 2) @min(0)
  name: string(80)
  sizes: list<decimal(4,1)>
  note: text(unbounded)
}

api Shop {
  operation find(query: string): list<Product>
}
