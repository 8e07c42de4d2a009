// BP2402 (warning): one enum mixes camelCase and snake_case values.

blueprint Shop {
  version "1.0.0"
}


enum Status { open, inProgress, on_hold }

entity Order {
  id: uuid @id @generated
  status: Status = open
}
