entity A {
  id: uuid @id
}
