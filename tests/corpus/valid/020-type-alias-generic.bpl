// Type aliases with generic and optional types.
type Tags = list<string>
type Scores = map<string, int>?
type Matrix = list<list<float>>
type MaybeTags = list<string?>? @maxItems(10)
