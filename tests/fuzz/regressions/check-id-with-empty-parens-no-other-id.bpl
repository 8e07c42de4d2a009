// Decorators with empty parentheses.
entity E {
  id: uuid @id() @generated()
}
