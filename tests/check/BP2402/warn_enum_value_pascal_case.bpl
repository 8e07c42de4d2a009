// BP2402 (warning): enum values are lower camelCase or snake_case.

blueprint Shop {
  version "1.0.0"
}


enum Status { Open, Closed }

entity Order {
  id: uuid @id @generated
  status: Status = Open
}
