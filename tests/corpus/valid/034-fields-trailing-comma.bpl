// A trailing comma after the last field.
struct Pair { first: int, second: int, }
struct Multi {
  a: int,
  b: int,
}
