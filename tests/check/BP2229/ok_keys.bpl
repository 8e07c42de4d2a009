// Keys over scalars, enums, optional fields and single references; the same fields may form a
// unique key and an index.
blueprint Shop {
  version "1.0.0"
}

enum Role { owner, member }
entity Organization { id: uuid @id @generated }
entity User { id: uuid @id @generated }

entity Membership {
  id: uuid @id @generated
  organization: Organization
  user: User
  role: Role = member
  nickname: string?
  unique (organization, user)
  index (organization, user)
  index (role, nickname)
}

api Admin {
  resource Membership
}
