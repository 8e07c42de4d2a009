// Names and strings that break naive Python generators: keywords and soft keywords (`match`,
// `case`, `type`), builtins and names that shadow what a project imports (`None`, `self`, `id`,
// `list`, `BaseModel`, `Field`, `datetime`, `json`, `model_dump`), dunder and underscore names;
// strings with quotes, backslashes, triple quotes, f-string braces, U+2028 and right-to-left
// marks. tests/backends/python runs its project's checks and tests.
blueprint Pythonic {
  version "1.0.0"
  description "Quotes ' \" \"\"\" \\ {braces} {{x}} f'{x}' \u{2028} line \u{200F}rtl\u{200E} and 日本語"
  license "LicenseRef-Hostile-1.0"
  contact "O'Brien \"QA\" {x} f'{y}' \"\"\" \\ 日本語 <qa+py@hostile.example>"
}

/// A docstring with """triple quotes""", a trailing quote" and a \ backslash {x}.
enum match { case, type, None, self, __init__ }

struct BaseModel {
  Field: string = "\"\"\" {x} \\"
  json: int = 1 @min(0)
  model_dump: bool = true
}

/// Also \u{2028} a line separator and an RTL mark \u{200F}.
entity List {
  id: uuid @id @generated
  datetime: datetime?
  json: json?
  date: date?
  list: string @minLength(1) @maxLength(40) @index
  None: int @min(0) @max(10)
  self: string = "it's \"quoted\" \\ back\\slash\nnew line {x} f\"{y}\" \"\"\" 日本語"
  type: match = case
  class: string? @index
  __dunder__: text? @maxLength(100)
  _private: bool = false
  lambda: BaseModel = {}
  copy: string = "c" @maxLength(20)
  dict: int?
}

entity Self {
  id: int @id @generated
  from: List @onDelete(cascade)
  import: string @unique @pattern("^[a-z]{3,8}$")
  yield: decimal = 0 @precision(6, 2) @min(0)
  match: match = type
}

event async { await: List, raise: string? }

role global
role nonlocal

policy {
  allow global to *
  allow nonlocal to read on List, Self
}

workflow try on List.type {
  initial case
  guard finally
  case -> type on except when finally emits async
  type -> None on raise(raise: string)
}

api Model at "/api" {
  resource List { list, get, create, update, delete } with workflow try
  resource Self { list, get, create, update, delete }
  operation assert(with: string) -> List @http(POST, "/lists/assert") by global
}
