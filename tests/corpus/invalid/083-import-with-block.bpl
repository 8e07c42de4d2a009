// invalid: an import takes no block.
import "a.bpl" { only A }
