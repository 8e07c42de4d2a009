#pragma once

// The HTTP service: every operation of the blueprint's APIs as one row (`Operation`), which the
// generated `api.cpp` lists in the order its routes must be tried, and the server that serves the
// rows on cpp-httplib. For each request: authenticate the caller and check the operation's
// access rule (401, 403), convert and check the route and query parameters and the JSON body
// (400 naming each field, 415), do the store work in one transaction (404, 409), write the
// events to the outbox in it and deliver them after the commit, answer the record(s). Each path
// answers the methods it does not serve with 405 and `Allow`; an unknown route is 404, anything
// unexpected 500 (logged), all as problem details. `/health` answers `{"status": "ok"}`,
// `/openapi.json` the API's OpenAPI document (an index of them when there are several); the
// Operations (operations.h) add the probes and metrics and see every request before and after.
// Every event a request sets off carries its correlation id. The Service must outlive the server
// it is mounted on.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bpc/runtime/access.h"
#include "bpc/runtime/crud.h"
#include "bpc/runtime/events.h"
#include "bpc/runtime/operations.h"
#include "bpc/runtime/store.h"
#include "bpc/runtime/values.h"

namespace httplib {
class Server;
}

namespace bpc::runtime {

// How a query-string or route parameter converts before it is checked.
enum class ParameterKind : std::uint8_t {
  String,
  Number,
  Boolean,
  List
};

// A list route's filter: the query parameter, what it asks and of which field.
struct Filter {
  std::string parameter{};  // `status`, `price[gte]`
  Operator op = Operator::Equal;
  std::string field{};
};

// What a hand-written operation (or guard, or condition) sees of its request.
struct Call {
  const Principal* principal = nullptr;  // nullptr for an open operation
  const Json& path;                      // the route parameters, checked
  const Json& input;                     // the query parameters or the body, checked
  Store& store;                          // inside the request's transaction
  std::vector<Event>& events;            // raise events here: delivered after the commit
};

// What a member of a declared event's payload holds.
struct EventValue {
  enum class Kind : std::uint8_t {
    Record,
    Field,
    Argument,
    Null
  };
  Kind kind = Kind::Null;
  std::string field{};  // Field: the written record's field; Argument: a trigger's argument
  // Field, Argument: a reference, loaded as the record it names (null when unset).
  const EntityDescriptor* loaded = nullptr;
};

// An event an action declares (`create emits OrderPlaced`), and what each payload member holds.
struct Emit {
  std::string event{};
  std::vector<std::pair<std::string, EventValue>> members{};
};

// What a transition's `sets` writes into a field.
struct Assignment {
  enum class Source : std::uint8_t {
    Now,
    Null,
    Argument
  };
  std::string field{};
  Source source = Source::Now;
  std::string argument{};          // Argument: its name
  bool optional_argument = false;  // an optional argument left out leaves the field as it was
};

// One transition of a workflow: from any of `from` to `to`, when the guard allows.
struct TransitionRule {
  std::vector<std::string> from{};  // state values, as they travel
  std::string to{};
  std::string guard{};  // a hand-written guard, `Workflow.guard`; "" for none
  std::vector<Assignment> sets{};
  std::vector<Emit> emits{};
};

// A workflow's trigger (`confirm` of Booking): the transitions it may take, in order.
struct Trigger {
  std::string workflow{};
  std::string name{};
  std::string state_field{};
  std::vector<TransitionRule> rules{};
  std::vector<Reference> argument_references{};  // arguments that name records: 409 when none exists
};

// What a hand-written guard sees: the record before the transition and the trigger's arguments.
struct GuardRequest {
  const Trigger& trigger;
  const Json& record;
  const Json& arguments;
  const Principal* principal{};
  Store& store;
};
// true or false when it has been written; nullopt while it has not (the transition is allowed).
using Guard = std::function<std::optional<bool>(const GuardRequest&)>;

// Fires a trigger on the record with this id in `store` (inside a transaction; `entities` by name,
// for the arguments that name records): the transition from
// its state (409 from a state without one) unless its guard refuses (409), its `sets`, its events
// and the record's `updated` event into `events`. Returns the record after the transition. 404
// when there is no such record.
Json fire(const Trigger& trigger, const EntityDescriptor& entity, Store& store, const Entities& entities, const Json& id,
          const Json& arguments, const Principal* principal, const std::map<std::string, Guard, std::less<>>& guards,
          std::vector<Event>& events);

// A declared event's payload: the record, its fields, the trigger's `arguments`, references loaded
// (from `store`) as the records they name.
Json event_payload(const Emit& emit, const EntityDescriptor& entity, const Json& record, const Json& arguments, Store& store);

// What a hand-written event handler works with: the store as the service sees it (every tenant's
// records, not the deleted ones; inside a transaction) and the events it raises, delivered after
// it commits.
struct HandlerCall {
  Store& store;
  std::vector<Event>& events;
};

// `handler markPaid on PaymentCaptured triggers pay on payment.order`: the event's field holding a
// record (`start`, whose id is `start_id`), then the references to follow from record to record,
// lead to the record whose trigger fires; the trigger's arguments are the event's fields of the
// same name (a record as its id). A record that is gone, an unset link, a state without the
// trigger or a guard's refusal mean nothing happens.
struct TriggerHandler {
  std::string event{};
  const Trigger* trigger = nullptr;
  const EntityDescriptor* target = nullptr;
  std::string start{};
  std::string start_id{};
  std::vector<std::pair<const EntityDescriptor*, std::string>> steps{};  // load a record, read its reference
  struct Argument {
    std::string name{};      // the trigger's argument
    std::string field{};     // the event's field
    std::string id_field{};  // a record's id field ("": the value as it is)
  };
  std::vector<Argument> arguments{};
};

struct Operation {
  enum class Kind : std::uint8_t {
    List,
    Get,
    Create,
    Update,
    Delete,
    Custom,
    Transition,
    Related,
    Restore,
    Download,
    Upload
  };

  Kind kind = Kind::Custom;
  std::string name{};              // the operationId
  std::string method{};            // GET, POST, PUT, PATCH, DELETE
  std::string path{};              // with the API's base path: `/api/v1/patients/{id}`
  std::optional<Access> access{};  // none: open to anyone (a blueprint without roles)
  const EntityDescriptor* entity = nullptr;
  const RecordType* path_type = nullptr;  // the route's placeholders
  // The placeholder that names the addressed record (its id), for operations on one record.
  std::string id_parameter{"id"};
  std::map<std::string, ParameterKind, std::less<>> path_kinds{};
  const RecordType* input = nullptr;                                // the query (GET, DELETE) or the JSON body; none: nothing
  std::map<std::string, ParameterKind, std::less<>> input_kinds{};  // of query parameters
  // Create: values the service assigns besides the generated fields (a workflow's initial state).
  std::vector<std::pair<std::string, Json>> assigned{};
  // List: the filters, and the fields `q` searches.
  std::vector<Filter> filters{};
  std::vector<std::string> search{};
  // Create, Update, Delete: declared events raised besides the record event.
  std::vector<Emit> emits{};
  // Custom: the hand-written function; its result is the response body (nullopt: no content).
  std::function<std::optional<Json>(Call&)> handler{};
  // Transition: the trigger it fires on the record with this id.
  const Trigger* trigger = nullptr;
  // Related (`GET /customers/{id}/orders`): the entity whose record `{id}` names, and how its
  // records are found: the ids its field `owned` holds, or the records whose field `referring`
  // names it (`referring_many`: a list of ids that holds it).
  const EntityDescriptor* owner = nullptr;
  std::string owned{};
  std::string referring{};
  bool referring_many = false;
  // Download, Upload: the `bytes` field served as a file.
  std::string file_field{};
  int success = 200;
};

struct ServiceSettings {
  std::vector<Operation> operations{};              // in the order routes are tried
  std::vector<const EntityDescriptor*> entities{};  // every entity, for references and deletes
  // Each API's name and OpenAPI document: `/openapi/<name>.json` serves it, and `/openapi.json`
  // the one document, or an index of them when there are several.
  std::vector<std::pair<std::string, std::string>> openapi{};
  AccessConditions conditions{};                       // hand-written `when` conditions by name
  std::map<std::string, Guard, std::less<>> guards{};  // hand-written workflow guards, `Workflow.guard`
  // Event handlers: written by hand (by event name), and those that fire a trigger.
  std::vector<std::pair<std::string, std::function<void(const Event&, HandlerCall&)>>> handlers{};
  std::vector<TriggerHandler> trigger_handlers{};
};

class Service {
 public:
  // Subscribes the settings' event handlers to `bus`. `operations` (which knows the callers: its
  // token verifier) must outlive the Service.
  Service(ServiceSettings settings, Store& store, EventBus& bus, Operations& operations);

  // Adds every route (and the 404, 405 and 500 answers) and the operations' routes and hooks to
  // `server`, and sets its body limit (the operations' max_body_bytes) and TCP_NODELAY.
  void mount(httplib::Server& server) const;

  const ServiceSettings& settings() const { return settings_; }

 private:
  ServiceSettings settings_;
  Store& store_;
  EventBus& bus_;
  Operations& operations_;
};

}  // namespace bpc::runtime
