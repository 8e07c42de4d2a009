// Dotted paths whose segments are keywords.
target t { base entity.type.on }
entity E { a: to.by = on.when @x(api.at) }
