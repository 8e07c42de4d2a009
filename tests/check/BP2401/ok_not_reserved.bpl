// The near-miss of the BP2401 tests: names close to reserved words, and keywords of
// Blueprint itself (contextual) that no target language reserves.

blueprint Shop {
  version "1.0.0"
}

enum Plan { basic, defaults, premium }

entity Transfer {
  id: uuid @id @generated
  fromAccount: string
  className: string
  type: string
  event: string
  role: string
  plan: Plan = basic
}
