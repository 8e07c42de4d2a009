/*/ this is still a comment: the `*` of `/*` does not also close it */
entity E { a: int }
