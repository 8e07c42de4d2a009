// Events after `emits`, including dotted paths and several events.
workflow W on E.status {
  a -> b on go emits Started
  b -> c on stop emits events.Stopped, audit.Log.Entry
}
