// Coworking: an operator rents desks and meeting rooms in several locations to client companies.
// Each company is a tenant (`@tenant`): no company sees another's members, and a member owns
// their login (`@owner`). Bookings are confirmed by a handler as soon as they are requested
// (`handler autoConfirm ... triggers confirm on booking`), invoices are drafted monthly and pass
// through a billing workflow, and archived locations are kept, hidden (`@deletedAt`).
// Check it with `bpc check examples/cowork/cowork.bpl`.
blueprint Cowork {
  version "1.2.0"
  domain "workplace"
  description "Desk and room booking for a coworking operator with many client companies."
  license "Apache-2.0"
  contact "Cowork Platform <platform@cowork.example>"
}

/// Money in the location's currency.
type Money = decimal @precision(10, 2) @min(0)
type Slug = string @pattern("^[a-z0-9]+(-[a-z0-9]+)*$") @maxLength(60)
type Email = string @format(email) @maxLength(254)
type Capacity = int @min(1) @max(500)
type Rating = int @min(1) @max(5)

enum RoomKind { meeting, phoneBooth @value("phone-booth"), event, quiet }
enum BookingStatus { pending, confirmed, checkedIn, completed, cancelled, noShow }
enum InvoiceStatus { draft, issued, paid, voided }
enum Plan { hotDesk @value("hot_desk"), dedicated, office }
enum Weekday { mon, tue, wed, thu, fri, sat, sun }

struct OpeningHours {
  day: Weekday
  opens: string @pattern("^[0-2][0-9]:[0-5][0-9]$")
  closes: string @pattern("^[0-2][0-9]:[0-5][0-9]$")
}

struct GeoPoint { lat: float @min(-90) @max(90), lon: float @min(-180) @max(180) }

mixin Audited {
  createdAt: datetime @generated
  updatedAt: datetime @updatedAt
}

entity Company with Audited {
  id: uuid @id @generated
  name: string @minLength(2) @maxLength(120) @unique @searchable
  vatNumber: string? @pattern("^[A-Z]{2}[0-9A-Z]{8,12}$")
  plan: Plan = hotDesk @index
  monthlyCredits: int = 20 @min(0) @max(1000)
  members: list<Member> @inverse(company)
}

mixin Tenanted {
  company: Company @tenant @onDelete(cascade)
}

entity Member with Audited, Tenanted {
  id: uuid @id @generated
  email: Email
  displayName: string @minLength(1) @maxLength(80) @searchable
  /// The member's own login, set from the caller's identity.
  login: string @owner
  avatar: bytes? @maxLength(500000)
  bookings: list<Booking> @inverse(member)
  unique (company, email)
}

entity Location with Audited {
  id: uuid @id @generated
  slug: Slug @unique @readonly
  name: string @minLength(1)
  city: string @index
  timezone: string = "Europe/Paris"
  hours: list<OpeningHours> = []
  position: GeoPoint?
  floorPlan: bytes?
  amenities: list<Amenity>
  rooms: list<Room> @inverse(location)
  archivedAt: datetime? @deletedAt
}

entity Amenity {
  id: uuid @id @generated
  label: string @unique @minLength(1) @maxLength(40)
  icon: string?
}

entity Room with Audited {
  id: uuid @id @generated
  location: Location @onDelete(cascade) @index
  name: string @minLength(1) @maxLength(60)
  kind: RoomKind = meeting @index
  capacity: Capacity
  hourlyRate: Money @index
  tags: map<string, string> = {}
  bookings: list<Booking> @inverse(room)
  unique (location, name)
}

entity Booking with Audited {
  id: uuid @id @generated
  room: Room @index
  member: Member @index @onDelete(cascade)
  startsAt: datetime @index
  endsAt: datetime
  attendees: int = 1 @min(1) @max(500)
  status: BookingStatus = pending @index
  note: text? @maxLength(2000)
  cancelledAt: datetime?
  cancelReason: string?
  rating: Rating?
  price: Money = 0
}

entity Invoice with Audited {
  id: uuid @id @generated
  number: string @unique @readonly @pattern("^INV-[0-9]{4}-[0-9]{5}$")
  company: Company @index
  period: date @index
  total: Money = 0
  status: InvoiceStatus = draft @index
  issuedAt: datetime?
  paidAt: datetime?
  lines: list<InvoiceLine> @inverse(invoice)
  unique (company, period)
}

entity InvoiceLine {
  id: uuid @id @generated
  invoice: Invoice @onDelete(cascade)
  booking: Booking? @onDelete(setNull)
  description: string @maxLength(200)
  amount: Money
}

event BookingRequested { booking: Booking, room: Room, startsAt: datetime }
event BookingConfirmed { booking: Booking }
event BookingCancelled { booking: Booking, reason: string }
event MemberJoined { member: Member, company: Company }
event InvoiceIssued { invoice: Invoice, total: Money }
event InvoicePaid { invoice: Invoice, paidAt: datetime? }

/// Sends the welcome e-mail with the member's first-day instructions.
handler welcomeMember on MemberJoined
/// Confirms a booking as soon as it is requested when the room is free.
handler autoConfirm on BookingRequested triggers confirm on booking

role Operator
role CompanyAdmin
role Coworker
role Accountant

policy Access {
  allow Operator to *
  allow CompanyAdmin to [read, create, update, delete] on Member, Booking
  allow CompanyAdmin to read on Company, Invoice, InvoiceLine
  allow Coworker to read on Location, Room, Amenity
  allow CompanyAdmin to read on Location, Room, Amenity
  allow Coworker to [read, create, update] on Booking
  allow Coworker to read on Member when isSelf
  allow Accountant to [read, create, update] on Invoice, InvoiceLine
  deny Coworker to delete
}

workflow BookingLifecycle on Booking.status {
  initial pending
  guard roomIsFree
  guard withinOpeningHours
  pending -> confirmed on confirm by CompanyAdmin, Operator when roomIsFree emits BookingConfirmed
  confirmed -> checkedIn on checkIn by Coworker, Operator when withinOpeningHours
  checkedIn -> completed on checkOut(rating: Rating?) by Coworker, Operator sets rating = rating
  confirmed -> noShow on markNoShow by Operator
  pending, confirmed -> cancelled on cancel(reason: string @minLength(3) @maxLength(200))
    by Coworker, CompanyAdmin sets cancelledAt = now, cancelReason = reason emits BookingCancelled
}

workflow Billing on Invoice.status {
  draft -> issued on issue by Accountant sets issuedAt = now emits InvoiceIssued
  issued -> paid on markPaid(paidAt: datetime?) by Accountant sets paidAt = paidAt emits InvoicePaid
  draft, issued -> voided on cancelInvoice by Accountant
}

api Workspace at "/api/v2" {
  resource Company
  resource Member { list, get, create emits MemberJoined, update, delete }
  resource Location
  resource Amenity { list, get, create }
  resource Room
  resource Booking { list, get, create emits BookingRequested, update } with workflow BookingLifecycle
  /// Free rooms of a location for a time window, smallest first.
  operation availableRooms(
    location: uuid,
    since: datetime,
    until: datetime,
    kind: RoomKind?,
    seats: int = 1 @min(1),
  ) -> list<Room> @http(GET, "/locations/{location}/available-rooms")
    by Coworker, CompanyAdmin, Operator
  /// Usage of a company's credits this month.
  operation creditUsage(company: uuid) -> map<string, int>
    @http(GET, "/companies/{company}/credit-usage") by CompanyAdmin, Operator
}

api Finance at "/api/v2/finance" {
  resource Invoice { list, get, create, update } with workflow Billing
  resource InvoiceLine { list, get, create, delete }
  /// Drafts the month's invoices for every company; runs in the background.
  operation closeMonth(period: date) @http(POST, "/close-month", 202) by Accountant
  operation revenue(since: date, until: date) -> Money @http(GET, "/revenue")
    by Accountant, Operator
}

intent feature "Room booking" priority critical { uses Workspace, Booking, BookingLifecycle }
intent feature "Monthly invoicing" priority high { uses Finance, Invoice, Billing }

target typescript { package "@cowork/api" }
target python { package "cowork" }
target cpp { namespace "cowork::api" }
target openapi {}
