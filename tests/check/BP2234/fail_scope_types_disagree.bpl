// BP2234: a caller has one tenant, so every `@tenant` field holds the same kind of value (and
// likewise every `@owner` field).
blueprint Saas {
  version "1.0.0"
}

role Member

entity Organization { id: uuid @id @generated }
entity Workspace { id: uuid @id @generated }

entity Project {
  id: uuid @id @generated
  organization: Organization @tenant
  author: string @owner
}

entity Invoice {
  id: uuid @id @generated
  workspace: Workspace @tenant
  author: uuid @owner
}
