// `sets` after `when` and before `emits`: assignments separated by commas; a comma followed by a
// state and `->` or `,` starts the next transition; `sets` stays usable as a name.
enum S { a, b, c, sets }
workflow W on E.s {
  a -> b on go(x: string) by R when g sets f = x, t = now emits Ev
  b, c -> a on back sets f = null
  a, sets -> c on again sets f = x, sets = now
  c -> b on reset
}
