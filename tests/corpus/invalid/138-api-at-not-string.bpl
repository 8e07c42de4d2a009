// invalid: the base path after `at` must be a string.
api A at api {
}
