// Several imports, one per line and two on a line.
import "common/types.bpl"
import "security/roles.bpl" import "apis/public.bpl"
entity A { id: uuid }
