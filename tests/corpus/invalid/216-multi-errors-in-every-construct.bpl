// invalid (multi): a mistake in nearly every kind of declaration.
blueprint B { version }
import missing
type T string
enum E { a = 1 }
struct S { : int }
entity X { a: list<> }
event V { x X }
policy { allow A to [] }
workflow W on X.s { a -> on go }
api P { resource }
intent feature priority high {}
target t
