// Empty declaration bodies.
struct S {}
entity E {}
event V {}
policy {}
api A {}
workflow W on E.status {}
target t {}
intent i "empty" {}
blueprint B {}
