// ARGS: check --target pyhton %s
// An unknown target is a usage error (exit 2) naming the ones there are.
blueprint Reserved {
  version "1.0.0"
}
