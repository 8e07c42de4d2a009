// BP2103: an empty entity has no identity either.

blueprint Shop {
  version "1.0.0"
}

entity Customer {}
