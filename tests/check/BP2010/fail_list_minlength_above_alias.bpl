// BP2010: a list field's `@minLength` above its alias's `@maxLength`.

blueprint Shop {
  version "1.0.0"
}

type Tags = list<string> @maxLength(10)

entity Customer {
  id: uuid @id @generated
  tags: Tags @minLength(20)
}
