// KNOWN GAP: language.md section 12 says a target option "of the wrong kind is an error
// attributed to that backend"; a number for the `typescript` package name and an invalid
// Python identifier are accepted. Expected: BP2303 at `42` and at "shop-api".

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

target typescript { package 42 }
target python { package "shop-api" }
