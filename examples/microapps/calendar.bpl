// Microapps, calendar app: calendars, events with recurrence and reminders, and invitations
// that attendees answer. Part of the microapps suite (suite.bpl imports it); it carries its own
// header so it can also be checked alone: `bpc check examples/microapps/calendar.bpl`.
blueprint CalendarApp {
  version "0.2.0"
  domain "productivity"
  platform web
  description "Shared calendars and meeting invitations; the calendar app of the microapps suite."
  license "MIT"
  contact "platform@microapps.example"
}

import "common.bpl"

enum Frequency { daily, weekdays, weekly, monthly, yearly }
enum Visibility { visible, busyOnly, hidden }
enum EventStatus { tentative, confirmed, cancelled }
enum Rsvp { pending, accepted, declined, maybe }

/// How an event repeats: every `interval` periods of `frequency`, until a date or a count.
struct Recurrence {
  frequency: Frequency
  interval: int = 1 @min(1) @max(365)
  until: date?
  count: int? @min(1) @max(1000)
}

/// A free period common to every attendee, as returned by `findFreeSlots`.
struct TimeSlot { startsAt: datetime, endsAt: datetime }

/// A calendar owned by one user; others see it through shares.
entity Calendar {
  id: uuid @id @generated
  name: Title
  owner: User @onDelete(cascade)
  color: Color
  timeZone: TimeZone
  description: text?
  events: list<CalendarEvent> @inverse(calendar)
  shares: list<CalendarShare> @inverse(calendar)
}

/// Access to a calendar for someone other than its owner.
entity CalendarShare {
  id: uuid @id @generated
  calendar: Calendar @onDelete(cascade)
  user: User @onDelete(cascade)
  canEdit: bool = false
}

/// Something on a calendar: a meeting, an appointment or a whole-day entry.
entity CalendarEvent {
  id: uuid @id @generated
  calendar: Calendar @onDelete(cascade)
  title: Title
  description: text?
  location: string? @maxLength(200)
  videoLink: string? @format(uri)
  startsAt: datetime @index
  endsAt: datetime
  allDay: bool = false
  recurrence: Recurrence?
  visibility: Visibility = visible
  status: EventStatus = tentative
  organizer: User
  /// When to remind attendees, before `startsAt`; each raises `ReminderDue`.
  reminders: list<duration> = ["PT10M"]
  attendees: list<Attendee> @inverse(calendarEvent)
}

/// A user invited to an event, and their answer.
entity Attendee {
  id: uuid @id @generated
  calendarEvent: CalendarEvent @onDelete(cascade)
  user: User @onDelete(cascade)
  response: Rsvp = pending
  isOptional: bool = false
  respondedAt: datetime?
}

event CalendarEventConfirmed { calendarEvent: CalendarEvent, startsAt: datetime }
event CalendarEventCancelled { calendarEvent: CalendarEvent, reason: string? }
/// Raised whenever an attendee answers an invitation, so the organizer can be told.
event InvitationAnswered { attendee: Attendee, response: Rsvp, note: string? }

policy CalendarAccess {
  allow Member to [read, create] on Calendar, CalendarEvent, Attendee
  allow Member to [update, delete] on Calendar when isCalendarOwner
  allow Member to [read, create, delete] on CalendarShare when isCalendarOwner
  allow Member to [update, delete] on CalendarEvent when isOrganizer
  allow Member to delete on Attendee when isOrganizer
  allow Guest to read on CalendarEvent, Attendee when isInvited
  deny Guest to [create, update, delete] on Calendar, CalendarEvent
}

/// The organizer confirms or cancels an event; attendees answer separately.
workflow EventScheduling on CalendarEvent.status {
  initial tentative
  guard hasNoConflict
  tentative -> confirmed on confirm by Member when hasNoConflict emits CalendarEventConfirmed
  tentative, confirmed -> cancelled on cancel(reason: string? @maxLength(500)) by Member
    emits CalendarEventCancelled
}

/// An attendee may change their answer until the event is over.
workflow Invitation on Attendee.response {
  initial pending
  guard notYetOver
  pending, declined, maybe -> accepted on accept by Member, Guest when notYetOver
    emits InvitationAnswered
  pending, accepted, maybe -> declined on decline(note: string? @maxLength(500)) by Member, Guest
    when notYetOver emits InvitationAnswered
  pending, accepted, declined -> maybe on acceptTentatively by Member, Guest when notYetOver
    emits InvitationAnswered
}

api CalendarApi at "/api/calendar" {
  resource Calendar
  resource CalendarShare { list, get, create, delete }
  resource CalendarEvent with workflow EventScheduling
  resource Attendee { list, get, create, delete } with workflow Invitation
  /// The caller's events between two instants, recurring events expanded.
  operation agenda(since: datetime, until: datetime, calendar: Calendar?) -> list<CalendarEvent>
    @http(GET, "/agenda") by Member, Guest
  /// Periods of at least `length` in which every given user is free.
  operation findFreeSlots(
    users: list<User> @minLength(1),
    length: duration,
    since: datetime,
  ) -> list<TimeSlot> @http(POST, "/free-slots") by Member
  /// Exports one calendar as iCalendar text.
  operation exportCalendar(id: uuid) -> text @http(GET, "/calendars/{id}/ics") by Member
}
