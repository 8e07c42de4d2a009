// A workflow with one transition.
workflow Lifecycle on Order.status {
  draft -> placed on place
}
