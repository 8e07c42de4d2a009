// An import whose path contains non-ASCII text.
import "modèles/عيادة/病院.bpl"
