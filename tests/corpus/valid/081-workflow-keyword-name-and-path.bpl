// A workflow named `workflow` on a path of keywords.
workflow workflow on on.initial {
  to -> on on to
}
