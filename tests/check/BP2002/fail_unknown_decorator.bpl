// BP2002: a decorator that does not exist; `@uniqe` is close to `@unique`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @uniqe
}
