// Service semantics that once lost tests silently or generated wrong ones (issue 10): every test
// group of this blueprint must be generated and pass, none skipped. The lines below name test
// groups the suite must run (typescript_project_test.py checks them).
// EXPECT-SKIPPED: 0
// EXPECT-TEST: constraints of Account
// EXPECT-TEST: Account records (sqlite store)
// EXPECT-TEST: Region records (memory store)
// EXPECT-TEST: Tag records (memory store)
// EXPECT-TEST: Profile records (memory store)
// EXPECT-TEST: Reading records (sqlite store)
// EXPECT-TEST: Course records (memory store)
// EXPECT-TEST: /v1/courses/{id}/readings (sqlite store)
// EXPECT-TEST: Ledger: close moves Account from open to closed, and again is illegal (409)
// EXPECT-TEST: Member records are scoped to their callers (memory store)
// EXPECT-TEST: Note records are scoped to their callers (sqlite store)
// EXPECT-TEST: /v1/workspaces/{id}/members (memory store)
// EXPECT-TEST: /v1/members/{id}/notes (sqlite store)
blueprint Semantics {
  version "1.0.0"
  description "Samples that satisfy every constraint at once, seeded entities, object updates."
  license "MIT"
  contact "bpc maintainers <bpc@example.com>"
}

type Count = int @min(0)
type Slug = string @pattern("^[a-z][a-z0-9-]*$") @maxLength(24)
/// Write-only through its alias: no answer or record event carries a field of this type, and
/// `@index` does not make it a list filter.
type Pin = string @secret @pattern("^[0-9]{4,8}$")

enum Color { red, green, blue }
enum AccountState { open, closed }

struct Address {
  line1: string @minLength(1)
  country: string @pattern("^[A-Z]{2}$")
}

/// No create route, and generated timestamps besides its id: the tests seed its records with
/// all of them filled, as the service would.
entity Region {
  id: uuid @id @generated
  name: string
  createdAt: datetime @generated
  updatedAt: datetime @updatedAt
}

entity Tag {
  id: int @id @generated
  label: string @pattern("^[a-z]+(-[a-z]+)*$") @minLength(4) @maxLength(12) @unique
}

entity Account {
  id: uuid @id @generated
  // The shortest string the pattern gives (`b`) breaks @minLength: the sample is stretched.
  handle: string @minLength(3) @pattern("^[a-z]+$") @unique
  code: string @pattern("^[A-Z]{2}[0-9]+$") @minLength(5) @maxLength(6)
  email: string @format(email) @minLength(30)
  region: Region
  // A many-to-many list of references may be left out on create: it starts empty.
  tags: list<Tag>
  colors: list<Color> = [Color.red, Color.blue]
  // Names that are members of Object.prototype, as list filters.
  constructor: string @index
  toString: Color @index
  state: AccountState = open
  createdAt: datetime @generated
  // Set on create and on every write: updates and transitions.
  updatedAt: datetime @updatedAt
}

/// The first field an update may change is a struct, and the next ones a map and a json value:
/// update samples that are objects.
entity Profile {
  id: uuid @id @generated
  address: Address
  settings: map<string, int>
  extra: json
}

entity Reading {
  id: uuid @id @generated
  ratio: decimal @min(0.5) @max(0.7) @precision(3, 2)
  weight: float @min(0.25) @max(0.75)
  level: int @min(-3) @max(-1)
  // A boolean list filter, the entity's only one: equality, never a range.
  active: bool = true @index
  course: Course? @onDelete(setNull)
}

/// An id the client chooses, with a pattern: the 404 tests (get, relation route) ask for a
/// well-formed id no record has, not a uuid the pattern refuses (400).
entity Course {
  code: string @id @pattern("^[A-Z]{3}-[0-9]{3}$")
  title: string
  // Any JSON value or none: the document's schema is `{}`, which allows null already.
  syllabus: json?
  readings: list<Reading> @inverse(course)
}

/// A tenant whose records list its members and notes: their relation routes link a record to
/// the caller's tenant, which the service sets.
entity Workspace {
  id: uuid @id @generated
  name: string
  members: list<Member> @inverse(workspace)
}

/// The callers' identities are members, and each member belongs to a workspace: the tests make
/// the identity of each tenant's callers in that tenant.
entity Member {
  id: uuid @id @generated
  workspace: Workspace @tenant
  handle: string
  pin: Pin @index
  notes: list<Note> @inverse(author)
}

/// A note's folder is a record of the note's tenant: the relation route's test makes the other
/// tenant's note with a folder of that tenant.
entity Folder {
  id: uuid @id @generated
  workspace: Workspace @tenant
  title: string
}

entity Note {
  id: int @id @generated
  workspace: Workspace @tenant
  author: Member @owner
  folder: Folder
  text: string
}

workflow Ledger on Account.state {
  initial open
  open -> closed on close(reason: string @minLength(3))
}

role Clerk

policy {
  allow Clerk to *
}

api SemanticsApi at "/v1" {
  /// Starts an export of the accounts and answers at once; the export runs later.
  operation startExport(format: string @pattern("^(csv|json)$")) @http(POST, "/exports", 202)
    by Clerk
  /// How many records of each color a region holds: a number in the path, lists in the query
  /// (a key repeated; the slugs' samples satisfy their pattern) and constrained numbers in the
  /// answer.
  operation colorCounts(
    region: int @min(0),
    colors: list<Color>,
    slugs: list<Slug>,
  ) -> map<string, Count> @http(GET, "/regions/{region}/color-counts") by Clerk
  resource Region { list, get }
  resource Tag
  resource Account with workflow Ledger
  resource Profile
  resource Reading
  resource Course
  resource Workspace
  resource Member
  resource Folder
  resource Note
}

target typescript { package "semantics-api" }
