// BP2013: two structs that contain each other through required fields.

blueprint Shop {
  version "1.0.0"
}

struct Person {
  name: string
  partner: Couple
}

struct Couple {
  first: Person
}

entity Registry {
  id: uuid @id @generated
  couple: Couple?
}
