// BP2022: `.` matches neither a line feed nor a carriage return, in every target.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "a\rb" @pattern("^a.b$")
}
