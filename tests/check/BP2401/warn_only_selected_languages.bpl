// BP2401 (warning): only the languages of the targets the blueprint selects count. `delete` is
// reserved in TypeScript and C++, not in Python; `from` is reserved in Python.

blueprint Shop {
  version "1.0.0"
}

entity Course {
  id: uuid @id @generated
  delete: bool = false
  from: string
}

target python {}
