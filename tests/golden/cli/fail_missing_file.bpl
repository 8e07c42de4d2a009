// ARGS: check does-not-exist.bpl
