// ARGS: build %s --target all --dry-run --out out
// `--target all` runs every available backend.
blueprint Shop {}

struct Point { x: float, y: float }
