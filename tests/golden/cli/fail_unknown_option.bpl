// ARGS: check --frobnicate %s
