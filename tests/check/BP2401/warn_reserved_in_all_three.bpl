// BP2401 (warning): `class` is reserved in TypeScript, Python and C++.

blueprint Shop {
  version "1.0.0"
}

entity Course {
  id: uuid @id @generated
  class: string
}

target typescript {}
target python {}
target cpp {}
