// invalid: a field outside any block.
name: string
