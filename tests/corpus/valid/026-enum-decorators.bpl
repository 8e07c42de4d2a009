// Enum values with decorators, with and without arguments.
enum Priority {
  low @label("Low") @order(1),
  medium @label("Medium") @order(2)
  high @label("High") @order(3) @default
  legacy @deprecated, urgent @label("Urgent",)
}
