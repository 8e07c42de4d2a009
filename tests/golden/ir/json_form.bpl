// ARGS: ir --format json %s
blueprint Tiny { version "0.1.0" }
enum Size { small, large }
entity Box { id: uuid @id @generated, size: Size = small, price: decimal = 1.50e2 @max(2.0e3) }
