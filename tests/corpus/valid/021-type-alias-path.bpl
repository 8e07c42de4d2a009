// A type alias whose target is a dotted path.
type Money = common.types.Money
type Id = lib.ids.Uuid?
