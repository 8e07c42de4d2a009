// Several roles after `by`, with and without decorators and return type.
api A {
  operation f() by Admin, Receptionist
  operation g() @http(POST) by Admin
  operation h() -> int by Admin, Member, Guest
}
