// Spaces inside constructs that are written without them by the formatter.
entity E {
  a : int = - 7 @ min ( 0 )
  b : common . Money ? @ d
  c : list < int > ?
}
workflow W on E . s { a->b on go emits x . Y }
