// invalid: `??` after a type.
entity E {
  name: string??
}
