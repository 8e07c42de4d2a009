// invalid: the import path must be a string.
import common
