// Simple type aliases.
type Email = string
type Count = int
