// Microapps, shared part: the types, roles, the User entity and the events that the todo,
// calendar and chat apps share. Every app imports this file; all files form one namespace, so
// no name here may be declared again elsewhere in the suite.
// Check the whole suite with `bpc check examples/microapps/suite.bpl`; this file's header (ignored
// when imported) lets it be checked alone too: `bpc check examples/microapps/common.bpl`.
blueprint MicroappsCommon {
  version "0.2.0"
  domain "productivity"
  description "Shared declarations of the microapps suite."
  license "MIT"
  contact "platform@microapps.example"
}

/// An e-mail address.
type Email = string @format(email) @maxLength(254)
/// A colour as `#rrggbb`; new lists, calendars and channels get indigo.
type Color = string @pattern("^#[0-9a-fA-F]{6}$") @default("#4f46e5")
/// A user's handle, written `@handle` in messages and comments.
type Handle = string @pattern("^[a-z][a-z0-9_]{2,31}$")
/// A short title for a list, task, calendar or event.
type Title = string @minLength(1) @maxLength(200)
/// An IANA time zone name such as `Europe/Oslo`.
type TimeZone = string @pattern("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$") @default("UTC")
type PageSize = int @min(1) @max(100) @default(20)

/// The app an event or notification comes from.
enum SuiteApp { todo, calendar, chat }

/// Someone with an account in the suite.
role Member
/// An outside collaborator who sees only the lists, calendars and channels shared with them.
role Guest
role Admin

/// How and when a user wants to be notified.
struct NotificationSettings {
  email: bool = true
  push: bool = true
  /// No notifications between these hours (local time, 0-23); both or neither.
  quietFrom: int? @min(0) @max(23)
  quietUntil: int? @min(0) @max(23)
  mutedApps: list<SuiteApp> = []
}

/// A person using the suite. Every app refers to users; none of them owns this record.
entity User {
  id: uuid @id @generated
  handle: Handle @unique @readonly
  displayName: string @minLength(1) @maxLength(80)
  email: Email @unique
  avatarColor: Color
  timeZone: TimeZone
  passwordHash: string @secret
  settings: NotificationSettings = {}
  active: bool = true
  createdAt: datetime @generated
}

/// Raised when a chat message or a task comment mentions a user by `@handle`.
event UserMentioned {
  user: User
  author: User
  app: SuiteApp
  excerpt: string @maxLength(280)
  link: string @format(uri)
}

/// Raised by the scheduler when a task's or calendar event's reminder falls due.
event ReminderDue { user: User, app: SuiteApp, title: Title, dueAt: datetime }

/// Raised when a user is given access to a list, calendar or channel.
event AccessGranted { user: User, app: SuiteApp, resourceId: uuid, grantedBy: User }
