// Commas are optional between enum values and may trail.
enum Mixed { a, b c, d,
  e
  f, }
