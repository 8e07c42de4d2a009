// BP2007: an enum value takes only `@deprecated`.

blueprint Shop {
  version "1.0.0"
}

enum Size { small @min(1), large }

entity Shirt {
  id: uuid @id @generated
  size: Size = large
}
