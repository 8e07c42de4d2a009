// Tracker: a multi-tenant issue tracker. Each organization is a tenant: its projects, issues,
// comments and saved views carry its id in a `@tenant` field that the service sets from the
// caller's token, and no caller ever reads, lists or changes another organization's records
// (they answer 404). Saved views are private to the member who saved them (`@owner`), and
// deleted issues are kept, hidden, until restored (`@deletedAt`).
// Check it with `bpc check examples/tracker/tracker.bpl`.
blueprint Tracker {
  version "1.0.0"
  domain "productivity"
  platform web
  description "A multi-tenant issue tracker: organizations, projects, issues, comments and saved views."
  license "MIT"
  contact "Tracker Platform <platform@tracker.example>"
}

/// Runs the platform: creates the organizations (the tenants). Acts for no tenant itself.
role PlatformAdmin
/// Administers one organization's projects and issues.
role OrgAdmin
role Member
role Viewer

/// A tenant: every other record belongs to one.
entity Organization {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(120)
  slug: string @unique @pattern("^[a-z0-9-]+$") @maxLength(40)
  createdAt: datetime @generated
}

/// When a record was created and last changed, kept by the service.
mixin Timestamps {
  createdAt: datetime @generated @index
  updatedAt: datetime @updatedAt
}

/// The organization a record belongs to: the caller's, set by the service.
mixin Tenanted {
  organization: Organization @tenant @onDelete(cascade)
}

entity Project with Tenanted, Timestamps {
  id: uuid @id @generated
  /// The prefix of the project's issue numbers, unique within the organization.
  key: string @pattern("^[A-Z]{2,6}$")
  name: string @minLength(1) @maxLength(120) @searchable
  description: text?
  archived: bool = false @index
  issues: list<Issue> @inverse(project)
  unique (organization, key)
}

enum IssueStatus { open, inProgress, resolved, closed }
enum Severity { low, medium, high, critical }

entity Issue with Tenanted, Timestamps {
  id: uuid @id @generated
  project: Project @index @onDelete(cascade)
  title: string @minLength(3) @maxLength(200) @searchable
  body: text? @searchable
  severity: Severity = medium @index
  status: IssueStatus = open @index
  resolution: string? @maxLength(500)
  resolvedAt: datetime?
  /// A screenshot, uploaded with `PUT /issues/{id}/screenshot` (multipart) and downloaded with `GET`.
  screenshot: bytes? @maxLength(1500000)
  /// Set when the issue is deleted; `POST /issues/{id}/restore` brings it back.
  deletedAt: datetime? @deletedAt
  comments: list<Comment> @inverse(issue)
}

entity Comment with Tenanted, Timestamps {
  id: uuid @id @generated
  issue: Issue @index @onDelete(cascade)
  body: text @minLength(1) @maxLength(10000)
}

/// A saved search, private to the member who saved it.
entity SavedView with Tenanted {
  id: uuid @id @generated
  member: string @owner
  name: string @minLength(1) @maxLength(60)
  query: string = "" @maxLength(200)
  unique (organization, member, name)
}

event CommentAdded { comment: Comment, issue: Issue }
event IssueOpened { issue: Issue, project: Project, severity: Severity }
event IssueResolved { issue: Issue, resolution: string }

/// Tells the project's watchers about a new issue (written by hand in the generated project).
handler notifyWatchers on IssueOpened
/// Posts the resolution to the team's chat.
handler announceResolution on IssueResolved
/// A comment on an open issue means someone is working on it: it starts the issue.
handler startOnComment on CommentAdded triggers start on comment.issue

workflow IssueLifecycle on Issue.status {
  initial open
  open -> inProgress on start by OrgAdmin, Member
  open, inProgress -> resolved on resolve(resolution: string @minLength(3)) by OrgAdmin, Member
    sets resolution = resolution, resolvedAt = now emits IssueResolved
  resolved -> open on reopen by OrgAdmin, Member sets resolvedAt = null
  resolved -> closed on close by OrgAdmin
}

policy Access {
  allow PlatformAdmin to * on Organization
  allow OrgAdmin to * on Project, Issue, Comment, SavedView
  allow Member to [read, create, update] on Project, Issue, Comment, SavedView
  allow Member to delete on Comment, SavedView
  allow Viewer to read on Project, Issue, Comment
}

api TrackerApi at "/api/v1" {
  resource Organization { list, get, create }
  resource Project
  resource Issue { list, get, create emits IssueOpened, update, delete } with workflow IssueLifecycle
  resource Comment { list, get, create emits CommentAdded, delete }
  resource SavedView
}

intent feature "Tenant isolation" priority critical {
  description "No organization ever sees or changes another's projects, issues, comments or views."
  uses Project, Issue, Comment, SavedView
}

target typescript { package "@tracker/api" }
target openapi {}
