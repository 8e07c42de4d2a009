// BP2006: an object default with the same key twice.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  flags: map<string, bool> = { news: true, news: false }
}
