// BP2118: an inverse single reference must be optional.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  profile: Profile @inverse(owner)
}

entity Profile {
  id: uuid @id @generated
  owner: Customer @unique
}
