// The near-miss of the BP2007 tests: every decorator where it applies.

blueprint Shop {
  version "1.0.0"
}

role Clerk

type Email = string @format(email) @maxLength(254) @secret
type PageSize = int @min(1) @max(100) @default(20)
type Money = decimal @precision(12, 2) @min(0) @deprecated("Use Amount.")

enum Size {
  small
  large
  huge @deprecated("No longer made.")
}

struct Address {
  line: string @minLength(1) @readonly
  code: string? @pattern("^[0-9]{4}$")
}

entity Customer {
  id: uuid @id @generated
  email: Email @unique
  name: string @index @minLength(1) @maxLength(120)
  createdAt: datetime @generated
  balance: decimal = 0 @precision(10, 2) @min(-100) @max(100000)
  passwordHash: string @secret
  oldCode: string? @deprecated
  size: Size = small
  address: Address?
  orders: list<Order> @inverse(customer)
}

entity Order {
  id: int @id @generated
  customer: Customer @onDelete(cascade) @index
  pages: PageSize
  tags: list<string> = [] @maxLength(10)
}

event OrderPlaced {
  order: Order
  note: string? @maxLength(200)
}

api ShopApi at "/api" {
  operation search(query: string @minLength(2), limit: int = 20 @max(100)) -> list<Customer>
    @http(GET, "/customers/search") @deprecated by Clerk
}
