// BP2401 (warning): an enum value named `default` (TypeScript, C++).

blueprint Shop {
  version "1.0.0"
}

enum Plan { basic, default, premium }

entity Customer {
  id: uuid @id @generated
  plan: Plan = basic
}

target typescript {}
target python {}
target cpp {}
