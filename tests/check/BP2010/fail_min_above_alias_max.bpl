// BP2010: the field's `@min` is above its alias's `@max`.

blueprint Shop {
  version "1.0.0"
}

type Age = int @min(0) @max(150)

entity Customer {
  id: uuid @id @generated
  age: Age @min(200)
}
