// The near-miss of the BP2022 tests: defaults at the bounds of `@min`, `@max`, `@minLength`
// and `@maxLength`, matching `@pattern` and `@format`, also through an alias.

blueprint Shop {
  version "1.0.0"
}

type PageSize = int @min(1) @max(100)

entity Customer {
  id: uuid @id @generated
  age: int = 0 @min(0)
  rating: int = 5 @max(5)
  code: string = "abc" @minLength(3) @pattern("^[a-z]+$")
  tags: list<string> = ["a", "b"] @maxLength(2)
  email: string = "shop@example.com" @format(email)
  pageSize: PageSize = 100
}
