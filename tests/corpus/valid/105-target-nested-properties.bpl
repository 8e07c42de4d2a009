// Target properties with nested objects and lists.
target typescript {
  package "@clinic/api"
  compilerOptions { strict: true, target: "es2022", lib: ["dom", "es2022"] }
  emit [types, client, server]
}
