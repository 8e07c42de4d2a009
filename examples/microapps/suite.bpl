// Microapps suite: the root of a blueprint split across several files. It imports the todo,
// calendar and chat apps (each of which imports common.bpl), adds the account and notification
// API they share, and declares the targets. Imported files' headers are ignored.
// Check it with `bpc check examples/microapps/suite.bpl`.
blueprint Microapps {
  version "0.2.0"
  domain "productivity"
  platform fullstack
  locales [en, "pt-BR", ja]
  description "Todo lists, calendars and chat for small teams, sharing users and notifications."
  license "MIT"
  contact "platform@microapps.example"
}

import "todo.bpl"
import "calendar.bpl"
import "chat.bpl"

/// An entry in a user's notification inbox, created from the shared events (`UserMentioned`,
/// `ReminderDue`, `AccessGranted`) and from each app's own events.
entity Notification {
  id: uuid @id @generated
  user: User @onDelete(cascade)
  app: SuiteApp @index
  title: Title
  body: string? @maxLength(500)
  link: string? @format(uri)
  seen: bool = false
  createdAt: datetime @generated
}

policy SuiteAccess {
  allow Admin to *
  allow Member, Guest to read on User
  allow Member, Guest to update on User when isSelf
  allow Member, Guest to [read, update, delete] on Notification when isRecipient
}

api AccountApi at "/api/account" {
  resource User { list, get, create, update }
  resource Notification { list, get, update, delete }
  /// The caller's own user record.
  operation me() -> User @http(GET, "/me") by Member, Guest
  /// Marks every notification of the caller as seen, optionally only one app's.
  operation markAllSeen(app: SuiteApp?) @http(POST, "/notifications/seen") by Member, Guest
  /// Disables an account and ends its sessions; its records stay.
  operation deactivateUser(id: uuid) -> User @http(POST, "/users/{id}/deactivate") by Admin
}

intent feature "Mentions everywhere" priority high {
  description "An @handle in a chat message or a task comment notifies that user in every app."
  uses UserMentioned, ChatApi, TaskComment, Notification
}

intent feature "Reminders" priority high {
  description "Task due dates and event reminders arrive in one inbox and as push messages."
  uses ReminderDue, Task, CalendarEvent, Notification
}

intent feature "Meeting from a chat" priority medium {
  description "Turn a thread into a calendar event with the thread's participants invited."
  uses Message, CalendarApi, EventScheduling
}

intent page "Today" priority critical {
  description "One screen: today's agenda, tasks due today and unread mentions."
  uses CalendarApi, TodoApi, Notification
}

intent component "Presence avatar" priority low { uses User }
intent integration "Push notifications" priority medium { uses Notification, ReminderDue }

target typescript { package "@microapps/server" }
target python { package "microapps" }
target cpp { namespace "microapps" }
target openapi {}
target jsonschema {}
