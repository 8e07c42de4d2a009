// BP2001: a role declared twice.

blueprint Shop {
  version "1.0.0"
}

role Admin
role Clerk
role Admin
