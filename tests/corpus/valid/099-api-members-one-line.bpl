// Api members on one line.
api A at "/a" { resource P { list } resource Q operation f() -> int by R operation g() }
