// invalid: keys belong to entities, not to mixins
mixin Stamped {
  at: datetime
  index (at)
}
