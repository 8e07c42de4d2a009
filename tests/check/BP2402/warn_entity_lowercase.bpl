// BP2402 (warning): entity names are PascalCase.

blueprint Shop {
  version "1.0.0"
}


entity customer {
  id: uuid @id @generated
}
