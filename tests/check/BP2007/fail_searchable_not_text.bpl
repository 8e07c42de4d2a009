// BP2007: the text search matches text: `@searchable` applies to `string` and `text` entity fields.
blueprint Shop {
  version "1.0.0"
}

type Sku = string @pattern("^[A-Z0-9]{8}$")

entity Product {
  id: uuid @id @generated
  sku: Sku @searchable
  stock: int @searchable
  tags: list<string> @searchable
}
