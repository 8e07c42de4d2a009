// Names and strings that break naive generators: reserved words, `__proto__` and Object.prototype's
// members as names (of fields, enum values, operations, guards, conditions), and strings with
// quotes, backslashes, newlines, comment closers, template placeholders, backticks and non-ASCII
// text; and constraints whose lengths and patterns count code points (an emoji is two UTF-16
// units). tests/backends/typescript runs its project's tests.
blueprint Hostile {
  version "1.0.0"
  description "Quotes ' \" \\ `ticks` ${x} */ /* and 日本語 — ✓"
  license "LicenseRef-Hostile-1.0"
  contact "O'Brien \"QA\" `*/ ${x}` 日本語 <qa+tests@hostile.example> (https://hostile.example/a?b=c&d='e'#f)"
}

/// A doc comment with */ inside, /* too, ${template} and `backticks`, and a \ backslash.
enum Kind { default, function, class, constructor, prototype, __proto__ }

/// Line one
/// Line two with "quotes" and 'apostrophes' and */ again
entity Class {
  id: uuid @id @generated
  /// The constructor; `*/` must not end this comment.
  constructor: string @minLength(1) @maxLength(40) @pattern("^[a-z'\"`$ {}\\\\]+$") @index
  delete: int @min(0) @max(10)
  default: string = "it's \"quoted\" \\ back\\slash\nnew line ${x} `tick` */ 日本語 ✓"
  function: Kind = default
  toString: string? @index
  valueOf: int?
  hasOwnProperty: bool = false
  prototype: text? @maxLength(100)
  status: Kind = default
  __proto__: string = "p" @maxLength(20) @index
  options: Options = {}
  /// Lengths count code points, as `bpc check` does: "😀" is one character, not two UTF-16 units.
  emoji: string = "😀" @maxLength(1)
  badge: string @minLength(2) @maxLength(2) @pattern("^😀.$")
}

struct Options {
  __proto__: bool = true
  constructor: int = 1 @min(1)
}

entity Function {
  id: uuid @id @generated
  class: Class @onDelete(cascade)
  new: string @unique @pattern("^[a-z]{3,8}$")
  return: decimal = 0 @precision(6, 2) @min(0)
}

/// Scoped through hostile names: the tenant is `constructor` (a Class), the owner `__proto__`.
entity Prototype {
  id: int @id @generated
  constructor: Class @tenant @onDelete(cascade)
  __proto__: string @owner
  valueOf: string @minLength(1)
}

event Happened { class: Class, why: string }

role Delete
role Default

policy {
  allow Delete to *
  allow Default to read
  allow Default to update on Class when __proto__
}

workflow Lifecycle on Class.status {
  initial default
  guard __proto__
  default -> function on switch(why: string @minLength(1)) by Delete emits Happened
  function -> class on new by Delete when __proto__
  class -> default on reset(toString: string @minLength(1)) by Delete
}

api Api at "/api" {
  resource Class with workflow Lifecycle
  resource Function
  resource Prototype
  /// Finds classes; "quotes" and */ in a doc.
  operation delete(default: string @minLength(2)) -> list<Class> @http(GET, "/classes/find") by Delete
  operation __proto__(constructor: string) -> Class @http(POST, "/classes/proto") by Delete
}

target typescript { package "hostile-api" }
