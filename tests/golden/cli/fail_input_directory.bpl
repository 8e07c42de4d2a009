// ARGS: check cli
// A directory is not a blueprint.
