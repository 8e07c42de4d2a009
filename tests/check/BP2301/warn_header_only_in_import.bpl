// BP2301 (warning): the header of an imported file does not count for the root.
import "lib/with_header.bpi"

entity Order {
  id: uuid @id @generated
}
