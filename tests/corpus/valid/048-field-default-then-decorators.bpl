// The default comes before the decorators.
entity D {
  limit: int = 20 @max(100) @min(0)
  name: string = "x" @minLength(1)
  tags: list<string> = [] @maxItems(5)
}
