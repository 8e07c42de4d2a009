// A literal tab character inside a string.
entity E { a: string = "a	b" }
