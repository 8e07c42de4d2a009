// KNOWN GAP: a `decimal` default must fit `@precision` (language.md section 4: "values that
// do not fit are rejected, never rounded"); `12.345` with scale 2 is accepted today.
// Expected: BP2009 or BP2022 at `12.345`.

blueprint Shop {
  version "1.0.0"
}

entity Product {
  id: uuid @id @generated
  price: decimal = 12.345 @precision(8, 2)
}
