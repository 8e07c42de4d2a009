// Triggers, guards and policy conditions are camelCase and policies PascalCase
// (language.md section 13); each name is reported at its first use.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  guard is_paid
  open -> closed on Close by Clerk when is_paid
}

policy front_desk {
  allow Clerk to read on Order when Is_Owner
}
