// BP2231: a mixin's field may not share its name with a field of the including entity or of
// another of its mixins; BP2006 for a mixin listed twice, BP2002 for an unknown one. A problem in
// a mixin's field is reported once, however many entities include it.
blueprint Shop {
  version "1.0.0"
}

mixin Timestamps {
  createdAt: datetime @generated
  note: string? @minLength(5) @maxLength(2)
}

mixin Created {
  createdAt: datetime @generated
}

entity Order with Timestamps {
  id: uuid @id @generated
  createdAt: date
}

entity Invoice with Timestamps, Created, Timestamps, Stamped {
  id: uuid @id @generated
}
