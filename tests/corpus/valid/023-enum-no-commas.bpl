// An enum whose values are separated only by layout.
enum Color {
  red
  green
  blue
}
