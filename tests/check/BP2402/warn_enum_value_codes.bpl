// BP2402 (warning): an enum value spelled as a code (`EUR`) is named in the enum's style and keeps
// the code on the wire with `@value`; the note says how, in snake_case when the enum uses it.

blueprint Shop {
  version "1.0.0"
}

enum Currency { EUR, USD, gbp }
enum Phase { not_started, IN_PROGRESS @value("in-progress"), done }
// `EUR` cannot become `eur`, which the enum has already: the note advises the next value.
enum Code { EUR, eur, Usd }
