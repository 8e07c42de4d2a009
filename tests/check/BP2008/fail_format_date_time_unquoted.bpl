// BP2008: `date-time` contains a `-`, so it must be quoted; `datetime` is not a format.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  seenAt: string @format(datetime)
}
