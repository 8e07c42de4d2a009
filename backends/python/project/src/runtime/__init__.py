"""The fixed runtime of a generated service: stores, queries, access control, events and HTTP helpers.

Nothing here comes from the blueprint; every generated project holds the same files.
"""
