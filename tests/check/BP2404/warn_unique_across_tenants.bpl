// BP2404: a value unique across every tenant tells one tenant, through a 409, that another
// holds it; a key with the tenant field is unique per tenant.
blueprint Saas {
  version "1.0.0"
}

role Member

entity Organization { id: uuid @id @generated }

entity Invoice {
  id: uuid @id @generated
  organization: Organization @tenant
  number: string @unique
  year: int
  sequence: int
  unique (year, sequence)
  unique (organization, year)
}
