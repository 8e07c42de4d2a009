// BP2007: `@inverse` applies to entity fields, not to type aliases.

blueprint Shop {
  version "1.0.0"
}

type Customers = list<string> @inverse(customer)

entity Customer {
  id: uuid @id @generated
}
