// invalid (multi): unclosed blocks followed by more declarations.
entity A {
  a: int

struct B {
  b: int

enum C { x, y }
