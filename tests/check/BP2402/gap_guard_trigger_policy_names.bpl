// KNOWN GAP: language.md section 13 lists triggers, guards and policy conditions as
// camelCase and policies as PascalCase, but none of them is checked.
// Expected: BP2402 at `is_paid`, `Close`, `front_desk` and `Is_Owner`.

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
