// Names and strings that break naive C++ generators: keywords and contextual keywords (`class`,
// `delete`, `final`, `override`, `module`), glibc and Windows macros (`major`, `minor`,
// `makedev`, `unix`, `linux`, `NULL`, `errno`, `EOF`, `assert`, `stdin`, `DELETE`, `TRUE`,
// `ERROR`), the namespaces a project uses (`std`, `json`, `httplib`), names that clash with what
// the generated code declares (`Json`, `to_json`, `handlers`) and the SQLite store's tables
// (`bpc_outbox`, a link table's `bpc_outbox__Json`); strings with `"`, `\`, `??=`
// trigraph-like text, `*/`, `/*`, raw newlines, U+2028 and right-to-left marks.
// tests/backends/cpp builds its project and runs its tests.
blueprint Cplusplus {
  version "1.0.0"
  description "Quotes \" \\ ??= ??/ */ /* // \u{2028} line \u{200F}rtl\u{200E} and 日本語"
  license "LicenseRef-Hostile-1.0"
  contact "O'Brien \"QA\" ??= */ /* \\ 日本語 <qa+cpp@hostile.example>"
}

/// A doc with */ a comment closer, /* an opener, ??= a trigraph and a \ backslash.
enum major { minor, makedev, unix, linux, NULL, TRUE, DELETE, ERROR, class }

struct std {
  json: string = "\"??=\" */ \\"
  errno: int = 1 @min(0)
  EOF: bool = true
}

/// Also \u{2028} a line separator and an RTL mark \u{200F}.
entity httplib {
  id: uuid @id @generated
  assert: datetime?
  stdin: json?
  final: date?
  override: string @minLength(1) @maxLength(40) @index
  module: int @min(0) @max(10)
  delete: string = "it's \"quoted\" \\ back\\slash\nnew line ??= */ 日本語"
  NULL: major = minor
  Json: string? @index
  to_json: text? @maxLength(100)
  _private: bool = false
  new: std = {}
  handlers: string = "c" @maxLength(20)
  int: int?
}

entity Json {
  id: int @id @generated
  namespace: httplib @onDelete(cascade)
  template: string @unique @pattern("^[a-z]{3,8}$")
  operator: decimal = 0 @precision(6, 2) @min(0)
  NULL: major = makedev
}

/// Named as the SQLite store's outbox, with a list whose link table would be named as the next
/// entity.
entity bpc_outbox {
  id: uuid @id @generated
  Json: list<Json>
}

entity bpc_outbox__Json {
  id: uuid @id @generated
}

/// A tenant named by a C++ keyword whose records list the identities in it; the identities
/// (`volatile`) belong to a tenant themselves, and `goto` records are scoped to both: the tests make
/// each caller's identity in its own tenant, and the relation routes link through the tenant and
/// owner fields, which the service sets from the caller.
entity typename {
  id: uuid @id @generated
  name: string @maxLength(40)
  this: list<volatile> @inverse(register)
}

entity volatile {
  id: uuid @id @generated
  register: typename @tenant
  mutable: string = "\"*/ ??="
  goto: list<goto> @inverse(friend)
}

entity goto {
  id: int @id @generated
  register: typename @tenant
  friend: volatile @owner
  explicit: string @minLength(1)
  auto: string @secret @unique @minLength(4)
}

event errno { EOF: httplib, assert: string? }

role unix
role linux

policy {
  allow unix to *
  allow linux to read on httplib, Json
}

workflow switch on httplib.NULL {
  initial minor
  guard case
  minor -> makedev on default when case emits errno
  makedev -> unix on throw(assert: string)
}

api TRUE at "/api" {
  resource httplib { list, get, create, update, delete } with workflow switch
  resource Json { list, get, create, update, delete }
  resource bpc_outbox { list, get, create, delete }
  resource bpc_outbox__Json { list, create }
  resource typename
  resource volatile
  resource goto
  operation static_cast(this: string) -> httplib @http(POST, "/hosts/static_cast") by unix
  /// A number in the path and a list in the query (its key repeated), both named by C++ keywords.
  operation sizeof(delete: int, new: list<string>) -> map<string, int> @http(GET, "/hosts/{delete}/sizeof") by unix
}

/// A second API serving records the first serves too: its operations have the first's names
/// (`listJson`, `getJson`, `static_cast` with other parameters), each with its own descriptors.
api FALSE at "/second" {
  resource Json { list, get }
  operation static_cast(that: int @min(1)) -> httplib @http(GET, "/hosts/{that}/static_cast") by unix
}
