// CRM: accounts, contacts, leads, deals and activities for a B2B sales team, with a sales
// pipeline on deals and a qualification workflow on leads.
// Check it with `bpc check examples/crm/crm.bpl`.
blueprint Crm {
  version "1.0.0"
  domain "sales"
  platform fullstack
  locales [en, "en-GB", de]
  description "A CRM for a B2B sales team: accounts, contacts, leads, deals and activities."
  license "MIT"
  contact "Sales Engineering <sales-eng@crm.example>"
}

type Email = string @format(email) @maxLength(254)
type Phone = string @pattern("^\\+?[0-9 ]{7,20}$")
/// An amount of money, never negative.
type Money = decimal @precision(14, 2) @min(0)
/// An ISO 4217 currency code.
type CurrencyCode = string @pattern("^[A-Z]{3}$") @default("EUR")
type Percent = int @min(0) @max(100)
type Tag = string @minLength(1) @maxLength(30) @pattern("^[a-z0-9-]+$")
type PageSize = int @min(1) @max(100) @default(20)

enum Industry { software, manufacturing, retail, finance, healthcare, education, other }

/// Head count bands, sent as the ranges an enrichment provider uses.
enum CompanySize {
  small @value("1-50")
  medium @value("51-500")
  large @value("501-5000")
  enterprise @value("5001+")
}

enum LeadSource { website, referral, tradeShow, coldCall, partner, advertising }
enum LeadStatus { open, contacted, qualified, converted, disqualified }
enum DealStage { qualification, proposal, negotiation, won, lost }
enum LossReason { price, competitor, timing, noBudget, noDecision, other }
enum ActivityKind { call, meeting, email, task }
enum ActivityStatus { planned, done, cancelled }

/// A postal address, embedded in the records that use it.
struct Address {
  line1: string @minLength(1)
  city: string @minLength(1)
  postalCode: string?
  country: string @pattern("^[A-Z]{2}$")
}

/// Open deals in one pipeline stage.
struct StageTotal { stage: DealStage, count: int @min(0), amount: Money, weightedAmount: Money }

/// The pipeline at a glance, as returned by `pipelineSummary`.
struct PipelineSummary { stages: list<StageTotal>, openAmount: Money, weightedAmount: Money }

/// A member of the sales team. Owns accounts, leads, deals and activities.
entity User {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(120)
  email: Email @unique
  active: bool = true
  deals: list<Deal> @inverse(owner)
  activities: list<Activity> @inverse(assignee)
}

/// A customer company (an account).
entity Customer {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(200) @index @searchable
  website: string? @format(uri)
  industry: Industry = other
  size: CompanySize = small
  billingAddress: Address?
  phone: Phone?
  owner: User
  /// The group this company belongs to, if any.
  parent: Customer? @onDelete(setNull)
  tags: list<Tag> = []
  createdAt: datetime @generated
  contacts: list<Contact> @inverse(customer)
  deals: list<Deal> @inverse(customer)
  activities: list<Activity> @inverse(customer)
  subsidiaries: list<Customer> @inverse(parent)
}

/// A person at a customer.
entity Contact {
  id: uuid @id @generated
  firstName: string @minLength(1) @maxLength(80)
  lastName: string @minLength(1) @maxLength(80) @index
  email: Email @unique
  phone: Phone?
  jobTitle: string? @maxLength(120)
  customer: Customer @onDelete(cascade)
  isDecisionMaker: bool = false
  /// The contact asked not to receive marketing e-mail.
  optedOut: bool = false
  activities: list<Activity> @inverse(contact)
  deals: list<Deal> @inverse(contacts)
}

/// A prospect not qualified yet; `convertLead` turns it into a customer, a contact and a deal.
entity Lead {
  id: uuid @id @generated
  companyName: string @minLength(1) @maxLength(200) @searchable
  contactName: string @minLength(1) @maxLength(120) @searchable
  email: Email @index
  phone: Phone?
  source: LeadSource @index
  status: LeadStatus = open
  score: Percent = 0 @index
  owner: User? @onDelete(setNull)
  notes: text? @searchable
  createdAt: datetime @generated @index
  /// The customer this lead became; set by `convertLead`.
  convertedTo: Customer? @onDelete(setNull)
  /// Set when the lead is deleted: it is kept for reporting, and can be restored.
  deletedAt: datetime? @deletedAt
  deal: Deal? @inverse(lead)
}

/// When a record was created and last changed, kept by the service.
mixin Timestamps {
  createdAt: datetime @generated @index
  updatedAt: datetime @updatedAt
}

/// A sales opportunity moving through the pipeline.
entity Deal with Timestamps {
  id: uuid @id @generated
  title: string @minLength(1) @maxLength(200) @searchable
  customer: Customer @onDelete(cascade)
  owner: User
  /// The buying committee: at least one contact at the customer.
  contacts: list<Contact> @minLength(1)
  amount: Money @index
  currency: CurrencyCode
  probability: Percent = 10
  stage: DealStage = qualification @index
  expectedCloseOn: date? @index
  lossReason: LossReason?
  lead: Lead? @unique @onDelete(setNull)
  activities: list<Activity> @inverse(deal)
}

/// A call, meeting, e-mail or task, logged against a customer, contact or deal.
entity Activity with Timestamps {
  id: uuid @id @generated
  kind: ActivityKind @index
  subject: string @minLength(1) @maxLength(200)
  body: text?
  dueAt: datetime? @index
  plannedDuration: duration? = "PT30M"
  status: ActivityStatus = planned
  assignee: User
  customer: Customer? @onDelete(cascade)
  contact: Contact? @onDelete(setNull)
  deal: Deal? @onDelete(cascade)
}

event LeadQualified { lead: Lead, score: Percent }
event LeadDisqualified { lead: Lead, reason: string }
event LeadConverted { lead: Lead, convertedTo: Customer? }
/// A deal moved forward to `proposal` or `negotiation`.
event DealAdvanced { deal: Deal, stage: DealStage }
event DealWon { deal: Deal, amount: Money, currency: CurrencyCode, closedOn: date }
event DealLost { deal: Deal, reason: LossReason, note: text? }
event DealReassigned { deal: Deal, previousOwner: User, owner: User }
event ActivityCompleted { activity: Activity, outcome: text? }

role Admin
role SalesManager
role SalesRep
role Marketing

policy SalesAccess {
  allow Admin to *
  allow SalesManager to [read, create, update, delete] on Customer, Contact, Lead, Deal, Activity
  allow SalesRep to [read, create] on Customer, Contact, Lead, Deal, Activity
  allow SalesRep to update on Customer, Contact, Lead, Activity
  allow SalesRep to update on Deal when isDealOwner
  allow SalesRep, SalesManager, Marketing to read on User
  allow SalesManager to [win, lose] on Deal
  allow Marketing to [read, create] on Lead
  allow Marketing to read on Customer, Contact
  deny Marketing to [update, delete] on Customer, Contact, Deal
}

workflow LeadQualification on Lead.status {
  initial open
  guard hasContactDetails
  guard isLinkedToCustomer
  open -> contacted on markContacted by SalesRep
  open, contacted -> qualified on qualify(score: Percent) by SalesRep when hasContactDetails
    emits LeadQualified
  open, contacted, qualified -> disqualified on disqualify(reason: string @minLength(3))
    by SalesRep, SalesManager emits LeadDisqualified
  /// Fired by `convertLead` once the customer exists.
  qualified -> converted on markConverted by SalesRep when isLinkedToCustomer emits LeadConverted
}

/// The sales pipeline. `won` and `lost` are terminal.
workflow SalesPipeline on Deal.stage {
  initial qualification
  guard hasDecisionMaker
  guard discountApproved
  qualification -> proposal on propose by SalesRep when hasDecisionMaker emits DealAdvanced
  proposal -> negotiation on negotiate by SalesRep emits DealAdvanced
  negotiation -> proposal on revise(note: text?) by SalesRep
  proposal, negotiation -> won on win(closedOn: date) by SalesRep when discountApproved
    emits DealWon
  qualification, proposal, negotiation -> lost on lose(reason: LossReason, note: text?) by SalesRep
    sets lossReason = reason emits DealLost
}

workflow ActivityLifecycle on Activity.status {
  initial planned
  planned -> done on complete(outcome: text?) by SalesRep, SalesManager emits ActivityCompleted
  planned -> cancelled on cancel by SalesRep, SalesManager
}

api CrmApi at "/api/v1" {
  resource User { list, get, create, update }
  resource Customer
  resource Contact
  resource Lead with workflow LeadQualification
  resource Deal with workflow SalesPipeline
  resource Activity with workflow ActivityLifecycle
  /// Turns a qualified lead into a customer, a primary contact and an opening deal (in the
  /// default currency), then fires the lead's `convert` transition. Returns the new deal.
  operation convertLead(id: uuid, dealTitle: string @minLength(1), amount: Money) -> Deal
    @http(POST, "/leads/{id}/conversion") by SalesRep, SalesManager
  /// Open amounts per stage, optionally for one owner.
  operation pipelineSummary(owner: User?, closingBefore: date?) -> PipelineSummary
    @http(GET, "/deals/summary") by SalesRep, SalesManager
  /// Gives a deal to another rep and raises `DealReassigned`.
  operation reassignDeal(id: uuid, owner: User) -> Deal @http(POST, "/deals/{id}/reassign")
    by SalesManager
  operation searchContacts(query: string @minLength(2), limit: PageSize) -> list<Contact>
    @http(GET, "/contacts/search") by SalesRep, SalesManager, Marketing
  operation upcomingActivities(days: int = 7 @min(1) @max(90)) -> list<Activity>
    @http(GET, "/activities/upcoming") by SalesRep, SalesManager
  /// Merges a duplicate customer into another; contacts, deals and activities move over.
  operation mergeCustomers(keep: Customer, duplicate: Customer) -> Customer
    @http(POST, "/customers/merge") by Admin
}

intent feature "Pipeline board" priority critical {
  description "Drag deals between stages; closing asks for the close date or the loss reason."
  uses SalesPipeline, Deal, CrmApi
}

intent feature "Lead conversion" priority high {
  description "One click turns a qualified lead into a customer, a contact and a deal."
  uses LeadQualification, CrmApi, LeadConverted
}

intent page "Customer 360" priority high { uses Customer, Contact, Deal, Activity }

intent component "Activity timeline" { uses Activity, ActivityLifecycle }

intent integration "Mailbox sync" { description "Log e-mails from Gmail or Outlook as activities." }

target typescript { package "@acme/crm-api" }
target python { package "crm_api" }
target cpp { namespace "acme::crm" }
target openapi {}
