// `@searchable` on text fields; indexed fields give list routes their filters, ranges and sort keys.
enum Status { draft, listed }
entity Product {
  id: uuid @id @generated
  name: string @index @searchable
  notes: text? @searchable()
  price: decimal @index
  status: Status = draft @index
}
