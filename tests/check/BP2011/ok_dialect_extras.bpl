// BP2011: the dialect's additions to I-Regexp: anchors, `(?:...)`, `\d \w \s` and their complements, `\$` and `\/`, and non-ASCII characters.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  price: string @pattern("^\\$[0-9]+(?:\\.[0-9]{2})?$")
  path: string @pattern("^(?:/[\\w-]+)+\\/?$")
  spaced: string @pattern("^\\S+(?:\\s\\S+)*$")
  other: string @pattern("^\\D\\W$")
  accented: string @pattern("^[àâçéèêëîïôûùüÿ😀-🙏]+$")
}
