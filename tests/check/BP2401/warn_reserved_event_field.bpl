// BP2401 (warning): an event field named `register` (C++) and a struct field named `with`
// (TypeScript, Python).

blueprint Shop {
  version "1.0.0"
}

struct Pairing { with: string }

entity Till {
  id: uuid @id @generated
  pairing: Pairing?
}

event TillOpened { till: Till, register: string }

target typescript {}
target python {}
target cpp {}
