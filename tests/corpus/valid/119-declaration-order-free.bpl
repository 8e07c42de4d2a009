// Declarations in any order; the header may come last.
target ts { package "x" }
api A { resource E }
entity E { a: int }
import "late.bpl"
blueprint Late { version "1" }
