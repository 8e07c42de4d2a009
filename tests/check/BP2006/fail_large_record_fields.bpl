// BP2006: fields declared twice in a record of more than 32 fields (those are found by sorting the
// names rather than by comparing each with those before it); each repeat is reported against the
// first declaration, in source order.

blueprint Shop {
  version "1.0.0"
}

entity Wide {
  id: uuid @id @generated
  field1: string
  field2: string
  field3: string
  field4: string
  field5: string
  field6: string
  field7: string
  field8: string
  field9: string
  field10: string
  field11: string
  field12: string
  field13: string
  field14: string
  field15: string
  field16: string
  field17: string
  field18: string
  field19: string
  field20: string
  field21: string
  field22: string
  field23: string
  field24: string
  field25: string
  field26: string
  field27: string
  field28: string
  field29: string
  field30: string
  field31: string
  field32: string
  field33: string
  field34: string
  field35: string
  field36: string
  field37: string
  field38: string
  field39: string
  field40: string
  field7: int
  field2: bool
  field7: string
}
