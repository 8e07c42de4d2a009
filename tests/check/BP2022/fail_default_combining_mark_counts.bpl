// BP2022: lengths count code points: e + U+0301 (combining acute) is two, though it shows as one.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  initial: string = "e\u{301}" @maxLength(1)
}
