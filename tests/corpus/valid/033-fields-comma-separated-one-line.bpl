// Fields separated by commas on one line.
entity Point { x: float, y: float, z: float }
