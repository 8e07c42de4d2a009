// Enum value decorators whose arguments span lines.
enum E {
  a @label(
    "A",
    "Alpha",
  )
  b
}
