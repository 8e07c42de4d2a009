// BP2022: `\d` is [0-9] only: an Arabic-Indic digit is not one (as it would be in Python).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "\u{663}" @pattern("^\\d$")
}
