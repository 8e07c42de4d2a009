// BP2002: a target backend that does not exist.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

target typescrpt { package "@shop/api" }
