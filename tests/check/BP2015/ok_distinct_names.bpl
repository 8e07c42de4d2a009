// BP2015 near misses: names that differ by more than case are distinct file names everywhere.

blueprint Shop {
  version "1.0.0"
}

entity Item {
  id: uuid @id @generated
}

entity Items {
  id: uuid @id @generated
}

struct LineItem {
  note: string
}

struct LineItems {
  note: string
}
