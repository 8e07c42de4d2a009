// List defaults.
entity L {
  tags: list<string> = []
  nums: list<int> = [1, 2, 3]
  trailing: list<string> = ["a",]
  nested: list<list<int>> = [[1, 2], [], [-3]]
}
