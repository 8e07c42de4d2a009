// BP2007: the field's type is an alias of `string`; `@min` still needs a number.

blueprint Shop {
  version "1.0.0"
}

type Code = string @maxLength(8)

entity Customer {
  id: uuid @id @generated
  code: Code @min(0)
}
