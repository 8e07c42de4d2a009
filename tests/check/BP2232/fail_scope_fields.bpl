// BP2232: a record belongs to one tenant and one owner, and the service sets those fields from
// the caller: so at most one `@tenant` and one `@owner` field per entity, never the id, a
// generated or inverse field, or one with a default. BP2008 for a type that cannot hold the
// caller's tenant or identity, and BP2230 for a transition that would set one.
blueprint Saas {
  version "1.0.0"
}

role Member

entity Organization {
  id: uuid @id @generated
  members: list<Member2> @inverse(organization) @tenant
}

entity Member2 {
  id: uuid @id @generated @tenant
  organization: Organization @tenant
  workspace: string @tenant
  author: string = "me" @owner
  stamp: datetime @generated @owner
  note: string? @tenant
  tags: list<string> @owner
  status: Status = open
}

enum Status { open, closed }

workflow Review on Member2.status {
  open -> closed on close(by: string) sets author = by
}
