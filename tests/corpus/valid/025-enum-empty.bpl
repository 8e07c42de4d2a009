// An enum with no values.
enum Nothing {}
enum AlsoNothing {
}
