// BP2022: lengths and `.` count code points, as JSON Schema does: "é" and "😀" are one each (😀 is two UTF-16 units).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  accent: string = "é" @minLength(1) @maxLength(1) @pattern("^.$")
  emoji: string = "😀" @minLength(1) @maxLength(1) @pattern("^.$")
  pair: string = "😀😀" @maxLength(2)
  spaced: string = "a\u{A0}b" @pattern("^\\S+$")
}
