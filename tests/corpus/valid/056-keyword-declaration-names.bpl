// Declarations named with keywords.
entity entity { entity: entity }
struct struct { struct: struct }
enum enum { enum }
event event { event: event }
role role
type type = type
