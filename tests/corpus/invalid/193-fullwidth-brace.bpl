// invalid: a full-width brace is not `{`.
entity E ｛ a: int }
