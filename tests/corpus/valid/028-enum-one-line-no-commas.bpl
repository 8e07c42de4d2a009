// Enum values on one line without commas.
enum Size { small medium large }
