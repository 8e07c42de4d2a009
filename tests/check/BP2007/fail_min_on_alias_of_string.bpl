// BP2007: `@min` on a type alias of `string`.

blueprint Shop {
  version "1.0.0"
}

type Code = string @min(0)

entity Customer {
  id: uuid @id @generated
  code: Code
}
