// BP2401 (warning): `from` is reserved in Python.

blueprint Shop {
  version "1.0.0"
}

entity Transfer {
  id: uuid @id @generated
  from: string
}

target typescript {}
target python {}
target cpp {}
