// A single import.
import "common.bpl"
