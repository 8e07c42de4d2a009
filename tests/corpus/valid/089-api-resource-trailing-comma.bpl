// A trailing comma in a resource's action list.
api A {
  resource Patient { list, get, }
  resource Doctor { list, }
}
