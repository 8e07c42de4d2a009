// BP2017: a declaration name of 101 bytes; backends make file names from it.

blueprint Shop {
  version "1.0.0"
}

entity Exxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx {
  id: uuid @id @generated
}
