// The near-miss of fail_unknown_target.bpl: every target with its option.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

target typescript { package "@shop/api" }
target python { package "shop_api" }
target cpp { namespace "shop" }
target openapi {}
target jsonschema {}
