// The near-miss of the unknown-type tests: every kind of type a field can name.

blueprint Shop {
  version "1.0.0"
}

type Email = string @format(email)
enum Status { open, closed }
struct Address { city: string }

entity Customer {
  id: uuid @id @generated
  email: Email
  status: Status = open
  address: Address?
  tags: list<string> = []
  notes: map<string, text> = {}
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
