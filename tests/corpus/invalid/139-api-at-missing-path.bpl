// invalid: `at` without a base path.
api A at {
}
