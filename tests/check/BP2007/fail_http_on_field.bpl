// BP2007: `@http` applies to operations only.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  site: string @http(GET, "/site")
}
