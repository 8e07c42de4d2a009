/// Doc comments with nothing to attach to.
/// Another one.
