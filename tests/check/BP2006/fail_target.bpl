// BP2006: a target declared twice.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

target python { package "shop_api" }
target python { package "shop" }
