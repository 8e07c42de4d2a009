// BP2015: `Item` and `ITEM` would be one file on Windows and macOS (`schemas/Item.schema.json`).

blueprint Shop {
  version "1.0.0"
}

entity Item {
  id: uuid @id @generated
}

entity ITEM {
  id: uuid @id @generated
}
