// Several declarations on one line.
role A role B type X = int enum E { a } import "x.bpl" target t {}
