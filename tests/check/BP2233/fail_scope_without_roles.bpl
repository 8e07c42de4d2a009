// BP2233: a scope needs callers, and without roles no call has one.
blueprint Notes {
  version "1.0.0"
}

entity Note {
  id: uuid @id @generated
  author: string @owner
}
