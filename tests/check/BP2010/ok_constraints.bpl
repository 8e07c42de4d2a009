// The near-miss of the BP2010 tests: consistent bounds, lengths and precision; defaults at
// the bounds; a field that narrows its alias's bounds.

blueprint Shop {
  version "1.0.0"
}

type Age = int @min(0) @max(150)
type Tags = list<string> @maxLength(10)

entity Customer {
  id: uuid @id @generated
  age: Age = 0 @max(120)
  exact: int = 5 @min(5) @max(5)
  code: string = "abc" @minLength(3) @maxLength(3)
  initials: string = "ÅÆØ" @maxLength(3)
  tags: Tags = ["a", "b"] @minLength(1)
  price: decimal = 99.99 @precision(4, 2) @min(0) @max(99.99)
  whole: decimal @precision(5, 0)
}
