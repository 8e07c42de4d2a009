// invalid (multi): several broken api members.
api A at "/a" {
  resource Patient { list get }
  operation ping
  resource Doctor with Booking
  operation f() -> string
}
