// Line comments between tokens, forcing line breaks.
policy // after keyword
{ // after brace
  allow // after allow
  Admin // role
  , // comma
  Member
  to // to
  [ // bracket
    read // action
  ] // close
  on // on
  Patient // resource
} // end
