// BP2307: `contact` is "Name <email> (url)"; the part in `<>` must be an e-mail address.
blueprint Shop {
  version "1.0.0"
  contact "Shop Team <not an address> (https://shop.example)"
}

entity Customer {
  id: uuid @id @generated
}
