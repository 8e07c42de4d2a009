// The near-miss of the BP2402 tests: every kind of name in its convention; enum values all
// camelCase in one enum, all snake_case in another; acronyms written as words.

blueprint Shop {
  version "1.0.0"
}

role ShopClerk

type EmailAddress = string @format(email)
enum OrderStatus { open, inProgress, closed }
enum LegacyCode { code_a, code_b2, code_c }
struct PostalAddress { city: string, zipCode: string }

entity HttpEndpoint {
  id: uuid @id @generated
  apiKey: string
  contact: EmailAddress
}

entity Order {
  id: uuid @id @generated
  status: OrderStatus = open
  legacy: LegacyCode = code_a
  address: PostalAddress?
}

event OrderPlaced { order: Order }

workflow OrderLife on Order.status {
  guard isPaid
  open -> inProgress on startWork(workNote: string) by ShopClerk when isPaid emits OrderPlaced
  inProgress -> closed on close by ShopClerk
}

api ShopApi at "/api" {
  resource Order
  operation searchOrders(maxResults: int = 20) by ShopClerk
}

policy FrontDesk {
  allow ShopClerk to read when isOwner
}
