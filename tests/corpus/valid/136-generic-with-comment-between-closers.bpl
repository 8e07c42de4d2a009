// Comments between the closing `>` of nested generics.
entity E {
  a: list<list<int> /* inner */ > // outer
  b: list<list<int>// line
  >
}
