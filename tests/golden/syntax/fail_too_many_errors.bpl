// ARGS: check --max-errors 2 %s
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
entity {
}
