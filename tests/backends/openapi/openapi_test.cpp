// The `openapi` backend on a small blueprint compiled from text: routes, parameters, request
// bodies, responses, security and component schemas. The documents of every example are
// validated with an independent OpenAPI validator by openapi_build_test.py.

#include <map>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backends/backend.h"
#include "backends/openapi/openapi_backend.h"
#include "tests/backends/compiled_blueprint.h"

namespace bpc::backends {
namespace {

using nlohmann::json;
using openapi::OpenApiBackend;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Compiled = testing::CompiledBlueprint;

std::unique_ptr<Compiled> compile_text(std::string text) { return testing::compile_blueprint(std::move(text)); }

constexpr const char* kBlueprint = R"(blueprint Clinic { version "1.2.0" }

role Admin
role Receptionist
role Intern

enum Status { requested, confirmed }

/// Someone who books appointments.
entity Patient {
  id: uuid @id @generated
  name: string @maxLength(80)
  email: string @unique
}

entity Appointment {
  id: uuid @id @generated
  patient: Patient
  status: Status = requested
}

workflow Booking on Appointment.status {
  requested -> confirmed on confirm(note: string?) by Receptionist
}

policy {
  allow Admin to *
  allow Receptionist to [read, create] on Patient
  deny Intern to delete
}

/// The clinic's public API.
api ClinicApi at "/api/v1" {
  resource Patient { list, get, create, update, delete }
  resource Appointment { get } with workflow Booking
  /// Finds patients by name.
  operation searchPatients(query: string @minLength(2)) -> list<Patient>
    @http(GET, "/patients/search") by Intern
  operation reassign(id: uuid, patient: Patient) -> Appointment
    @http(POST, "/appointments/{id}/reassign") @deprecated("Use update.")
  operation purgeCache() by Admin
}
)";

std::map<std::string, json> emit_documents(const std::string& text) {
  auto c = compile_text(text);
  EXPECT_FALSE(c->diagnostics.has_errors());
  if (!c->module) return {};
  OpenApiBackend backend;
  DiagnosticEngine diagnostics;
  const Options options = *resolve_options(backend, nullptr, {}, diagnostics);
  OutputDirectory out;
  EXPECT_TRUE(run_backend(backend, *c->module, options, out, diagnostics));
  std::map<std::string, json> files;
  for (const auto& [path, file] : out) files[path] = json::parse(file.contents);
  return files;
}

json clinic() { return emit_documents(kBlueprint).at("ClinicApi.openapi.json"); }

TEST(OpenApiBackend, OneDocumentPerApiWithInfoAndServers) {
  const auto files = emit_documents(std::string(kBlueprint) + "api Admin2 at \"/admin\" { operation ping() }\n");
  std::vector<std::string> paths;
  for (const auto& [path, doc] : files) paths.push_back(path);
  EXPECT_THAT(paths, ElementsAre("Admin2.openapi.json", "ClinicApi.openapi.json"));
  const json& doc = files.at("ClinicApi.openapi.json");
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_EQ(doc["info"]["title"], "Clinic ClinicApi");
  EXPECT_EQ(doc["info"]["version"], "1.2.0");
  EXPECT_EQ(doc["info"]["description"], "The clinic's public API.");
  EXPECT_EQ(doc["servers"][0]["url"], "/api/v1");
  EXPECT_EQ(files.at("Admin2.openapi.json")["servers"][0]["url"], "/admin");
}

TEST(OpenApiBackend, NoApiNoDocument) {
  EXPECT_TRUE(emit_documents("blueprint T {}\nentity A { id: uuid @id }\n").empty());
}

TEST(OpenApiBackend, RoutesAndOperationIds) {
  const json doc = clinic();
  EXPECT_EQ(doc["paths"]["/patients"]["get"]["operationId"], "listPatients");
  EXPECT_EQ(doc["paths"]["/patients"]["post"]["operationId"], "createPatient");
  EXPECT_EQ(doc["paths"]["/patients/{id}"]["get"]["operationId"], "getPatient");
  EXPECT_EQ(doc["paths"]["/patients/{id}"]["patch"]["operationId"], "updatePatient");
  EXPECT_EQ(doc["paths"]["/patients/{id}"]["delete"]["operationId"], "deletePatient");
  EXPECT_EQ(doc["paths"]["/appointments/{id}/confirm"]["post"]["operationId"], "confirmAppointment");
  EXPECT_EQ(doc["paths"]["/patients/search"]["get"]["operationId"], "searchPatients");
  EXPECT_EQ(doc["paths"]["/purge-cache"]["post"]["operationId"], "purgeCache");
  EXPECT_EQ(doc["paths"]["/patients/search"]["get"]["description"].get<std::string>().rfind("Finds patients by name.", 0), 0u);
}

TEST(OpenApiBackend, PathAndQueryParameters) {
  const json doc = clinic();
  const json& get = doc["paths"]["/patients/{id}"]["get"];
  ASSERT_EQ(get["parameters"].size(), 1u);
  EXPECT_EQ(get["parameters"][0]["name"], "id");
  EXPECT_EQ(get["parameters"][0]["in"], "path");
  EXPECT_EQ(get["parameters"][0]["required"], true);
  EXPECT_EQ(get["parameters"][0]["schema"]["format"], "uuid");

  const json& list = doc["paths"]["/patients"]["get"]["parameters"];
  std::vector<std::string> names;
  for (const json& p : list) {
    names.push_back(p["name"]);
    EXPECT_EQ(p["in"], "query");
    EXPECT_EQ(p["required"], false);
  }
  EXPECT_THAT(names, ::testing::IsSupersetOf({"limit", "offset", "email"}));
  for (const json& p : list) {
    if (p["name"] == "limit") {
      EXPECT_EQ(p["schema"]["minimum"], 1);
      EXPECT_EQ(p["schema"]["maximum"], 100);
      EXPECT_EQ(p["schema"]["default"], 20);
    }
  }
  const json& search = doc["paths"]["/patients/search"]["get"]["parameters"][0];
  EXPECT_EQ(search["name"], "query");
  EXPECT_EQ(search["required"], true);
  EXPECT_EQ(search["schema"]["minLength"], 2);
}

// The list query: equality, several enum values (form style, one value per repetition), range
// bounds on ordered fields, the sort keys as a pattern and the text search, each described.
TEST(OpenApiBackend, ListQueryParameters) {
  const auto files = emit_documents(R"(
    blueprint Shop { version "1.0.0" }
    enum Status { draft, listed }
    entity Product {
      id: uuid @id @generated
      name: string @index @searchable
      notes: text? @searchable
      price: decimal @index
      status: Status = draft @index
      colour: string
    }
    api Shop { resource Product { list } }
  )");
  const json& list = files.at("Shop.openapi.json")["paths"]["/products"]["get"]["parameters"];
  std::map<std::string, json> by_name;
  for (const json& p : list) {
    EXPECT_EQ(p["in"], "query");
    EXPECT_TRUE(p.contains("description")) << p.dump();
    by_name[p["name"]] = p;
  }
  EXPECT_THAT(by_name, ::testing::Contains(::testing::Key("price[gte]")));
  EXPECT_THAT(by_name, ::testing::Contains(::testing::Key("price[lt]")));
  EXPECT_THAT(by_name, ::testing::Not(::testing::Contains(::testing::Key("name[gte]"))));  // text has no range
  EXPECT_THAT(by_name, ::testing::Not(::testing::Contains(::testing::Key("colour"))));     // not indexed
  EXPECT_EQ(by_name["status"]["schema"]["anyOf"][0]["type"], "array");
  EXPECT_EQ(by_name["status"]["schema"]["anyOf"][0]["items"]["$ref"], "#/components/schemas/Status");
  EXPECT_EQ(by_name["sort"]["schema"]["anyOf"][0]["pattern"], "^-?(id|name|price|status)(,-?(id|name|price|status))*$");
  EXPECT_EQ(by_name["q"]["schema"]["anyOf"][0]["maxLength"], 200);
  EXPECT_EQ(by_name["q"]["description"], "Only the records whose `name` or `notes` contains this text, ignoring case.");
}

// A relation route: a page of the related records, 404 for an unknown owner, its own summary.
TEST(OpenApiBackend, RelationRoutes) {
  const auto files = emit_documents(R"(
    blueprint Shop { version "1.0.0" }
    entity Customer { id: uuid @id @generated, orders: list<Order> @inverse(customer) }
    entity Order { id: int @id @generated, customer: Customer }
    api Shop { resource Customer { get }
      resource Order { list } }
  )");
  const json& doc = files.at("Shop.openapi.json");
  const json& route = doc["paths"]["/customers/{id}/orders"]["get"];
  EXPECT_EQ(route["operationId"], "listOrdersOfCustomer");
  EXPECT_EQ(route["summary"], "List the Order records of a Customer");
  EXPECT_EQ(route["parameters"][0]["name"], "id");
  EXPECT_EQ(route["parameters"][0]["schema"]["format"], "uuid");
  EXPECT_TRUE(route["responses"].contains("404"));
  EXPECT_EQ(route["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["items"]["items"]["$ref"],
            "#/components/schemas/Order");
  std::vector<std::string> names;
  for (const json& p : route["parameters"]) names.push_back(p["name"]);
  EXPECT_THAT(names, ElementsAre("id", "limit", "offset"));
}

TEST(OpenApiBackend, RequestBodies) {
  const json doc = clinic();
  const json& create = doc["paths"]["/patients"]["post"];
  EXPECT_FALSE(create.contains("parameters"));
  EXPECT_EQ(create["requestBody"]["required"], true);
  EXPECT_EQ(create["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/PatientCreate");
  // A create body holds what a create takes: no generated id.
  const json& creation = doc["components"]["schemas"]["PatientCreate"];
  EXPECT_FALSE(creation["properties"].contains("id"));
  EXPECT_THAT(creation["required"], ElementsAre("name", "email"));
  EXPECT_EQ(creation["additionalProperties"], false);

  const json& update = doc["paths"]["/patients/{id}"]["patch"]["requestBody"]["content"]["application/json"]["schema"];
  EXPECT_EQ(update["$ref"], "#/components/schemas/PatientUpdate");
  const json& change = doc["components"]["schemas"]["PatientUpdate"];
  EXPECT_EQ(change["type"], "object");
  EXPECT_FALSE(change.contains("required"));  // fields left out are unchanged
  EXPECT_TRUE(change["properties"].contains("name"));
  EXPECT_FALSE(change["properties"].contains("id"));

  // A custom POST: parameters not in the path form a JSON object; entity parameters are ids.
  const json& reassign = doc["paths"]["/appointments/{id}/reassign"]["post"];
  EXPECT_EQ(reassign["parameters"][0]["name"], "id");
  const json& body = reassign["requestBody"]["content"]["application/json"]["schema"];
  EXPECT_EQ(body["properties"]["patient"]["format"], "uuid");
  EXPECT_THAT(body["required"], ElementsAre("patient"));
  EXPECT_EQ(body["additionalProperties"], false);

  // A trigger's parameters are its body; an optional one is not required.
  const json& confirm = doc["paths"]["/appointments/{id}/confirm"]["post"]["requestBody"];
  EXPECT_EQ(confirm["required"], false);
  EXPECT_TRUE(confirm["content"]["application/json"]["schema"]["properties"].contains("note"));

  EXPECT_FALSE(doc["paths"]["/purge-cache"]["post"].contains("requestBody"));
}

TEST(OpenApiBackend, Responses) {
  const json doc = clinic();
  const json& list = doc["paths"]["/patients"]["get"]["responses"];
  const json& page = list["200"]["content"]["application/json"]["schema"];
  EXPECT_EQ(page["properties"]["items"]["items"]["$ref"], "#/components/schemas/Patient");
  EXPECT_THAT(page["required"], ElementsAre("items", "total"));
  EXPECT_FALSE(list.contains("404"));

  const json& create = doc["paths"]["/patients"]["post"]["responses"];
  EXPECT_EQ(create["201"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Patient");
  EXPECT_EQ(create["400"]["$ref"], "#/components/responses/BadRequest");
  EXPECT_EQ(create["409"]["$ref"], "#/components/responses/Conflict");  // email is unique

  EXPECT_EQ(create["415"]["$ref"], "#/components/responses/UnsupportedMediaType");

  // Appointment.patient restricts deleting a patient it refers to.
  const json& remove = doc["paths"]["/patients/{id}"]["delete"]["responses"];
  EXPECT_TRUE(remove.contains("204"));
  EXPECT_EQ(remove["404"]["$ref"], "#/components/responses/NotFound");
  EXPECT_EQ(remove["409"]["$ref"], "#/components/responses/Conflict");
  EXPECT_FALSE(remove.contains("415"));
  // Nothing refers to an appointment, and a GET has no body.
  EXPECT_FALSE(doc["paths"]["/appointments/{id}"]["get"]["responses"].contains("409"));
  EXPECT_FALSE(doc["paths"]["/appointments/{id}"]["get"]["responses"].contains("415"));
  // A custom operation answers 501 until it is written.
  EXPECT_EQ(doc["paths"]["/purge-cache"]["post"]["responses"]["501"]["$ref"], "#/components/responses/NotImplemented");

  const json& confirm = doc["paths"]["/appointments/{id}/confirm"]["post"]["responses"];
  EXPECT_EQ(confirm["200"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Appointment");
  EXPECT_EQ(confirm["409"]["$ref"], "#/components/responses/Conflict");

  const json& error = doc["components"]["responses"]["NotFound"]["content"]["application/problem+json"];
  EXPECT_EQ(error["schema"]["$ref"], "#/components/schemas/Problem");
  EXPECT_THAT(doc["components"]["schemas"]["Problem"]["required"], ElementsAre("title", "status"));
}

TEST(OpenApiBackend, SecurityAndRoles) {
  const json doc = clinic();
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["type"], "http");
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  const json& get = doc["paths"]["/patients/{id}"]["get"];
  EXPECT_EQ(get["security"], json::parse(R"([{"bearerAuth": []}])"));
  EXPECT_THAT(get["x-bpc-roles"], ElementsAre("Admin", "Receptionist"));
  EXPECT_EQ(get["responses"]["401"]["$ref"], "#/components/responses/Unauthorized");
  EXPECT_TRUE(doc["components"]["responses"]["Unauthorized"]["headers"].contains("WWW-Authenticate"));
  EXPECT_EQ(get["responses"]["403"]["$ref"], "#/components/responses/Forbidden");
  EXPECT_THAT(get["description"].get<std::string>(), HasSubstr("allowed to `Admin`, `Receptionist`"));

  const json& remove = doc["paths"]["/patients/{id}"]["delete"];
  EXPECT_THAT(remove["x-bpc-roles"], ElementsAre("Admin"));
  EXPECT_THAT(remove["description"].get<std::string>(), HasSubstr("denied to `Intern`"));

  EXPECT_THAT(doc["paths"]["/appointments/{id}/confirm"]["post"]["x-bpc-roles"], ElementsAre("Admin", "Receptionist"));
  EXPECT_THAT(doc["paths"]["/patients/search"]["get"]["x-bpc-roles"], ElementsAre("Admin", "Intern"));

  // Without roles there is no security at all.
  const auto open = emit_documents("blueprint T {}\nentity A { id: uuid @id }\napi X { resource A }\n");
  const json& x = open.at("X.openapi.json");
  EXPECT_FALSE(x["components"].contains("securitySchemes"));
  EXPECT_FALSE(x["paths"]["/as/{id}"]["get"].contains("security"));
  EXPECT_FALSE(x["paths"]["/as/{id}"]["get"]["responses"].contains("401"));
}

TEST(OpenApiBackend, ComponentsDescriptionsAndDeprecation) {
  const json doc = clinic();
  std::vector<std::string> names;
  for (const auto& [name, schema] : doc["components"]["schemas"].items()) names.push_back(name);
  EXPECT_THAT(names, ElementsAre("Appointment", "Patient", "PatientCreate", "PatientUpdate", "Problem", "Status"));
  const json& patient = doc["components"]["schemas"]["Patient"];
  EXPECT_FALSE(patient.contains("$schema"));
  EXPECT_EQ(patient["description"], "Someone who books appointments.");
  EXPECT_EQ(patient["properties"]["name"]["maxLength"], 80);
  EXPECT_EQ(patient["properties"]["id"]["readOnly"], true);
  EXPECT_EQ(doc["components"]["schemas"]["Appointment"]["properties"]["patient"]["format"], "uuid");
  EXPECT_THAT(doc["components"]["schemas"]["Status"]["enum"], ElementsAre("requested", "confirmed"));

  const json& reassign = doc["paths"]["/appointments/{id}/reassign"]["post"];
  EXPECT_EQ(reassign["deprecated"], true);
  EXPECT_THAT(reassign["description"].get<std::string>(), HasSubstr("Deprecated: Use update."));
  // Every operation has a summary and a tag: its entity's, or its API's.
  EXPECT_EQ(doc["tags"][2]["name"], "Patient");
  EXPECT_EQ(doc["tags"][2]["description"], "Someone who books appointments.");
  EXPECT_EQ(doc["tags"][1]["name"], "ClinicApi");
  EXPECT_EQ(doc["paths"]["/purge-cache"]["post"]["summary"], "Purge cache");
  EXPECT_THAT(doc["paths"]["/purge-cache"]["post"]["tags"], ElementsAre("ClinicApi"));
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      EXPECT_TRUE(operation.contains("summary")) << method << " " << path;
      EXPECT_EQ(operation["tags"].size(), 1U) << method << " " << path;
    }
  }
}

TEST(OpenApiBackend, TimestampsAreReadOnlyAndNeverInRequests) {
  const auto files = emit_documents(R"(blueprint T {}
entity Order { id: uuid @id @generated, note: string, createdAt: datetime @generated, updatedAt: datetime @updatedAt }
api Shop { resource Order }
)");
  const json& schemas = files.at("Shop.openapi.json")["components"]["schemas"];
  for (const char* field : {"createdAt", "updatedAt"}) {
    EXPECT_EQ(schemas["Order"]["properties"][field]["readOnly"], true) << field;
    EXPECT_FALSE(schemas["OrderCreate"]["properties"].contains(field)) << field;
    EXPECT_FALSE(schemas["OrderUpdate"]["properties"].contains(field)) << field;
  }
}

TEST(OpenApiBackend, ScopeFieldsAreSetByTheServiceAndCallersWithoutATenantAre403) {
  const auto files = emit_documents(R"(blueprint T {}
role Member
entity Org { id: uuid @id @generated }
entity Note { id: uuid @id @generated, org: Org @tenant, text: string }
policy { allow Member to * }
api Notes { resource Note }
)");
  const json& document = files.at("Notes.openapi.json");
  const json& schemas = document["components"]["schemas"];
  EXPECT_EQ(schemas["Note"]["properties"]["org"]["readOnly"], true);
  EXPECT_NE(schemas["Note"]["properties"]["org"]["description"].get<std::string>().find("caller's tenant"), std::string::npos);
  EXPECT_FALSE(schemas["NoteCreate"]["properties"].contains("org"));
  // Every operation on notes may meet a caller whose token names no tenant.
  EXPECT_TRUE(document["paths"]["/notes"]["get"]["responses"].contains("403"));
  EXPECT_TRUE(document["paths"]["/notes/{id}"]["get"]["responses"].contains("403"));
}

TEST(OpenApiBackend, SoftDeleteRestoreFilesAndActionEvents) {
  const auto files = emit_documents(R"(blueprint T {}
entity Doc { id: uuid @id @generated, scan: bytes? @maxLength(9), gone: datetime? @deletedAt }
event DocMade { doc: Doc }
api Docs { resource Doc { get, create emits DocMade, update, delete } }
)");
  const json& paths = files.at("Docs.openapi.json")["paths"];
  const json& restore = paths["/docs/{id}/restore"]["post"];
  EXPECT_EQ(restore["operationId"], "restoreDoc");
  EXPECT_TRUE(restore["responses"].contains("200"));
  EXPECT_TRUE(restore["responses"].contains("409"));
  EXPECT_FALSE(paths["/docs/{id}"]["delete"]["responses"].contains("409"));  // a soft delete keeps what refers to it
  const json& download = paths["/docs/{id}/scan"]["get"];
  EXPECT_TRUE(download["responses"]["200"]["content"].contains("application/octet-stream"));
  EXPECT_TRUE(download["responses"].contains("204"));  // the record has no bytes
  const json& upload = paths["/docs/{id}/scan"]["put"];
  const json& part = upload["requestBody"]["content"]["multipart/form-data"]["schema"];
  EXPECT_EQ(part["required"], json::array({"file"}));
  EXPECT_EQ(part["additionalProperties"], false);
  EXPECT_TRUE(upload["responses"].contains("413"));
  EXPECT_TRUE(upload["responses"].contains("415"));
  EXPECT_NE(paths["/docs"]["post"]["description"].get<std::string>().find("Raises `DocMade`"), std::string::npos);
  // Bytes lengths count decoded bytes: at most 9 bytes is at most three whole base64 groups.
  const json& scan = files.at("Docs.openapi.json")["components"]["schemas"]["Doc"]["properties"]["scan"];
  EXPECT_EQ(scan.dump().find("\"maxLength\":9"), std::string::npos) << scan.dump();
  EXPECT_NE(scan.dump().find("\"maxLength\":12"), std::string::npos) << scan.dump();
}

TEST(OpenApiBackend, EachDocumentHoldsOnlyTheComponentsItUses) {
  const auto files = emit_documents(R"(blueprint T {}
struct Unused { a: string }
struct Address { city: string }
enum Level { low, high }
entity A { id: uuid @id @generated, home: Address }
entity B { id: uuid @id @generated, level: Level }
api First { resource A { get } }
api Second { resource B { list } }
)");
  std::vector<std::string> first;
  for (const auto& [name, schema] : files.at("First.openapi.json")["components"]["schemas"].items()) first.push_back(name);
  EXPECT_THAT(first, ElementsAre("A", "Address", "Problem"));
  std::vector<std::string> second;
  for (const auto& [name, schema] : files.at("Second.openapi.json")["components"]["schemas"].items()) second.push_back(name);
  EXPECT_THAT(second, ElementsAre("B", "Level", "Problem"));
  std::vector<std::string> responses;
  for (const auto& [name, response] : files.at("Second.openapi.json")["components"]["responses"].items()) responses.push_back(name);
  EXPECT_THAT(responses, ElementsAre("BadRequest", "TooManyRequests"));
}

TEST(OpenApiBackend, ProblemSchemaAvoidsADeclaredName) {
  const auto files = emit_documents("blueprint T {}\nentity Problem { id: uuid @id }\napi X { resource Problem }\n");
  const json& doc = files.at("X.openapi.json");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Problem_"));
  EXPECT_EQ(doc["components"]["responses"]["NotFound"]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem_");
}

TEST(OpenApiBackend, OutputIsDeterministic) {
  auto a = compile_text(kBlueprint);
  auto b = compile_text(kBlueprint);
  OpenApiBackend backend;
  DiagnosticEngine diagnostics;
  const Options options = *resolve_options(backend, nullptr, {}, diagnostics);
  OutputDirectory out_a;
  OutputDirectory out_b;
  ASSERT_TRUE(run_backend(backend, *a->module, options, out_a, diagnostics));
  ASSERT_TRUE(run_backend(backend, *b->module, options, out_b, diagnostics));
  ASSERT_EQ(out_a.size(), out_b.size());
  for (const auto& [path, file] : out_a) EXPECT_EQ(out_b.find(path)->contents, file.contents);
}

}  // namespace
}  // namespace bpc::backends
