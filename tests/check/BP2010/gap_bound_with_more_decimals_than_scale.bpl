// KNOWN GAP: language.md section 13 lists "a bound with more decimals than the scale" as a
// contradictory constraint; `@min(0.001)` with `@precision(5, 2)` is accepted today.
// Expected: BP2010 at `@min(0.001)`.

blueprint Shop {
  version "1.0.0"
}

entity Product {
  id: uuid @id @generated
  price: decimal @precision(5, 2) @min(0.001)
}
