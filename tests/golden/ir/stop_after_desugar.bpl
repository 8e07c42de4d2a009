// ARGS: ir --stop-after=desugar-resources --print-before=desugar-resources %s
blueprint Shop { version "1.0.0" }
entity Category { id: int @id @generated, name: string @index }
role Clerk
policy { allow Clerk to * }
api Shop at "/v1" { resource Category { list, get } }
