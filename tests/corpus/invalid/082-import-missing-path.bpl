// invalid: an import without a path.
import
entity E {}
