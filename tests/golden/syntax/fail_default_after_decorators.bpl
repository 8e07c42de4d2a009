// ARGS: check --format json %s
// BP1114: a field's default written after its decorators is reported at the `= value`, with the
// fix that moves it before them; the block goes on parsing, so the second one is reported too.
blueprint Shop { version "1.0.0" }

entity Product {
  id: uuid @id @generated
  tags: list<string> @maxLength(5) @minLength(1) = ["new", "sale"]
  stock: int @min(0) = 3
  name: string
}
