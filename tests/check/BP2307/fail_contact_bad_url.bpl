// BP2307: the part in `()` must be an http or https URL, and it comes last.
blueprint Shop {
  version "1.0.0"
  contact "Shop Team <team@shop.example> (ftp://shop.example)"
}

entity Customer {
  id: uuid @id @generated
}
