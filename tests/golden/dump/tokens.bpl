// ARGS: parse --dump-tokens %s
/// A doc comment
entity A { x: list<int>? = [1, -2.5e3] @min(0) }
