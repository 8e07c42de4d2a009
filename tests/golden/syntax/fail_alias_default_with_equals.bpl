// ARGS: check --format json %s
// BP1112: `type X = string = "EUR"` (a default written as for a field) is reported with the
// decorator to write instead, as a fix; the alias still declares `Currency`, so its use is fine.
blueprint Shop { version "1.0.0" }

type Currency = string = "EUR"

entity Price {
  id: uuid @id @generated
  currency: Currency
}
