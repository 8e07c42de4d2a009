// BP2001: a role named like an entity is refused once; the rules and transitions that name the
// role are not reported again as "an entity, not a role" (one mistake, one error), and neither
// is a field whose type names an enum that a role's name already took.

blueprint Cowork {
  version "1.0.0"
}

role Member
enum Member { a, b }

entity Person { id: uuid @id @generated }
entity Desk { id: uuid @id @generated, kind: Member = a }
role Admin
role Person

policy Access {
  allow Person to read on Desk
  allow Admin to *
}
