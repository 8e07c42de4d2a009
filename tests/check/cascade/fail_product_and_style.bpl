// Seven independent errors and three warnings in the header, intents, targets, relations and
// names; each should be reported once, and nothing else: an unknown header property
// (BP2002), a version that is not semantic (BP2304), an unknown intent kind (BP2002), an
// unknown name in `uses` (BP2002), a target declared twice (BP2006), an enum without values
// (BP2112), an inverse that does not point back (BP2106); warnings: a reserved word (BP2401),
// a field and a role not in their naming convention (BP2402).
blueprint Shop {
  version "1.0"
  owner "sales"
}

role front_desk

enum Tier {}

entity Customer {
  id: uuid @id @generated
  Nickname: string?
  orders: list<Order> @inverse(seller)
}

entity Seller {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  seller: Seller
  from: string
}

intent screen "Order list" { uses Order }
intent page "Customers" { uses Customers }

target python { package "shop_api" }
target python { package "shop" }
