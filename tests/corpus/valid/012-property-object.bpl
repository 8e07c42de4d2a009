// Property values that are objects.
target python {
  options { strict: true, "line-length": 100, nested: { paths: ["src", "tests"] }, }
  empty {}
  single { a: 1 }
}
