// ARGS: check --format json %s
// BP2103 with its fix in JSON: insert `id: uuid @id @generated` after the `{`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  name: string
}
