// BP2018: declared types take no type arguments.

blueprint Shop {
  version "1.0.0"
}

struct Address { city: string }

entity Customer {
  id: uuid @id @generated
  home: Address<string>
}
