entity A {
  id: uuid
  s: string
}
