// A tenant and an owner per entity, shared through a mixin; the tenant is a reference and the
// owner the caller's identity as a string. Keys that include the tenant are unique per tenant.
blueprint Saas {
  version "1.0.0"
}

role Member

entity Organization {
  id: uuid @id @generated
  name: string
}

mixin Tenanted {
  organization: Organization @tenant @index @onDelete(cascade)
}

entity Project with Tenanted {
  id: uuid @id @generated
  code: string
  author: string @owner
  unique (organization, code)
}

entity Note with Tenanted {
  id: int @id @generated
  text: string
}
