// An api without a base path.
api Internal {
  resource Doctor { list, get }
}
