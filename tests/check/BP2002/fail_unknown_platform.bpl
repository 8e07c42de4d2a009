// BP2002: `platform` is one of web, mobile, desktop, api, fullstack.
blueprint Shop {
  version "1.0.0"
  platform webapp
}

entity Customer {
  id: uuid @id @generated
}
