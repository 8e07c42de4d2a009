#include "sample_module.h"

#include <utility>

#include "ir/type_interner.h"

namespace bpc::ir::testing {

namespace {

Value null_value() { return Value{}; }
Value boolean(bool b) {
  Value v;
  v.kind = Value::Kind::Bool;
  v.boolean = b;
  return v;
}
Value integer(std::int64_t n) {
  Value v;
  v.kind = Value::Kind::Integer;
  v.integer = n;
  return v;
}
Value text_value(Value::Kind kind, std::string text) {
  Value v;
  v.kind = kind;
  v.text = std::move(text);
  return v;
}
Value number(std::string spelling) { return text_value(Value::Kind::Number, std::move(spelling)); }
Value string(std::string s) { return text_value(Value::Kind::String, std::move(s)); }
Value name(std::string n) { return text_value(Value::Kind::Name, std::move(n)); }
Value list(std::vector<Value> items) {
  Value v;
  v.kind = Value::Kind::List;
  v.items = std::move(items);
  return v;
}
Value object(std::vector<std::pair<std::string, Value>> entries) {
  Value v;
  v.kind = Value::Kind::Object;
  v.entries = std::move(entries);
  return v;
}

Location at(std::uint32_t begin, std::uint32_t end, std::uint32_t file = 0) {
  return Location{file, begin, end};
}

// Appends nodes to a module, keeping the owner lists and the owners' back references in step.
class Builder {
 public:
  Module module;
  TypeInterner types{module};

  FieldId field(FieldOwner owner, std::string field_name, TypeId type, Constraints constraints = {},
                std::optional<Value> default_value = std::nullopt, std::string doc = {},
                Location location = {}) {
    const FieldId id{static_cast<std::uint32_t>(module.fields.size())};
    Field f;
    f.name = std::move(field_name);
    f.type = type;
    f.default_value = std::move(default_value);
    f.constraints = std::move(constraints);
    f.owner = owner;
    f.doc = std::move(doc);
    f.location = location;
    module.fields.push_back(std::move(f));
    switch (owner.kind) {
      case FieldOwner::Kind::Struct: module.structs[owner.index].fields.push_back(id); break;
      case FieldOwner::Kind::Entity: module.entities[owner.index].fields.push_back(id); break;
      case FieldOwner::Kind::Event: module.events[owner.index].fields.push_back(id); break;
      case FieldOwner::Kind::Operation:
        module.operations[owner.index].parameters.push_back(id);
        break;
      case FieldOwner::Kind::Transition:
        module.workflows[owner.workflow].transitions[owner.index].parameters.push_back(id);
        break;
    }
    return id;
  }

  RelationId relate(EntityId source, FieldId field, EntityId target, bool many, bool optional,
                    FieldId inverse, OnDelete on_delete) {
    const RelationId id{static_cast<std::uint32_t>(module.relations.size())};
    module.relations.push_back(Relation{source, field, target, many, optional, inverse, on_delete});
    module.fields[field.index].relation = id;
    if (!inverse.is_none()) module.fields[inverse.index].relation = id;
    return id;
  }

  OperationId operation(ApiId api, std::string op_name, Operation::Kind kind, HttpMethod method,
                        std::string path, TypeId result, Location location) {
    const OperationId id{static_cast<std::uint32_t>(module.operations.size())};
    Operation o;
    o.name = std::move(op_name);
    o.kind = kind;
    o.api = api;
    o.method = method;
    o.path = std::move(path);
    o.result = result;
    o.location = location;
    module.operations.push_back(std::move(o));
    module.apis[api.index].operations.push_back(id);
    return id;
  }
};

FieldOwner owner(FieldOwner::Kind kind, std::uint32_t index) { return FieldOwner{kind, index}; }

Constraints id_constraints() {
  Constraints c;
  c.is_id = true;
  c.generated = true;
  return c;
}

Constraints min_length(std::uint64_t n) {
  Constraints c;
  c.min_length = n;
  return c;
}

// The byte range from the first `first` at or after `from` to the end of the first `last` after
// it, in kSmallClinicSource.
Location span(std::string_view first, std::string_view last, std::size_t from = 0) {
  const std::string_view source = kSmallClinicSource;
  const std::size_t begin = source.find(first, from);
  const std::size_t end = source.find(last, begin) + last.size();
  return at(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
}

}  // namespace

const std::string_view kSmallClinicSource = R"(blueprint Clinic {
  version "1.0.0"
  platform api
}

/// Someone who books appointments.
entity Patient {
  id: uuid @id @generated
  name: string @minLength(1)
}

role Admin

policy {
  allow Admin to *
}

api ClinicApi at "/api/v1" {
  resource Patient { get }
}
)";

Module make_small_module() {
  Builder b;
  Module& m = b.module;
  m.files = {"clinic.bpl"};
  m.header.name = "Clinic";
  m.header.version = "1.0.0";
  m.header.platform = "api";
  m.header.location = span("blueprint", "}");

  const TypeId uuid = b.types.scalar(Scalar::Uuid);
  const TypeId string_type = b.types.scalar(Scalar::String);
  const TypeId patient_type = b.types.declared(Type::Kind::Entity, 0);

  m.entities.push_back(
      Entity{"Patient", {}, {}, "Someone who books appointments.", span("entity Patient", "\n}")});
  const FieldId id = b.field(owner(FieldOwner::Kind::Entity, 0), "id", uuid, id_constraints(), {},
                             {}, span("id:", "@generated"));
  b.field(owner(FieldOwner::Kind::Entity, 0), "name", string_type, min_length(1), {}, {},
          span("name:", "@minLength(1)"));
  m.entities[0].id_field = id;

  m.roles.push_back(Role{"Admin", {}, span("role Admin", "Admin")});
  PolicyRule rule;
  rule.roles = {RoleId{0}};
  rule.location = span("allow Admin", "*");
  m.policies.push_back(Policy{{}, {rule}, {}, span("policy {", "\n}")});

  const Location resource = span("resource Patient", "}");
  m.apis.push_back(Api{"ClinicApi",
                       "/api/v1",
                       {Resource{EntityId{0}, {CrudAction::Get}, {}, {}, resource}},
                       {},
                       {},
                       span("api ClinicApi", "\n}")});
  const OperationId get = b.operation(ApiId{0}, "getPatient", Operation::Kind::Get, HttpMethod::Get,
                                      "/patients/{id}", patient_type, resource);
  m.operations[get.index].entity = EntityId{0};
  b.field(owner(FieldOwner::Kind::Operation, get.index), "id", uuid, {}, {}, {}, resource);
  return std::move(b.module);
}

Module make_sample_module() {
  Builder b;
  Module& m = b.module;
  m.files = {"clinic.bpl", "common/audit.bpl"};
  m.header = Header{"Clinic",
                    "1.4.0",
                    "healthcare",
                    "fullstack",
                    {"en", "ar", "en-GB"},
                    "Appointment booking for a small clinic.",
                    "Apache-2.0 OR MIT",
                    "Clinic Platform Team",
                    "platform@clinic.example",
                    "https://clinic.example/support",
                    "The showcase blueprint.\nSecond line of the doc.",
                    at(0, 160)};

  TypeInterner& t = b.types;
  const TypeId string_type = t.scalar(Scalar::String);
  const TypeId uuid = t.scalar(Scalar::Uuid);
  const TypeId int_type = t.scalar(Scalar::Int);
  const TypeId decimal = t.scalar(Scalar::Decimal);
  const TypeId datetime = t.scalar(Scalar::DateTime);

  // ---- aliases ----
  Constraints email_constraints;
  email_constraints.format = "email";
  email_constraints.max_length = 254;
  email_constraints.deprecated = "Use ContactEmail.";
  m.aliases.push_back(
      Alias{"Email", string_type, email_constraints, {}, "An e-mail address.", at(162, 214)});
  Constraints money_constraints;
  money_constraints.precision = 12;
  money_constraints.scale = 2;
  money_constraints.min = "0";
  m.aliases.push_back(Alias{"Money",
                            decimal,
                            money_constraints,
                            {},
                            "An amount of money.\nNever negative.",
                            at(215, 262)});
  Constraints page_constraints;
  page_constraints.min = "1";
  page_constraints.max = "100";
  m.aliases.push_back(Alias{"PageSize", int_type, page_constraints, integer(20), {}, at(263, 320)});
  Constraints timestamp_constraints;
  timestamp_constraints.format = "date-time";
  m.aliases.push_back(Alias{"Timestamp", string_type, timestamp_constraints, {}, {}, at(0, 40, 1)});
  const TypeId email = t.declared(Type::Kind::Alias, 0);
  const TypeId money = t.declared(Type::Kind::Alias, 1);

  // ---- enums ----
  m.enums.push_back(Enum{
      "AppointmentStatus",
      {EnumValue{"requested", {}, {}, at(350, 359)}, EnumValue{"confirmed", {}, {}, at(361, 370)},
       EnumValue{"cancelled", {}, {}, at(372, 381)}, EnumValue{"completed", {}, {}, at(383, 392)}},
      {},
      at(321, 394)});
  m.enums.push_back(Enum{
      "Channel",
      {EnumValue{"email", {}, "By e-mail.", at(420, 425)}, EnumValue{"sms", {}, {}, at(428, 431), std::string("SMS")},
       EnumValue{"fax", "Use email.", {}, at(434, 460)}},
      {},
      at(396, 462)});
  const TypeId status = t.declared(Type::Kind::Enum, 0);

  // ---- struct ----
  m.structs.push_back(
      Struct{"Address", {}, "An address (a value type, no identity).", at(464, 580)});
  b.field(owner(FieldOwner::Kind::Struct, 0), "line1", string_type, min_length(1), {}, {},
          at(485, 512));
  b.field(owner(FieldOwner::Kind::Struct, 0), "line2", t.optional(string_type), {}, {}, {},
          at(515, 529));
  Constraints country;
  country.pattern = "^[A-Z]{2}$";
  b.field(owner(FieldOwner::Kind::Struct, 0), "country", string_type, country, {}, {},
          at(532, 578));
  const TypeId address = t.declared(Type::Kind::Struct, 0);

  // ---- entities ----
  const auto entity = [&](std::string entity_name, std::string doc, Location location) {
    m.entities.push_back(Entity{std::move(entity_name), {}, {}, std::move(doc), location});
    return static_cast<std::uint32_t>(m.entities.size() - 1);
  };
  const std::uint32_t patient = entity("Patient", "Someone who books appointments.", at(600, 900));
  const std::uint32_t doctor = entity("Doctor", {}, at(902, 1040));
  const std::uint32_t appointment = entity("Appointment", {}, at(1042, 1300));
  const TypeId patient_type = t.declared(Type::Kind::Entity, patient);
  const TypeId doctor_type = t.declared(Type::Kind::Entity, doctor);
  const TypeId appointment_type = t.declared(Type::Kind::Entity, appointment);

  const FieldOwner in_patient = owner(FieldOwner::Kind::Entity, patient);
  m.entities[patient].id_field =
      b.field(in_patient, "id", uuid, id_constraints(), {}, {}, at(620, 643));
  Constraints name_constraints;
  name_constraints.min_length = 1;
  name_constraints.max_length = 120;
  b.field(in_patient, "name", string_type, name_constraints, {}, {}, at(646, 688));
  Constraints unique;
  unique.unique = true;
  b.field(in_patient, "email", email, unique, {}, "Where reminders go.", at(691, 711));
  Constraints phone;
  phone.pattern = "^\\+?[0-9 ]{7,20}$";
  b.field(in_patient, "phone", t.optional(string_type), phone, {}, {}, at(714, 760));
  b.field(in_patient, "address", t.optional(address), {}, null_value(), {}, at(763, 786));
  b.field(in_patient, "tags", t.list(string_type), {}, list({}), {}, at(789, 813));
  b.field(in_patient, "preferences", t.map(t.scalar(Scalar::Bool)), {}, object({}), {},
          at(816, 850));
  const FieldId appointments =
      b.field(in_patient, "appointments", t.list(appointment_type), {}, {}, {}, at(853, 898));

  const FieldOwner in_doctor = owner(FieldOwner::Kind::Entity, doctor);
  m.entities[doctor].id_field =
      b.field(in_doctor, "id", uuid, id_constraints(), {}, {}, at(920, 943));
  b.field(in_doctor, "name", string_type, {}, {}, {}, at(946, 958));
  Constraints indexed;
  indexed.index = true;
  indexed.readonly = true;
  b.field(in_doctor, "specialty", string_type, indexed, {}, {}, at(961, 995));
  Constraints rating;
  rating.min = "0";
  rating.max = "5.0";
  b.field(in_doctor, "rating", t.optional(t.scalar(Scalar::Float)), rating, number("2.5e-1"), {},
          at(998, 1010));
  const FieldId supervisor =
      b.field(in_doctor, "supervisor", t.optional(doctor_type), {}, {}, {}, at(1012, 1038));

  const FieldOwner in_appointment = owner(FieldOwner::Kind::Entity, appointment);
  m.entities[appointment].id_field =
      b.field(in_appointment, "id", uuid, id_constraints(), {}, {}, at(1062, 1085));
  const FieldId patient_ref =
      b.field(in_appointment, "patient", patient_type, {}, {}, {}, at(1088, 1122));
  const FieldId doctor_ref =
      b.field(in_appointment, "doctor", doctor_type, {}, {}, {}, at(1125, 1139));
  const FieldId at_field = b.field(in_appointment, "at", datetime, {}, {}, {}, at(1142, 1154));
  // No doctor is booked twice at one time.
  m.entities[appointment].keys.push_back(Key{true, {doctor_ref, at_field}, at(1215, 1240)});
  b.field(in_appointment, "fee", money, {}, integer(0), {}, at(1157, 1172));
  const FieldId state_field =
      b.field(in_appointment, "status", status, {}, name("requested"), {}, at(1175, 1212));
  Constraints notes;
  notes.secret = true;
  notes.deprecated = "";
  const FieldId notes_field = b.field(in_appointment, "notes", t.optional(t.scalar(Scalar::Text)), notes, {}, {},
                                     at(1215, 1240));
  b.field(in_appointment, "extra", t.scalar(Scalar::Json), {},
          object({{"flags", list({boolean(true), boolean(false)})},
                  {"note", null_value()},
                  {"x-key", integer(-12)},
                  {"path", string("C:\\clinic \"data\"\n\t\u00e9")}}),
          {}, at(1243, 1298));

  // ---- relations: required, optional self-reference, with an inverse ----
  b.relate(EntityId{appointment}, patient_ref, EntityId{patient}, false, false, appointments,
           OnDelete::Cascade);
  b.relate(EntityId{doctor}, supervisor, EntityId{doctor}, false, true, FieldId::none(),
           OnDelete::SetNull);
  b.relate(EntityId{appointment}, doctor_ref, EntityId{doctor}, false, false, FieldId::none(),
           OnDelete::Restrict);

  // ---- events ----
  m.events.push_back(Event{"AppointmentConfirmed", {}, {}, {}, at(1302, 1370)});
  m.events.push_back(Event{"AppointmentCancelled", {}, {}, "Raised on cancellation.", at(1372, 1440)});
  const FieldId confirmed_appointment = b.field(owner(FieldOwner::Kind::Event, 0), "appointment", appointment_type, {},
                                                {}, {}, at(1400, 1424));
  // A handler written by hand, and one that fires a trigger of the confirmed appointment.
  m.events[0].handlers = {
      Handler{"notifyPatient", {}, WorkflowId::none(), {}, "Tells the patient.", at(2510, 2560)},
      Handler{"completeVisit", "complete", WorkflowId{0}, {confirmed_appointment}, {}, at(2561, 2620)}};
  b.field(owner(FieldOwner::Kind::Event, 0), "at", datetime, {}, {}, {}, at(1426, 1438));
  b.field(owner(FieldOwner::Kind::Event, 1), "appointment", appointment_type, {}, {}, {},
          at(1402, 1426));
  b.field(owner(FieldOwner::Kind::Event, 1), "reason", string_type, {}, {}, {}, at(1428, 1438));

  // ---- roles and policies ----
  m.roles = {Role{"Admin", {}, at(1442, 1452)},
             Role{"Receptionist", "Front desk staff.", at(1453, 1470)},
             Role{"Member", {}, at(1471, 1482)}};
  const RoleId admin{0}, receptionist{1}, member{2};
  m.policies.push_back(
      Policy{{},
             {PolicyRule{.allow = true, .roles = {admin}, .location = at(1495, 1511)},
              PolicyRule{.allow = true,
                         .roles = {receptionist},
                         .actions = {"read", "create", "update"},
                         .targets = {EntityId{patient}, EntityId{appointment}, EntityId{doctor}},
                         .location = at(1514, 1590)},
              PolicyRule{.allow = true,
                         .roles = {member},
                         .actions = {"read"},
                         .targets = {EntityId{doctor}},
                         .location = at(1593, 1625)}},
             {},
             at(1484, 1627)});
  m.policies.push_back(Policy{
      "FrontDesk",
      {PolicyRule{
           .allow = false, .roles = {member}, .actions = {"delete"}, .location = at(1650, 1672)},
       PolicyRule{.allow = true,
                  .roles = {member},
                  .actions = {"read"},
                  .targets = {EntityId{appointment}},
                  .guard = "isOwnBooking",
                  .location = at(1675, 1725)},
       PolicyRule{.allow = false,
                  .actions = {"purgeCache", "confirm"},
                  .target_apis = {ApiId{0}},
                  .target_workflows = {WorkflowId{0}},
                  .location = at(1728, 1760)}},
      "Extra rules.",
      at(1629, 1762)});

  // ---- workflow ----
  Workflow booking;
  booking.name = "Booking";
  booking.entity = EntityId{appointment};
  booking.state_field = state_field;
  booking.states = EnumId{0};
  booking.initial = 0;
  booking.guards = {"slotIsFree"};
  booking.transitions = {
      Transition{{0},
                 1,
                 "confirm",
                 {},
                 {receptionist},
                 "slotIsFree",
                 {EventId{0}},
                 "Confirms a requested appointment.",
                 at(1820, 1905)},
      Transition{
          {0, 1}, 2, "cancel", {}, {receptionist, admin}, {}, {EventId{1}}, {}, at(1908, 2010)},
      Transition{{1}, 3, "complete", {}, {receptionist}, {}, {}, {}, at(2013, 2060)}};
  booking.doc = "The life of an appointment.";
  booking.location = at(1764, 2062);
  m.workflows.push_back(std::move(booking));
  const FieldId reason = b.field(FieldOwner{FieldOwner::Kind::Transition, 1, 0}, "reason", string_type, min_length(3), {},
                                 "Why it was cancelled.", at(1940, 1965));
  // `sets notes = reason` on cancel, `sets at = now` on confirm.
  m.workflows[0].transitions[1].sets.push_back(
      Assignment{notes_field, Assignment::Source::Parameter, reason, at(1970, 1990)});
  m.workflows[0].transitions[0].sets.push_back(Assignment{at_field, Assignment::Source::Now, FieldId::none(), at(1870, 1880)});

  // ---- API: desugared resources, transition routes and custom operations ----
  m.apis.push_back(Api{
      "ClinicApi",
      "/api/v1",
      {Resource{
           EntityId{patient},
           {CrudAction::List, CrudAction::Get, CrudAction::Create, CrudAction::Update, CrudAction::Delete},
           {},
           {},
           at(2100, 2155)},
       Resource{EntityId{doctor}, {CrudAction::List, CrudAction::Get}, {}, {}, at(2158, 2185)},
       Resource{EntityId{appointment}, {CrudAction::List, CrudAction::Get, CrudAction::Create},
                {ActionEmit{CrudAction::Create, EventId{0}, at(2200, 2230)}}, WorkflowId{0}, at(2188, 2250)}},
      {},
      "The clinic's public API.",
      at(2064, 2500)});
  const ApiId api{0};
  const auto crud = [&](std::string op_name, Operation::Kind kind, HttpMethod method,
                        std::string path, TypeId result, std::uint32_t entity_index,
                        Location location, bool with_id) {
    const OperationId op =
        b.operation(api, std::move(op_name), kind, method, std::move(path), result, location);
    m.operations[op.index].entity = EntityId{entity_index};
    if (with_id) {
      b.field(owner(FieldOwner::Kind::Operation, op.index), "id", uuid, {}, {}, {}, location);
    }
    return op;
  };
  const Location patients = m.apis[0].resources[0].location;
  crud("listPatients", Operation::Kind::List, HttpMethod::Get, "/patients", t.list(patient_type),
       patient, patients, false);
  crud("getPatient", Operation::Kind::Get, HttpMethod::Get, "/patients/{id}", patient_type, patient,
       patients, true);
  crud("createPatient", Operation::Kind::Create, HttpMethod::Post, "/patients", patient_type,
       patient, patients, false);
  crud("updatePatient", Operation::Kind::Update, HttpMethod::Patch, "/patients/{id}", patient_type,
       patient, patients, true);
  crud("deletePatient", Operation::Kind::Delete, HttpMethod::Delete, "/patients/{id}",
       TypeId::none(), patient, patients, true);
  const Location appointments_resource = m.apis[0].resources[2].location;
  for (std::uint32_t i = 0; i < 2; ++i) {
    const std::string trigger = m.workflows[0].transitions[i].trigger;
    const OperationId op = crud(trigger, Operation::Kind::Transition, HttpMethod::Post,
                                "/appointments/{id}/" + trigger, appointment_type, appointment,
                                appointments_resource, true);
    m.operations[op.index].workflow = WorkflowId{0};
    m.operations[op.index].transition = i;
  }
  const OperationId cancel{static_cast<std::uint32_t>(m.operations.size() - 1)};
  b.field(owner(FieldOwner::Kind::Operation, cancel.index), "reason", string_type, min_length(3),
          {}, {}, appointments_resource);

  // The relation route of the patients' inverse side: the appointments of one patient.
  const OperationId related = crud("listAppointmentsOfPatient", Operation::Kind::Related, HttpMethod::Get,
                                   "/patients/{id}/appointments", t.list(appointment_type), appointment, patients, true);
  m.operations[related.index].via = appointments;

  const OperationId search =
      b.operation(api, "searchPatients", Operation::Kind::Custom, HttpMethod::Get,
                  "/patients/search", t.list(patient_type), at(2253, 2400));
  m.operations[search.index].roles = std::vector<RoleId>{receptionist};
  m.operations[search.index].doc = std::string("Finds patients whose name or e-mail contains the query.");
  b.field(owner(FieldOwner::Kind::Operation, search.index), "query", string_type, min_length(2), {},
          {}, at(2290, 2320));
  Constraints limit;
  limit.max = "100";
  b.field(owner(FieldOwner::Kind::Operation, search.index), "limit", int_type, limit, integer(20),
          {}, at(2322, 2350));
  const OperationId purge =
      b.operation(api, "purgeCache", Operation::Kind::Custom, HttpMethod::Post, "/purge-cache",
                  TypeId::none(), at(2403, 2440));
  m.operations[purge.index].roles = std::vector<RoleId>{admin};
  m.operations[purge.index].deprecated = "Use the admin console.";

  // ---- product ----
  m.intents = {Intent{"feature",
                      "Online booking",
                      "high",
                      "Members book and cancel their own appointments.",
                      {"ClinicApi", "Booking", "ClinicApi.searchPatients"},
                      {},
                      at(2502, 2640)},
               Intent{"page",
                      "Front desk",
                      "medium",
                      {},
                      {"Appointment", "Patient"},
                      "Daily view.",
                      at(2642, 2710)},
               Intent{"integration",
                      "SMS reminders",
                      {},
                      "Remind patients a day ahead.",
                      {},
                      {},
                      at(2712, 2800)}};
  m.targets = {Target{"typescript",
                      {{"package", string("@clinic/api")},
                       {"strict", boolean(true)},
                       {"port", integer(8080)},
                       {"ratio", number("-0.5")},
                       {"style", name("camelCase")},
                       {"features", list({string("a"), list({integer(1), integer(2)})})},
                       {"nested", object({{"limit", integer(-1)}, {"mode", name("Mode.fast")}})}},
                      "The Node project.",
                      at(2802, 2900)},
               Target{"python", {{"package", string("clinic_api")}}, {}, at(2902, 2940)},
               Target{"openapi", {}, {}, at(2942, 2960)}};

  // An otherwise unused nesting, so that every kind of type appears, deeply.
  t.optional(t.list(t.map(t.list(email))));
  return std::move(b.module);
}

}  // namespace bpc::ir::testing
