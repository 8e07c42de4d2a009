// Objects with string keys.
target t {
  headers { "Content-Type": "application/json", "X-Id": 1, plain: "p" }
}
