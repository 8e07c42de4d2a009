// BP2306: `license` is an SPDX license expression; a sentence or an unbalanced one is refused.
blueprint Shop {
  version "1.0.0"
  license "MIT or whatever you like!"
}

entity Customer {
  id: uuid @id @generated
}
