// The semantic diff's rules, one scenario per rule: two small blueprints are written to files,
// checked and lowered by the real front end (`driver::compile`, stopped after checking), diffed, and the exact
// list of change kinds with the categories each breaks is compared with the expectation. The
// expectations are the rules of docs/diff.md written out; a change to a rule changes a line
// here and a paragraph there.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "frontend/diagnostics/render.h"
#include "driver/compilation.h"
#include "passes/diff/diff_report.h"
#include "passes/diff/semantic_diff.h"

namespace bpc::diff {
namespace {

namespace fs = std::filesystem;

// Each test process writes its blueprints under its own directory and removes it at the end.
fs::path scratch() { return fs::temp_directory_path() / ("bpc_diff_tests_" + std::to_string(getpid())); }

class RemoveScratch : public ::testing::Environment {
 public:
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(scratch(), ignored);
  }
};
[[maybe_unused]] ::testing::Environment* const kRemoveScratch =
    ::testing::AddGlobalTestEnvironment(new RemoveScratch);

// A blueprint that checks, lowered; fails the test (with the diagnostics) when it does not.
struct Lowered {
  driver::Compilation result;
};

std::unique_ptr<Lowered> lower(const std::string& name, const std::string& side, const std::string& text) {
  const fs::path directory = scratch() / name;
  fs::create_directories(directory);
  const fs::path path = directory / (side + ".bpl");
  std::ofstream(path, std::ios::binary) << text;
  auto lowered = std::make_unique<Lowered>();
  const driver::DiskFileSystem disk;
  driver::CompileOptions options;
  options.inputs = {path.string()};
  options.stop_after = driver::Phase::Check;
  lowered->result = driver::compile(disk, options);
  if (lowered->result.diagnostics.has_errors() || !lowered->result.module) {
    std::ostringstream out;
    render_diagnostics(out, lowered->result.sources, lowered->result.diagnostics, RenderOptions{});
    ADD_FAILURE() << "the " << side << " blueprint of `" << name << "` does not check:\n" << out.str();
    return nullptr;
  }
  return lowered;
}

// "KIND CATEGORIES" per change ("FIELD_REMOVED WIRE,SOURCE"), or just "KIND" when it breaks none.
std::vector<std::string> summarize(const std::vector<Change>& changes) {
  std::vector<std::string> lines;
  for (const Change& change : changes) {
    std::string line(info(change.kind).id);
    if (!change.breaks.empty()) line += " " + change.breaks.names();
    lines.push_back(line);
  }
  return lines;
}

std::string listing(const std::vector<Change>& changes) {
  std::string out;
  for (const Change& change : changes) {
    out += fmt::format("  {} [{}] {}\n", info(change.kind).id, change.breaks.names(), change.message);
  }
  return out;
}

struct Diffed {
  std::unique_ptr<Lowered> before;
  std::unique_ptr<Lowered> after;
  std::vector<Change> changes;
};

Diffed diff(const std::string& name, const std::string& before, const std::string& after) {
  Diffed result{lower(name, "old", before), lower(name, "new", after), {}};
  if (result.before && result.after) {
    result.changes = diff_modules(*result.before->result.module, *result.after->result.module);
  }
  return result;
}

struct Scenario {
  std::string name;
  std::string before;
  std::string after;
  std::vector<std::string> expected;  // summarize() of the changes, in order
};

const std::string kHeader = "blueprint T { version \"1.0.0\" }\nrole Admin\nrole Clerk\n";

// A blueprint: the header, two roles and `text`.
std::string bp(const std::string& text) { return kHeader + text; }

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> list = {
      // ---- fields of entities: both directions, WIRE ----
      {"EntityFieldRemoved",
       bp("entity Patient { id: uuid @id @generated, name: string, email: string }"),
       bp("entity Patient { id: uuid @id @generated, name: string }"),
       {"FIELD_REMOVED WIRE,SOURCE"}},
      {"OptionalFieldAddedBreaksNothing",
       bp("entity Patient { id: uuid @id @generated }"),
       bp("entity Patient { id: uuid @id @generated, phone: string? }"),
       {"FIELD_ADDED"}},
      {"RequiredFieldAddedBreaksCreateRequests",
       bp("entity Patient { id: uuid @id @generated }"),
       bp("entity Patient { id: uuid @id @generated, email: string }"),
       {"FIELD_ADDED WIRE,SOURCE"}},
      {"FieldsWithDefaultsOrGeneratedAreNotRequired",
       bp("entity Patient { id: uuid @id @generated }"),
       bp("entity Patient { id: uuid @id @generated, tags: list<string> = [], createdAt: datetime @generated }"),
       {"FIELD_ADDED", "FIELD_ADDED"}},
      {"FieldTypeChanged",
       bp("entity Patient { id: uuid @id @generated, age: int }"),
       bp("entity Patient { id: uuid @id @generated, age: string }"),
       {"FIELD_TYPE_CHANGED WIRE,SOURCE"}},
      {"AliasOfSameShapeBreaksOnlySourceButBringsConstraints",
       bp("type Email = string @format(email) @maxLength(254)\n"
          "entity Patient { id: uuid @id @generated, email: string, other: Email? }"),
       bp("type Email = string @format(email) @maxLength(254)\n"
          "entity Patient { id: uuid @id @generated, email: Email, other: Email? }"),
       {"FIELD_TYPE_CHANGED SOURCE", "CONSTRAINT_TIGHTENED WIRE", "CONSTRAINT_TIGHTENED WIRE"}},
      {"IdTypeChangedAlsoBreaksRoutes",
       bp("entity Patient { id: uuid @id @generated }"),
       bp("entity Patient { id: int @id @generated }"),
       {"FIELD_TYPE_CHANGED WIRE,HTTP,SOURCE"}},
      {"EntityIdFieldChanged",
       bp("entity Patient { id: uuid @id @generated, code: string @unique }"),
       bp("entity Patient { id: uuid @unique, code: string @id }"),
       // `@id` implies `@unique` and `@readonly`: the old id field can now be updated, the new one
       // cannot; both stay unique and indexed.
       {"ENTITY_ID_CHANGED WIRE,HTTP,SOURCE", "FIELD_READONLY_REMOVED", "FIELD_GENERATED_REMOVED WIRE,SOURCE",
        "FIELD_READONLY_ADDED WIRE,SOURCE"}},
      {"FieldMadeRequired",
       bp("entity Patient { id: uuid @id @generated, phone: string? }"),
       bp("entity Patient { id: uuid @id @generated, phone: string }"),
       {"FIELD_MADE_REQUIRED WIRE,SOURCE"}},
      {"FieldMadeOptional",
       bp("entity Patient { id: uuid @id @generated, phone: string }"),
       bp("entity Patient { id: uuid @id @generated, phone: string? }"),
       {"FIELD_MADE_OPTIONAL WIRE,SOURCE"}},
      {"Defaults",
       bp("entity Patient { id: uuid @id @generated, status: string = \"a\", count: int = 0, note: string }"),
       bp("entity Patient { id: uuid @id @generated, status: string = \"b\", count: int, note: string = \"\" }"),
       {"DEFAULT_CHANGED WIRE", "DEFAULT_REMOVED WIRE,SOURCE", "DEFAULT_ADDED"}},
      {"ConstraintsTightened",
       bp("entity Patient { id: uuid @id @generated, name: string @maxLength(100), age: int @min(0), code: string }"),
       bp("entity Patient { id: uuid @id @generated, name: string @maxLength(50), age: int @min(18), "
          "code: string @pattern(\"^[A-Z]+$\") }"),
       {"CONSTRAINT_TIGHTENED WIRE", "CONSTRAINT_TIGHTENED WIRE", "CONSTRAINT_TIGHTENED WIRE"}},
      {"ConstraintsLoosened",
       bp("entity Patient { id: uuid @id @generated, name: string @maxLength(50), age: int @min(18), "
          "code: string @pattern(\"^[A-Z]+$\") }"),
       bp("entity Patient { id: uuid @id @generated, name: string @maxLength(100), age: int @min(0), code: string }"),
       {"CONSTRAINT_LOOSENED", "CONSTRAINT_LOOSENED", "CONSTRAINT_LOOSENED"}},
      {"PatternAndFormatReplaced",
       bp("entity Patient { id: uuid @id @generated, code: string @pattern(\"^[A-Z]+$\"), site: string @format(email) }"),
       bp("entity Patient { id: uuid @id @generated, code: string @pattern(\"^[a-z]+$\"), site: string @format(uri) }"),
       {"CONSTRAINT_CHANGED WIRE", "CONSTRAINT_CHANGED WIRE"}},
      {"Precision",
       bp("entity Invoice { id: uuid @id @generated, fee: decimal @precision(12, 2), tax: decimal @precision(12, 2) }"),
       bp("entity Invoice { id: uuid @id @generated, fee: decimal @precision(10, 2), tax: decimal @precision(12, 3) }"),
       {"CONSTRAINT_TIGHTENED WIRE", "CONSTRAINT_LOOSENED"}},
      {"UniqueAddedAlsoIndexes",
       bp("entity Patient { id: uuid @id @generated, code: string }"),
       bp("entity Patient { id: uuid @id @generated, code: string @unique }"),
       {"CONSTRAINT_TIGHTENED WIRE", "FIELD_INDEX_ADDED"}},
      {"IndexRemovedDropsListFilter",
       bp("entity Patient { id: uuid @id @generated, code: string @index }"),
       bp("entity Patient { id: uuid @id @generated, code: string }"),
       {"FIELD_INDEX_REMOVED HTTP"}},
      {"Readonly",
       bp("entity Patient { id: uuid @id @generated, licence: string, code: string @readonly }"),
       bp("entity Patient { id: uuid @id @generated, licence: string @readonly, code: string }"),
       {"FIELD_READONLY_ADDED WIRE,SOURCE", "FIELD_READONLY_REMOVED"}},
      {"Secret",
       bp("entity Account { id: uuid @id @generated, hash: string, token: string @secret }"),
       bp("entity Account { id: uuid @id @generated, hash: string @secret, token: string }"),
       {"FIELD_SECRET_ADDED WIRE,SOURCE", "FIELD_SECRET_REMOVED"}},
      {"Generated",
       bp("entity Patient { id: uuid @id @generated, createdAt: datetime, stamp: datetime @generated }"),
       bp("entity Patient { id: uuid @id @generated, createdAt: datetime @generated, stamp: datetime }"),
       {"FIELD_GENERATED_ADDED WIRE,SOURCE", "FIELD_GENERATED_REMOVED WIRE,SOURCE"}},
      {"SuccessStatus",
       bp("entity Export { id: uuid @id @generated }\napi A { operation start() @http(POST, \"/start\") }"),
       bp("entity Export { id: uuid @id @generated }\napi A { operation start() @http(POST, \"/start\", 202) }"),
       {"OPERATION_STATUS_CHANGED HTTP"}},
      {"UpdatedAt",
       bp("entity Order { id: uuid @id @generated, createdAt: datetime @generated, changedAt: datetime @updatedAt }"),
       bp("entity Order { id: uuid @id @generated, createdAt: datetime @updatedAt, changedAt: datetime @generated }"),
       {"FIELD_UPDATED_AT_ADDED", "FIELD_UPDATED_AT_REMOVED"}},
      {"ActionEventsAndHandlers",
       bp("entity Doc { id: uuid @id @generated }\nevent Made { doc: Doc }\nevent Gone { doc: Doc }\n"
          "handler audit on Made\napi A { resource Doc { create emits Made, delete } }"),
       bp("entity Doc { id: uuid @id @generated }\nevent Made { doc: Doc }\nevent Gone { doc: Doc }\n"
          "handler notify on Made\napi A { resource Doc { create, delete emits Gone } }"),
       {"HANDLER_REMOVED SOURCE", "HANDLER_ADDED", "ACTION_EVENT_REMOVED WIRE", "ACTION_EVENT_ADDED"}},
      {"SoftDelete",
       bp("entity Doc { id: uuid @id @generated, gone: datetime? @deletedAt, at: datetime? }\napi A { resource Doc }"),
       bp("entity Doc { id: uuid @id @generated, gone: datetime?, at: datetime? @deletedAt }\napi A { resource Doc }"),
       {"FIELD_DELETED_AT_REMOVED HTTP,SOURCE", "FIELD_DELETED_AT_ADDED HTTP,SOURCE"}},
      {"Scope",
       bp("role Member\nentity Org { id: uuid @id @generated }\n"
          "entity Doc { id: uuid @id @generated, org: Org @tenant, author: string }"),
       bp("role Member\nentity Org { id: uuid @id @generated }\n"
          "entity Doc { id: uuid @id @generated, org: Org, author: string @owner }"),
       {"FIELD_SCOPE_REMOVED WIRE,HTTP,SOURCE", "FIELD_SCOPE_ADDED WIRE,HTTP,SOURCE"}},
      {"RelationRouteGoesWithItsField",
       bp("entity Customer { id: uuid @id @generated, orders: list<Order> @inverse(customer) }\n"
          "entity Order { id: uuid @id @generated, customer: Customer }\napi A { resource Customer\n resource Order }"),
       bp("entity Customer { id: uuid @id @generated }\n"
          "entity Order { id: uuid @id @generated, customer: Customer }\napi A { resource Customer\n resource Order }"),
       {"FIELD_REMOVED HTTP,SOURCE"}},
      {"EnumWireValue",
       bp("enum Priority { low, high @value(\"HIGH\") }\nentity T { id: uuid @id @generated, p: Priority }"),
       bp("enum Priority { low @value(\"LOW\"), high @value(\"HIGH\") }\nentity T { id: uuid @id @generated, p: Priority }"),
       {"ENUM_VALUE_WIRE_CHANGED WIRE"}},
      {"TransitionSets",
       bp("enum S { a, b }\nentity E { id: uuid @id @generated, s: S = a, at: datetime?, note: string? }\n"
          "workflow W on E.s { a -> b on go(note: string) sets at = now }"),
       bp("enum S { a, b }\nentity E { id: uuid @id @generated, s: S = a, at: datetime?, note: string? }\n"
          "workflow W on E.s { a -> b on go(note: string) sets note = note }"),
       {"TRANSITION_SET_REMOVED WIRE", "TRANSITION_SET_ADDED"}},
      {"Keys",
       bp("entity Slot { id: uuid @id @generated, room: string, day: date, at: int\n unique (room, day)\n index (day, at) }"),
       bp("entity Slot { id: uuid @id @generated, room: string, day: date, at: int\n unique (room, day, at)\n index (day) }"),
       {"UNIQUE_KEY_REMOVED", "INDEX_KEY_REMOVED", "UNIQUE_KEY_ADDED WIRE", "INDEX_KEY_ADDED"}},
      {"Searchable",
       bp("entity Product { id: uuid @id @generated, name: string @searchable, notes: text? }\napi A { resource Product }"),
       bp("entity Product { id: uuid @id @generated, name: string, notes: text? @searchable }\napi A { resource Product }"),
       {"FIELD_SEARCHABLE_REMOVED HTTP", "FIELD_SEARCHABLE_ADDED"}},
      {"DeprecationAndDocs",
       bp("/// A patient.\nentity Patient { id: uuid @id @generated, /// Their name.\n name: string }"),
       bp("/// Someone who books.\nentity Patient { id: uuid @id @generated, /// Full name.\n "
          "name: string @deprecated(\"Use fullName.\") }"),
       {"DEPRECATION_CHANGED", "DOC_CHANGED", "DOC_CHANGED"}},

      // ---- fields of events (read only) and structs (wherever their users put them) ----
      {"EventFieldAddedBreaksOnlyCodeThatRaisesIt",
       bp("event Paid { at: datetime }"),
       bp("event Paid { at: datetime, amount: decimal }"),
       {"FIELD_ADDED SOURCE"}},
      {"EventFieldRemoved",
       bp("event Paid { at: datetime, amount: decimal }"),
       bp("event Paid { at: datetime }"),
       {"FIELD_REMOVED WIRE,SOURCE"}},
      {"EventFieldMadeRequiredOrOptional",
       bp("event Paid { at: datetime?, amount: decimal }"),
       bp("event Paid { at: datetime, amount: decimal? }"),
       {"FIELD_MADE_REQUIRED SOURCE", "FIELD_MADE_OPTIONAL WIRE,SOURCE"}},
      {"StructInEntityIsBothDirections",
       bp("struct Address { city: string }\nentity Patient { id: uuid @id @generated, home: Address }"),
       bp("struct Address { city: string, zip: string }\nentity Patient { id: uuid @id @generated, home: Address }"),
       {"FIELD_ADDED WIRE,SOURCE"}},
      {"StructOnlyInEventsIsReadOnly",
       bp("struct Address { city: string, zip: string? }\nevent Moved { to: Address }"),
       bp("struct Address { city: string, zip: string, street: string }\nevent Moved { to: Address }"),
       {"FIELD_MADE_REQUIRED SOURCE", "FIELD_ADDED SOURCE"}},
      {"StructOnlyInResultsIsHttp",
       bp("struct Stats { count: int, mean: float }\napi A { operation stats() -> Stats @http(GET, \"/stats\") }"),
       bp("struct Stats { count: int }\napi A { operation stats() -> Stats @http(GET, \"/stats\") }"),
       {"FIELD_REMOVED HTTP,SOURCE"}},

      // ---- declarations ----
      {"DeclarationsRemoved",
       bp("type Code = string\nenum Color { red }\nstruct Point { x: int }\nentity Tag { id: uuid @id @generated }\n"
          "event Pinged { at: datetime }\nrole Auditor\nentity Patient { id: uuid @id @generated }"),
       bp("entity Patient { id: uuid @id @generated }"),
       {"ALIAS_REMOVED SOURCE", "ENUM_REMOVED SOURCE", "STRUCT_REMOVED SOURCE", "ENTITY_REMOVED SOURCE",
        "EVENT_REMOVED WIRE,SOURCE", "ROLE_REMOVED HTTP,SOURCE"}},
      {"DeclarationsAdded",
       bp("entity Patient { id: uuid @id @generated }"),
       bp("type Code = string\nenum Color { red }\nstruct Point { x: int }\nentity Tag { id: uuid @id @generated }\n"
          "event Pinged { at: datetime }\nrole Auditor\nentity Patient { id: uuid @id @generated }"),
       {"ALIAS_ADDED", "ENUM_ADDED", "STRUCT_ADDED", "ENTITY_ADDED", "EVENT_ADDED", "ROLE_ADDED"}},
      {"DeclarationKindChanged",
       bp("struct Address { city: string }"),
       bp("entity Address { id: uuid @id @generated, city: string }"),
       {"DECLARATION_KIND_CHANGED WIRE,SOURCE"}},
      {"EnumValues",
       bp("enum Color { red, green, blue }\nentity Car { id: uuid @id @generated, color: Color }"),
       bp("enum Color { red, blue @deprecated, black }\nentity Car { id: uuid @id @generated, color: Color }"),
       {"ENUM_VALUE_REMOVED WIRE,SOURCE", "DEPRECATION_CHANGED", "ENUM_VALUE_ADDED"}},
      {"UnusedEnumValueRemovedBreaksOnlySource",
       bp("enum Color { red, green }"),
       bp("enum Color { red }"),
       {"ENUM_VALUE_REMOVED SOURCE"}},
      {"AliasChanges",
       bp("type Code = string @maxLength(10) @default(\"a\")\nentity Item { id: uuid @id @generated, code: Code }"),
       bp("type Code = string @maxLength(8) @default(\"b\") @deprecated\nentity Item { id: uuid @id @generated, code: Code }"),
       {"CONSTRAINT_TIGHTENED WIRE", "DEFAULT_CHANGED WIRE", "DEPRECATION_CHANGED"}},
      {"AliasTypeChanged",
       bp("type Code = string\nentity Item { id: uuid @id @generated, code: Code }"),
       bp("type Code = int\nentity Item { id: uuid @id @generated, code: Code }"),
       {"ALIAS_TYPE_CHANGED WIRE,SOURCE"}},
      {"AliasUsedOnlyByParametersIsHttp",
       bp("type Query = string @minLength(1)\napi A { operation find(q: Query) @http(GET, \"/find\") }"),
       bp("type Query = string @minLength(3)\napi A { operation find(q: Query) @http(GET, \"/find\") }"),
       {"CONSTRAINT_TIGHTENED HTTP"}},

      // ---- relations ----
      {"RelationTargetChanged",
       bp("entity Doctor { id: uuid @id @generated }\nentity Nurse { id: uuid @id @generated }\n"
          "entity Visit { id: uuid @id @generated, carer: Doctor }"),
       bp("entity Doctor { id: uuid @id @generated }\nentity Nurse { id: uuid @id @generated }\n"
          "entity Visit { id: uuid @id @generated, carer: Nurse }"),
       {"RELATION_TARGET_CHANGED WIRE,SOURCE"}},
      {"RelationManyToOne",
       bp("entity Doctor { id: uuid @id @generated }\nentity Visit { id: uuid @id @generated, doctors: list<Doctor> }"),
       bp("entity Doctor { id: uuid @id @generated }\nentity Visit { id: uuid @id @generated, doctors: Doctor }"),
       // A single reference is a list filter (`?doctors=<id>`) by itself.
       {"RELATION_CARDINALITY_CHANGED WIRE,HTTP,SOURCE", "FIELD_INDEX_ADDED"}},
      {"RelationBecameInverse",
       bp("entity Patient { id: uuid @id @generated, visits: list<Visit> }\n"
          "entity Visit { id: uuid @id @generated, patient: Patient }"),
       bp("entity Patient { id: uuid @id @generated, visits: list<Visit> @inverse(patient) }\n"
          "entity Visit { id: uuid @id @generated, patient: Patient }"),
       {"RELATION_INVERSE_CHANGED WIRE,SOURCE"}},
      {"RelationOnDeleteChanged",
       bp("entity Patient { id: uuid @id @generated }\nentity Visit { id: uuid @id @generated, patient: Patient }"),
       bp("entity Patient { id: uuid @id @generated }\n"
          "entity Visit { id: uuid @id @generated, patient: Patient @onDelete(cascade) }"),
       {"RELATION_ON_DELETE_CHANGED HTTP"}},

      // ---- roles and policies ----
      {"PolicyRules",
       bp("entity Patient { id: uuid @id @generated }\n"
          "policy { allow Clerk to read on Patient\n deny Clerk to update }"),
       bp("entity Patient { id: uuid @id @generated }\n"
          "policy { allow Admin to *\n deny Clerk to delete }"),
       {"POLICY_RULE_REMOVED HTTP", "POLICY_RULE_REMOVED", "POLICY_RULE_ADDED", "POLICY_RULE_ADDED HTTP"}},
      {"PolicyRuleWidenedIsNotANarrowing",
       bp("entity Patient { id: uuid @id @generated }\nentity Doctor { id: uuid @id @generated }\n"
          "policy { allow Clerk to read on Patient }"),
       bp("entity Patient { id: uuid @id @generated }\nentity Doctor { id: uuid @id @generated }\n"
          "policy { allow Clerk, Admin to [read, update] on Patient, Doctor }"),
       {"POLICY_RULE_REMOVED", "POLICY_RULE_ADDED"}},
      {"NamedPoliciesAreContainers",
       bp("policy Old { allow Admin to * }"),
       bp("policy New { allow Admin to * }"),
       {"POLICY_REMOVED", "POLICY_ADDED"}},

      // ---- workflows ----
      {"WorkflowAddedTakesOverAField",
       bp("enum Status { open, closed }\nentity Ticket { id: uuid @id @generated, status: Status = open }"),
       bp("enum Status { open, closed }\nentity Ticket { id: uuid @id @generated, status: Status = open }\n"
          "workflow Flow on Ticket.status { open -> closed on close by Admin }"),
       {"WORKFLOW_ADDED WIRE,SOURCE"}},
      {"WorkflowRemoved",
       bp("enum Status { open, closed }\nentity Ticket { id: uuid @id @generated, status: Status = open }\n"
          "workflow Flow on Ticket.status { open -> closed on close by Admin }"),
       bp("enum Status { open, closed }\nentity Ticket { id: uuid @id @generated, status: Status = open }"),
       {"WORKFLOW_REMOVED SOURCE"}},
      {"WorkflowFieldAndInitialState",
       bp("enum Status { open, closed }\n"
          "entity Ticket { id: uuid @id @generated, status: Status, phase: Status }\n"
          "workflow Flow on Ticket.status { initial open\n open -> closed on close by Admin\n "
          "closed -> open on reopen by Admin }"),
       bp("enum Status { open, closed }\n"
          "entity Ticket { id: uuid @id @generated, status: Status, phase: Status }\n"
          "workflow Flow on Ticket.phase { initial closed\n open -> closed on close by Admin\n "
          "closed -> open on reopen by Admin }"),
       {"WORKFLOW_FIELD_CHANGED WIRE,HTTP,SOURCE", "WORKFLOW_INITIAL_CHANGED HTTP"}},
      {"Guards",
       bp("enum S { a, b, c }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { guard g1\n guard g2\n a -> b on go by Admin when g1\n b -> c on finish by Admin\n "
          "c -> a on restart by Admin when g1 }"),
       bp("enum S { a, b, c }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { guard g1\n guard g3\n a -> b on go by Admin\n b -> c on finish by Admin when g3\n "
          "c -> a on restart by Admin when g3 }"),
       {"WORKFLOW_GUARD_REMOVED SOURCE", "WORKFLOW_GUARD_ADDED", "TRANSITION_GUARD_REMOVED",
        "TRANSITION_GUARD_ADDED HTTP", "TRANSITION_GUARD_CHANGED HTTP"}},
      {"TriggersAndTransitions",
       bp("enum S { a, b, c }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { a -> b on go by Admin\n b -> c on go by Admin\n b -> a on back by Admin\n "
          "c -> a on reset by Admin }"),
       bp("enum S { a, b, c }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { a -> c on go by Admin\n c -> a on go by Admin\n b -> c on skip by Admin\n "
          "c -> a on reset by Admin }"),
       {"TRANSITION_TARGET_CHANGED HTTP", "TRANSITION_REMOVED HTTP", "TRANSITION_ADDED",
        "TRIGGER_REMOVED HTTP,SOURCE", "TRIGGER_ADDED"}},
      {"TransitionRolesMergedAcrossSourceStates",
       bp("enum S { a, b, c }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { a -> b on go by Admin\n a, b -> c on cancel by Admin, Clerk }"),
       bp("enum S { a, b, c }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { a -> b on go by Admin, Clerk\n a, b -> c on cancel by Admin }"),
       {"TRANSITION_ROLE_ADDED", "TRANSITION_ROLE_REMOVED HTTP"}},
      {"EmittedEvents",
       bp("enum S { a, b }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "event Went { t: T2 }\nevent Moved { t: T2 }\n"
          "workflow W on T2.s { a -> b on go by Admin emits Went\n b -> a on back by Admin }"),
       bp("enum S { a, b }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "event Went { t: T2 }\nevent Moved { t: T2 }\n"
          "workflow W on T2.s { a -> b on go by Admin emits Moved\n b -> a on back by Admin }"),
       {"TRANSITION_EVENT_REMOVED WIRE", "TRANSITION_EVENT_ADDED"}},
      {"TriggerParameters",
       bp("enum S { a, b }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { a -> b on go(reason: string) by Admin\n b -> a on back by Admin }"),
       bp("enum S { a, b }\nentity T2 { id: uuid @id @generated, s: S = a }\n"
          "workflow W on T2.s { a -> b on go(reason: string @minLength(3), note: string) by Admin\n "
          "b -> a on back by Admin }"),
       {"CONSTRAINT_TIGHTENED HTTP", "PARAMETER_ADDED HTTP,SOURCE"}},

      // ---- APIs ----
      {"Apis",
       bp("api Old at \"/old\" {}\napi Main at \"/v1\" {}"),
       bp("api Main at \"/v2\" {}\napi New {}"),
       {"API_REMOVED HTTP,SOURCE", "API_BASE_PATH_CHANGED HTTP", "API_ADDED"}},
      {"Operations",
       bp("entity Patient { id: uuid @id @generated }\n"
          "api A { operation find(q: string) -> list<Patient> @http(GET, \"/find\") by Clerk\n"
          " operation purge() by Admin\n operation ping() @http(GET, \"/ping\") }"),
       bp("entity Patient { id: uuid @id @generated }\n"
          "api A { operation find(q: string) -> Patient @http(POST, \"/find\") by Admin\n"
          " operation ping() @http(GET, \"/ping\") @deprecated\n /// New.\n operation stats() -> int }"),
       {"ROUTE_CHANGED HTTP", "OPERATION_RESULT_CHANGED HTTP,SOURCE", "OPERATION_ROLE_REMOVED HTTP",
        "OPERATION_ROLE_ADDED", "OPERATION_REMOVED HTTP,SOURCE", "DEPRECATION_CHANGED", "OPERATION_ADDED"}},
      {"OperationParameters",
       bp("api A { operation find(q: string, limit: int = 20, page: int?) @http(GET, \"/find\") }"),
       bp("api A { operation find(q: int, page: int, size: int?, mode: string) @http(GET, \"/find\") }"),
       {"PARAMETER_TYPE_CHANGED HTTP,SOURCE", "PARAMETER_REMOVED HTTP,SOURCE", "FIELD_MADE_REQUIRED HTTP,SOURCE",
        "PARAMETER_ADDED", "PARAMETER_ADDED HTTP,SOURCE"}},
      {"RenamedPlaceholderIsNotARouteChange",
       bp("api A { operation show(id: uuid) @http(GET, \"/items/{id}\") }"),
       bp("api A { operation show(key: uuid) @http(GET, \"/items/{key}\") }"),
       {"PARAMETER_REMOVED HTTP,SOURCE", "PARAMETER_ADDED HTTP,SOURCE"}},
      {"ResultOfSameShape",
       bp("type Code = string\napi A { operation code() -> string }"),
       bp("type Code = string\napi A { operation code() -> Code }"),
       {"OPERATION_RESULT_CHANGED SOURCE"}},
      {"ResourceActionsAndWorkflows",
       bp("enum S { a, b }\n"
          "entity P { id: uuid @id @generated, s: S = a, t: S = a }\n"
          "entity R { id: uuid @id @generated, s: S = a }\n"
          "workflow W on P.s { a -> b on go by Admin\n b -> a on back by Admin }\n"
          "workflow V on P.t { a -> b on go2 by Admin\n b -> a on back2 by Admin }\n"
          "workflow X on R.s { a -> b on go3 by Admin\n b -> a on back3 by Admin }\n"
          "api A { resource P { get, delete } with workflow W\n resource R { get } with workflow X }"),
       bp("enum S { a, b }\n"
          "entity P { id: uuid @id @generated, s: S = a, t: S = a }\n"
          "entity R { id: uuid @id @generated, s: S = a }\n"
          "workflow W on P.s { a -> b on go by Admin\n b -> a on back by Admin }\n"
          "workflow V on P.t { a -> b on go2 by Admin\n b -> a on back2 by Admin }\n"
          "workflow X on R.s { a -> b on go3 by Admin\n b -> a on back3 by Admin }\n"
          "api A { resource P { get, list } with workflow V\n resource R { get } }"),
       {"RESOURCE_ACTION_REMOVED HTTP,SOURCE", "RESOURCE_ACTION_ADDED", "RESOURCE_WORKFLOW_CHANGED HTTP,SOURCE",
        "RESOURCE_WORKFLOW_DETACHED HTTP,SOURCE"}},
      {"ResourcesAddedAndRemoved",
       bp("enum S { a, b }\nentity P { id: uuid @id @generated }\nentity Q { id: uuid @id @generated }\n"
          "entity R { id: uuid @id @generated, s: S = a }\n"
          "workflow W on R.s { a -> b on go by Admin\n b -> a on back by Admin }\n"
          "api A { resource P\n resource R { get } }"),
       bp("enum S { a, b }\nentity P { id: uuid @id @generated }\nentity Q { id: uuid @id @generated }\n"
          "entity R { id: uuid @id @generated, s: S = a }\n"
          "workflow W on R.s { a -> b on go by Admin\n b -> a on back by Admin }\n"
          "api A { resource R { get } with workflow W\n resource Q }"),
       {"RESOURCE_REMOVED HTTP,SOURCE", "RESOURCE_WORKFLOW_ATTACHED", "RESOURCE_ADDED"}},

      // ---- targets ----
      {"Targets",
       bp("target typescript { package \"@a/api\" }\ntarget openapi {}"),
       bp("target typescript { package \"@a/web\" }\ntarget python { package \"a_api\" }"),
       {"TARGET_OPTION_CHANGED SOURCE", "TARGET_REMOVED SOURCE", "TARGET_ADDED"}},
  };
  return list;
}

class DiffScenario : public ::testing::TestWithParam<Scenario> {};

TEST_P(DiffScenario, ReportsExactlyTheExpectedChanges) {
  const Scenario& scenario = GetParam();
  const Diffed result = diff(scenario.name, scenario.before, scenario.after);
  ASSERT_TRUE(result.before && result.after);
  EXPECT_EQ(summarize(result.changes), scenario.expected) << "changes:\n" << listing(result.changes);
}

INSTANTIATE_TEST_SUITE_P(Rules, DiffScenario, ::testing::ValuesIn(scenarios()),
                         [](const ::testing::TestParamInfo<Scenario>& param) { return param.param.name; });

TEST(SemanticDiff, EveryChangeKindIsExercisedByAScenario) {
  std::set<std::string> seen;
  for (const Scenario& scenario : scenarios()) {
    for (const std::string& line : scenario.expected) seen.insert(line.substr(0, line.find(' ')));
  }
  for (ChangeKind kind : all_change_kinds()) {
    EXPECT_TRUE(seen.count(std::string(info(kind).id))) << info(kind).id << " has no scenario";
  }
}

TEST(SemanticDiff, EveryChangeKindIsDocumented) {
  std::ifstream file(std::string(BPC_SOURCE_DIR) + "/docs/diff.md");
  ASSERT_TRUE(file) << "docs/diff.md is missing";
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (ChangeKind kind : all_change_kinds()) {
    EXPECT_NE(text.find(fmt::format("`{}`", info(kind).id)), std::string::npos)
        << info(kind).id << " is not documented in docs/diff.md";
  }
}

TEST(SemanticDiff, IdenticalVersionsHaveNoChanges) {
  std::ifstream file(std::string(BPC_SOURCE_DIR) + "/examples/clinic.bpl");
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const Diffed result = diff("Identical", text, text);
  ASSERT_TRUE(result.before && result.after);
  EXPECT_TRUE(result.changes.empty()) << listing(result.changes);
}

TEST(SemanticDiff, MatchesByNameNotByPosition) {
  // Every declaration, field, enum value and transition moves; the IDs all differ, the
  // blueprint means the same.
  const Diffed result = diff(
      "Reordered",
      bp("enum S { a, b }\nentity P { id: uuid @id @generated, name: string, s: S = a }\n"
         "entity Q { id: uuid @id @generated, p: P }\n"
         "workflow W on P.s { a -> b on go by Admin\n b -> a on back by Clerk }\n"
         "api A { resource P\n operation f(x: int, y: int) }\npolicy { allow Admin to *\n allow Clerk to read }"),
      "policy { allow Clerk to read\n allow Admin to * }\n"
      "api A { operation f(y: int, x: int)\n resource P }\n"
      "workflow W on P.s { b -> a on back by Clerk\n a -> b on go by Admin }\n"
      "entity Q { p: P, id: uuid @id @generated }\n"
      "entity P { s: S = a, name: string, id: uuid @id @generated }\nenum S { b, a }\n"
      "role Clerk\nrole Admin\nblueprint T { version \"1.0.0\" }\n");
  ASSERT_TRUE(result.before && result.after);
  EXPECT_TRUE(result.changes.empty()) << listing(result.changes);
}

TEST(SemanticDiff, ChangesCarryPathsMessagesAndLocations) {
  const Diffed result = diff("Details", bp("type Email = string\nentity Patient {\n  id: uuid @id @generated\n  email: string\n}"),
                             bp("type Email = string\nentity Patient {\n  id: uuid @id @generated\n\n  email: Email\n}"));
  ASSERT_EQ(result.changes.size(), 1u) << listing(result.changes);
  const Change& change = result.changes[0];
  EXPECT_EQ(change.kind, ChangeKind::FieldTypeChanged);
  EXPECT_EQ(change.path, "Patient.email");
  EXPECT_EQ(change.message, "field Patient.email: type changed from `string` to `Email` (same JSON shape)");
  EXPECT_EQ(change.breaks, Categories(Category::Source));

  const auto position = [&](const Lowered& lowered, const ir::Location& location) {
    const FileId file = lowered.result.program.files[location.file].parsed.file;
    const LineColumn at = lowered.result.sources.file(file).line_column(location.begin);
    return fmt::format("{}:{}", at.line, at.column);
  };
  EXPECT_EQ(position(*result.before, change.old_location), "7:3");
  EXPECT_EQ(position(*result.after, change.new_location), "8:3");
}

TEST(SemanticDiff, ReportCountsOnlySelectedCategories) {
  const Diffed result = diff("Report", bp("entity Patient { id: uuid @id @generated, email: string }"),
                             bp("entity Patient { id: uuid @id @generated }\nrole Auditor"));
  ASSERT_TRUE(result.before && result.after);
  const Locator nowhere = [](bool, const ir::Location&) { return std::nullopt; };
  EXPECT_EQ(count_breaking(result.changes, Categories::all()), 1u);
  EXPECT_EQ(count_breaking(result.changes, Category::Http), 0u);
  std::ostringstream text;
  print_text(text, result.changes, Category::Wire, nowhere);
  EXPECT_EQ(text.str(),
            "BREAKING(WIRE) field Patient.email removed [FIELD_REMOVED]  (- -> -)\n"
            "change role Auditor added [ROLE_ADDED]  (- -> -)\n"
            "2 changes, 1 breaking (categories WIRE)\n");
}

TEST(SemanticDiff, ParsesCategoryNames) {
  Category category = Category::Wire;
  EXPECT_TRUE(parse_category("http", category));
  EXPECT_EQ(category, Category::Http);
  EXPECT_TRUE(parse_category("SOURCE", category));
  EXPECT_EQ(category, Category::Source);
  EXPECT_FALSE(parse_category("JSON", category));
  EXPECT_EQ((Categories(Category::Source) | Category::Wire).names(), "WIRE,SOURCE");
}

}  // namespace
}  // namespace bpc::diff
