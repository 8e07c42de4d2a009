// BP2402 (warning): type alias names are PascalCase.

blueprint Shop {
  version "1.0.0"
}


type email_address = string @format(email)

entity Customer {
  id: uuid @id @generated
  email: email_address
}
