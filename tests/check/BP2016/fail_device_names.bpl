// BP2016: Windows device names, in any case, and with underscores that PascalCase drops.

blueprint Shop {
  version "1.0.0"
}

entity Con {
  id: uuid @id @generated
}

enum prn { a }

struct AUX {
  x: string
}

event Com1 {
  at: datetime
}

type lpt9 = string

role Com0

struct N_U_L {
  x: string
}

api Nul {}
