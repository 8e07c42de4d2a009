// A blueprint header with an empty property block.
blueprint Empty {}
