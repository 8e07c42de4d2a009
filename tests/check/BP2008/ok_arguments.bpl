// The near-miss of the BP2008 tests: every decorator with arguments of the right kind.

blueprint Shop {
  version "1.0.0"
}

role Clerk

type PageSize = int @min(1) @max(100) @default(20)
type Stamp = string @format("date-time")

entity Customer {
  id: uuid @id @generated
  age: int @min(0) @max(150)
  ratio: float @min(0.5) @max(2)
  name: string @minLength(0) @maxLength(120) @pattern("^[A-Za-z ]+$")
  email: string @format(email)
  site: string? @format(uri)
  address: string? @format(ipv4)
  seenAt: Stamp?
  price: decimal = 0 @precision(38, 0)
  code: string? @deprecated
  oldCode: string? @deprecated("Use code.")
  pageSize: PageSize
  orders: list<Order> @inverse(customer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer @onDelete(restrict)
  helper: Customer? @onDelete(setNull)
}

api ShopApi at "/api" {
  operation ping() @http(GET, "/ping") by Clerk
}
