// ARGS: ir --stop-after desugar-resources %s
// Enum values written qualified (`Color.red`) are stored by their name wherever they appear in a
// default: at the top, and inside lists, maps and struct values; an alias's `@default` of an enum
// type resolves too, whichever of the alias and the enum comes first.
blueprint Paints {
  version "1.0.0"
}

type Palette = list<Color> @default([Color.green, red])

enum Color { red, green }

struct Paint {
  color: Color = Color.green
}

entity Item {
  id: uuid @id @generated
  colors: list<Color> = [Color.red, green]
  byName: map<string, Color> = { a: Color.red }
  paint: Paint = { color: Color.red }
  palette: Palette
}
