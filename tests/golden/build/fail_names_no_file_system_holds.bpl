// ARGS: build --target all --dry-run %s
// Names every backend would fail to write (a case clash, a Windows device name, a 300-byte name)
// are refused by the checker, at the names, before any backend runs.
blueprint Names {
  version "1.0.0"
}

entity Item {
  id: uuid @id @generated
}

entity item {
  id: uuid @id @generated
}

enum Con { a }

api Aux {
  resource Item { list }
}

struct Sxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx {
  x: string
}
