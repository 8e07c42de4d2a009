// Nested lists and objects in decorator arguments.
entity E {
  a: string @meta({ labels: ["x", "y"], nested: { deep: [1, [2, [3]]] } }, [{a: 1}, {b: 2},],)
}
