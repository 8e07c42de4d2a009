// A struct declaration.
/// An address embedded in other records.
struct Address {
  line1: string @minLength(1)
  line2: string?
  city: string
  country: string @pattern("^[A-Z]{2}$")
}
