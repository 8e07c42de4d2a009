// BP2016 near misses: names that only start like a device name, or add a digit or letter.

blueprint Shop {
  version "1.0.0"
}

entity Console {
  id: uuid @id @generated
}

enum Com10 { a }

struct Auxiliary {
  x: string
}

event Lpt {
  at: datetime
}

type Nullable = string

role Printer
