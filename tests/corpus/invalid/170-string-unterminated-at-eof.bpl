// invalid: a string runs to the end of the file.
import "common.bpl