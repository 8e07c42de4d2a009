// BP2009: an enum default written as a string that names one of the values (by its name in
// another case, by its `@value`, or misspelt) gets that value's name offered, with a fix; a
// string that names none gets the plain note.

blueprint Shop {
  version "1.0.0"
}

enum Status { active, suspended }
enum Currency { eur @value("EUR"), usd @value("USD") }

entity Customer {
  id: uuid @id @generated
  status: Status = "Active"
  currency: Currency = "EUR"
  fallback: Status = "suspendd"
  other: Currency = "yen"
}
