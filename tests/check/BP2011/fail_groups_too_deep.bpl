// BP2011: groups nest at most 32 deep.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("(((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))")
}
