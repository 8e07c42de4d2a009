// BP2402 (warning): names do not start with `_`.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  _secret: string
}
