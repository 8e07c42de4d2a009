// invalid: `#` does not start a comment.
# a comment in the wrong language
entity E { a: int }
