// Property values that are lists, including empty, nested and with a trailing comma.
blueprint Lists {
  locales [en, ar, zh]
  empty []
  numbers [1, 2, 3,]
  nested [[1], [2, [3]], []]
  mixed ["a", 1, -2.5, name, a.b, {k: v}]
}
