// KNOWN GAP: language.md section 13: "acronyms are written as words (`HttpClient`,
// `apiKey`)"; `HTTPClient` and `apiURL` are not reported.
// Expected: BP2402 "entity `HTTPClient` should be PascalCase: `HttpClient`" and likewise
// `apiUrl`.

blueprint Shop {
  version "1.0.0"
}

entity HTTPClient {
  id: uuid @id @generated
  apiURL: string
}
