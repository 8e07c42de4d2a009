#include "bpc/runtime/service.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <set>
#include <utility>

#include <httplib.h>
#include <re2/re2.h>

#include "bpc/runtime/crud.h"
#include "bpc/runtime/problem.h"
#include "bpc/runtime/scope.h"
#include "http_answers.h"

namespace bpc::runtime {

namespace {

constexpr std::size_t kMaxJsonDepth = 64;

// An unexpected failure in the log, with the request's ids.
void log_failure(const Log& log, const httplib::Request& req, const httplib::Response& res, const std::string& error) {
  log.write(LogLevel::Error, "bpc.service", req.method + " " + req.path + " failed",
            Json{{"error", error}, {"request_id", res.get_header_value("X-Request-Id")}, {"correlation_id", Operations::correlation_id(res)}});
}

// `/patients/{id}` as the regular expression httplib matches, and its placeholders in order.
std::string route_pattern(const std::string& path, std::vector<std::string>& placeholders) {
  std::string pattern;
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] == '{') {
      const std::size_t end = path.find('}', i);
      placeholders.push_back(path.substr(i + 1, end - i - 1));
      pattern += "([^/]+)";
      i = end + 1;
      continue;
    }
    const std::size_t next = std::min(path.find('{', i), path.size());
    pattern += RE2::QuoteMeta(path.substr(i, next - i));
    i = next;
  }
  return pattern;
}

bool has_body(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

// A query or route text converted by its parameter's kind; text that does not convert stays
// text, so the check names it.
Json convert(const std::string& text, ParameterKind kind) {
  static const RE2 number(R"(^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$)");
  if (kind == ParameterKind::Number && RE2::FullMatch(text, number)) {
    try {
      return Json::parse(text);
    } catch (const Json::exception&) {
      return text;
    }
  }
  if (kind == ParameterKind::Boolean && (text == "true" || text == "false")) return text == "true";
  return text;
}

// Query parameters as one object, converted by kind; a List parameter holds every value given,
// others the last. Names the operation does not declare stay text, so the check refuses them.
Json query_object(const httplib::Request& req, const std::map<std::string, ParameterKind, std::less<>>& kinds) {
  Json out = Json::object();
  for (const auto& [name, text] : req.params) {
    const auto kind = kinds.find(name);
    if (kind != kinds.end() && kind->second == ParameterKind::List) {
      if (!out.contains(name)) out[name] = Json::array();
      out[name].push_back(text);
    } else {
      out[name] = kind == kinds.end() ? Json(text) : convert(text, kind->second);
    }
  }
  return out;
}

// A JSON body, nested at most kMaxJsonDepth deep.
Json parse_body(const std::string& text) {
  try {
    return Json::parse(text, [](int depth, Json::parse_event_t, Json&) {
      if (static_cast<std::size_t>(depth) > kMaxJsonDepth) throw bad_request("(body): nested too deeply");
      return true;
    });
  } catch (const Json::parse_error&) {
    throw bad_request(FieldErrors{{"(body)", "Invalid JSON"}});
  }
}

void check(const RecordType* type, Json& value, BodyRule rule) {
  FieldErrors errors;
  if (type == nullptr) {
    if (value.is_object()) {
      for (const auto& [key, item] : value.items()) errors.push_back({key, "Unknown field"});
    }
  } else {
    check_record(*type, value, rule, "", errors);
  }
  if (!errors.empty()) throw bad_request(std::move(errors));
}

class Handler {
 public:
  Handler(const ServiceSettings& settings, Store& store, EventBus& bus, Operations& operations)
      : settings_(settings), store_(store), bus_(bus), operations_(operations) {
    for (const EntityDescriptor* entity : settings.entities) entities_[entity->name] = entity;
  }

  void serve(const Operation& op, const std::vector<std::string>& placeholders, const httplib::Request& req,
             httplib::Response& res) const {
    try {
      Json path = Json::object();
      for (std::size_t i = 0; i < placeholders.size() && i + 1 < req.matches.size(); ++i) {
        const auto kind = op.path_kinds.find(placeholders[i]);
        path[placeholders[i]] = convert(req.matches[i + 1].str(), kind == op.path_kinds.end() ? ParameterKind::String : kind->second);
      }
      std::optional<Principal> principal;
      if (op.access) {
        principal = operations_.caller(req);
        if (!principal) throw unauthorized();
        std::optional<std::string> record_id;
        if (const auto id = path.find(op.id_parameter); id != path.end()) record_id = id->is_string() ? id->get<std::string>() : id->dump();
        if (!permits(*op.access, AccessRequest{*principal, op.name, record_id}, settings_.conditions)) throw forbidden();
      }
      check(op.path_type, path, BodyRule::Whole);
      Json input = op.kind == Operation::Kind::Upload ? read_upload(op, req) : read_input(op, req);
      std::optional<Json> result;
      std::vector<Event> events;
      const Principal* who = principal ? &*principal : nullptr;
      const std::string correlation_id = Operations::correlation_id(res);
      store_.transaction([&] {
        events.clear();
        // The store as the caller sees it: other tenants' and deleted records are not there.
        ScopedStore scoped(store_, who);
        Call call{who, path, input, scoped, events};
        result = run(op, call, scoped);
        for (Event& event : events) {
          if (event.correlation_id.empty()) event.correlation_id = correlation_id;
          store_.append_outbox(event);
        }
      });
      for (const Event& event : events) bus_.deliver(event);
      if (op.kind == Operation::Kind::Download) return send_file(res, result);
      if (result) send_json(res, op.success, *result);
      else res.status = op.success == 200 ? 204 : op.success;
    } catch (const HttpProblem& problem) {
      send_problem(res, problem);
    } catch (const std::exception& error) {
      log_failure(operations_.log(), req, res, error.what());
      send_problem(res, HttpProblem(500, "Internal server error", "the service failed; see its log"));
    }
  }

 private:
  Json read_input(const Operation& op, const httplib::Request& req) const {
    Json query = query_object(req, op.input_kinds);
    if (!has_body(op.method)) {
      check(op.input, query, BodyRule::Whole);
      return query;
    }
    check(nullptr, query, BodyRule::Whole);  // a body operation takes nothing from the query
    const bool given = !req.body.empty();
    if (given) {
      const std::string type = req.get_header_value("Content-Type");
      const std::string media = type.substr(0, type.find(';'));
      if (media != "application/json" && !(media.size() > 5 && media.ends_with("+json"))) throw unsupported_media_type();
    }
    const bool record_write = op.kind == Operation::Kind::Create || op.kind == Operation::Kind::Update;
    if (!given && record_write) throw bad_request(FieldErrors{{"(body)", "Required: a JSON object"}});
    Json body = given ? parse_body(req.body) : Json::object();
    if (!body.is_object()) throw bad_request(FieldErrors{{"(body)", "Expected an object"}});
    check(op.input, body, op.kind == Operation::Kind::Update ? BodyRule::Partial : BodyRule::Whole);
    return body;
  }

  // An upload's one part, `file`, as the field's new value (base64), checked like an update.
  static Json read_upload(const Operation& op, const httplib::Request& req) {
    Json query = query_object(req, {});
    check(nullptr, query, BodyRule::Whole);
    if (!req.is_multipart_form_data()) {
      throw HttpProblem(415, "Unsupported media type", "the request body must be multipart/form-data with a part named file");
    }
    if (req.files.size() != 1 || !req.has_file("file")) {
      throw bad_request(FieldErrors{{"file", "Required: exactly one part, named file"}});
    }
    Json changes = Json::object();
    changes[op.file_field] = encode_base64(req.get_file_value("file").content);
    check(op.input, changes, BodyRule::Partial);
    return changes;
  }

  static void send_file(httplib::Response& res, const std::optional<Json>& value) {
    if (!value || !value->is_string()) {
      res.status = 204;
      return;
    }
    res.status = 200;
    res.set_content(decode_base64(value->get<std::string>()).value_or(std::string()), "application/octet-stream");
  }

  std::optional<Json> run(const Operation& op, Call& call, ScopedStore& store) const {
    switch (op.kind) {
      case Operation::Kind::List: return list(op, call);
      case Operation::Kind::Get: return present(*op.entity, get_or_not_found(store.repository(*op.entity), *op.entity, call.path.at(op.id_parameter)));
      case Operation::Kind::Create: return create(op, call);
      case Operation::Kind::Update:
      case Operation::Kind::Upload: return update(op, call);
      case Operation::Kind::Delete: remove(op, call, store); return std::nullopt;
      case Operation::Kind::Restore: return restore(op, call, store);
      case Operation::Kind::Download: {
        const Json record = get_or_not_found(store.repository(*op.entity), *op.entity, call.path.at(op.id_parameter));
        const auto value = record.find(op.file_field);
        return value == record.end() ? std::nullopt : std::optional<Json>(*value);
      }
      case Operation::Kind::Custom:
        if (!op.handler) throw not_implemented(op.name);
        return op.handler(call);
      case Operation::Kind::Transition:
        return fire(*op.trigger, *op.entity, call.store, entities_, call.path.at(op.id_parameter), call.input, call.principal, settings_.guards,
                    call.events);
      case Operation::Kind::Related: return related(op, call);
    }
    return std::nullopt;
  }

  // The records the owner holds in a list field, or those that refer to it; 404 without the owner.
  static Json related(const Operation& op, const Call& call) {
    const Json& id = call.path.at(op.id_parameter);
    const Json owner = get_or_not_found(call.store.repository(*op.owner), *op.owner, id);
    ListQuery query = page_query(call.input);
    if (!op.owned.empty()) {
      const auto held = owner.find(op.owned);
      query.where.push_back(Condition{op.entity->id_field, Operator::AnyOf, held != owner.end() && held->is_array() ? *held : Json::array()});
    }
    if (!op.referring.empty()) query.where.push_back(Condition{op.referring, op.referring_many ? Operator::Has : Operator::Equal, id});
    return page_response(*op.entity, call.store.repository(*op.entity).list(query));
  }

  static ListQuery page_query(const Json& input) {
    ListQuery query;
    if (input.contains("limit") && input["limit"].is_number_integer()) query.limit = input["limit"].get<std::int64_t>();
    if (input.contains("offset") && input["offset"].is_number_integer()) query.offset = input["offset"].get<std::int64_t>();
    if (input.contains("sort") && input["sort"].is_string()) query.order = sort_order(input["sort"].get<std::string>());
    return query;
  }

  static Json page_response(const EntityDescriptor& entity, const Page& page) {
    Json items = Json::array();
    for (const Json& record : page.items) items.push_back(present(entity, record));
    return Json{{"items", std::move(items)}, {"total", page.total}};
  }

  static Json list(const Operation& op, const Call& call) {
    const Json& input = call.input;
    ListQuery query = page_query(input);
    if (input.contains("q") && input["q"].is_string() && !op.search.empty()) query.search = Search{op.search, input["q"].get<std::string>()};
    for (const Filter& filter : op.filters) {
      const auto it = input.find(filter.parameter);
      if (it == input.end() || it->is_null()) continue;
      query.where.push_back(Condition{filter.field, filter.op, *it});
    }
    return page_response(*op.entity, call.store.repository(*op.entity).list(query));
  }

  Json create(const Operation& op, Call& call) const {
    const EntityDescriptor& entity = *op.entity;
    Repository& repository = call.store.repository(entity);
    Json record = Json::object();
    for (const std::string& field : entity.fields) record[field] = nullptr;  // every field, in order
    for (const auto& [field, value] : call.input.items()) record[field] = value;
    for (const auto& [field, generated] : entity.generated) {
      switch (generated) {
        case Generated::Uuid: record[field] = random_uuid(); break;
        case Generated::NextInteger: record[field] = repository.next_id(); break;
        case Generated::Now: record[field] = now_datetime(); break;
      }
    }
    for (const Scope& scope : entity.scope) record[scope.field] = claim_for(entity, call.principal, scope.claim);
    for (const auto& [field, value] : op.assigned) record[field] = value;
    touch(entity, record);
    check_references(call.store, entities_, entity.references, record);
    writing([&] { repository.insert(record); });
    call.events.push_back(make_event(entity.name + ".created", present(entity, record)));
    raise_declared(op, record, call);
    return present(entity, record);
  }

  Json update(const Operation& op, Call& call) const {
    const EntityDescriptor& entity = *op.entity;
    Repository& repository = call.store.repository(entity);
    Json record = get_or_not_found(repository, entity, call.path.at(op.id_parameter));
    for (const auto& [field, value] : call.input.items()) record[field] = value;
    touch(entity, record);
    check_references(call.store, entities_, entity.references, record);
    writing([&] { repository.replace(record); });
    call.events.push_back(make_event(entity.name + ".updated", present(entity, record)));
    raise_declared(op, record, call);
    return present(entity, record);
  }

  // A soft delete sets the `@deletedAt` field (the record stays, hidden, with whatever refers to
  // it); any other applies the `@onDelete` rules across every tenant's records.
  void remove(const Operation& op, Call& call, ScopedStore& store) const {
    const EntityDescriptor& entity = *op.entity;
    if (!entity.soft_delete.empty()) {
      Repository& repository = store.repository(entity);
      Json record = get_or_not_found(repository, entity, call.path.at(op.id_parameter));
      record[entity.soft_delete] = now_datetime();
      touch(entity, record);
      repository.replace(record);
      call.events.push_back(make_event(entity.name + ".deleted", present(entity, record)));
      raise_declared(op, record, call);
      return;
    }
    const std::vector<Removed> removed = delete_record(store, store.all(), entities_, entity, call.path.at(op.id_parameter));
    for (const Removed& gone : removed) call.events.push_back(make_event(gone.entity->name + ".deleted", present(*gone.entity, gone.record)));
    raise_declared(op, removed.front().record, call);
  }

  // Brings back a soft-deleted record: 404 when there is none, 409 when it is not deleted.
  Json restore(const Operation& op, Call& call, ScopedStore& store) const {
    const EntityDescriptor& entity = *op.entity;
    ScopedStore with_deleted(store.all(), call.principal, ScopedStore::View{.deleted = true});
    Repository& repository = with_deleted.repository(entity);
    Json record = get_or_not_found(repository, entity, call.path.at(op.id_parameter));
    const auto deleted_at = record.find(entity.soft_delete);
    if (deleted_at == record.end() || deleted_at->is_null()) throw conflict(entity.name + " " + call.path.at(op.id_parameter).dump() + " is not deleted");
    record[entity.soft_delete] = nullptr;
    touch(entity, record);
    repository.replace(record);
    call.events.push_back(make_event(entity.name + ".updated", present(entity, record)));
    return present(entity, record);
  }

  void raise_declared(const Operation& op, const Json& record, Call& call) const {
    for (const Emit& emit : op.emits) call.events.push_back(make_event(emit.event, event_payload(emit, *op.entity, record, call.input, call.store)));
  }

  const ServiceSettings& settings_;
  Store& store_;
  EventBus& bus_;
  Operations& operations_;
  Entities entities_;
};

// Runs a hand-written event handler, or a trigger handler, in a transaction of its own on the
// service's view of the store; delivers what it raised after the commit, with the correlation id
// of the event that set it off. A failure is logged.
class EventHandlers {
 public:
  EventHandlers(const ServiceSettings& settings, Store& store, EventBus& bus, const Log& log)
      : settings_(settings), store_(store), bus_(bus), log_(log) {
    for (const EntityDescriptor* entity : settings.entities) entities_[entity->name] = entity;
  }

  void run(const std::string& name, const Event& cause, const std::function<void(HandlerCall&)>& work) const {
    std::vector<Event> events;
    try {
      store_.transaction([&] {
        events.clear();
        ScopedStore visible(store_, nullptr, ScopedStore::View{.every_tenant = true});
        HandlerCall call{visible, events};
        work(call);
        for (Event& event : events) {
          if (event.correlation_id.empty()) event.correlation_id = cause.correlation_id;
          store_.append_outbox(event);
        }
      });
    } catch (const std::exception& error) {
      log_.write(LogLevel::Error, "bpc.events", "event handler " + name + " failed",
                 Json{{"error", error.what()}, {"event", cause.name}, {"correlation_id", cause.correlation_id}});
      return;
    }
    for (const Event& event : events) bus_.deliver(event);
  }

  void fire_for(const TriggerHandler& handler, const Event& event) const {
    run(handler.trigger->name, event, [&](HandlerCall& call) {
      const auto start = event.payload.find(handler.start);
      if (start == event.payload.end() || !start->is_object() || !start->contains(handler.start_id)) return;
      Json id = start->at(handler.start_id);
      for (const auto& [entity, field] : handler.steps) {
        const std::optional<Json> step = call.store.repository(*entity).get(id);
        if (!step || !step->contains(field) || step->at(field).is_null()) return;  // gone, or a link that is not set
        id = step->at(field);
      }
      Json arguments = Json::object();
      for (const TriggerHandler::Argument& argument : handler.arguments) {
        const auto value = event.payload.find(argument.field);
        if (value == event.payload.end()) continue;
        if (argument.id_field.empty()) arguments[argument.name] = *value;
        else if (value->is_object() && value->contains(argument.id_field)) arguments[argument.name] = value->at(argument.id_field);
      }
      try {
        fire(*handler.trigger, *handler.target, call.store, entities_, id, arguments, nullptr, settings_.guards, call.events);
      } catch (const HttpProblem& problem) {
        if (problem.status() != 404 && problem.status() != 409) throw;
        call.events.clear();  // nothing happened
      }
    });
  }

 private:
  const ServiceSettings& settings_;
  Store& store_;
  EventBus& bus_;
  const Log& log_;
  Entities entities_;
};

}  // namespace

Service::Service(ServiceSettings settings, Store& store, EventBus& bus, Operations& operations)
    : settings_(std::move(settings)), store_(store), bus_(bus), operations_(operations) {
  auto handlers = std::make_shared<const EventHandlers>(settings_, store_, bus_, operations_.log());
  for (const auto& entry : settings_.handlers) {  // not a structured binding: clang 14 cannot capture one
    const auto& handler = entry.second;
    bus_.subscribe(entry.first, [handlers, &handler](const Event& event) {
      handlers->run(event.name, event, [&](HandlerCall& call) { handler(event, call); });
    });
  }
  for (const TriggerHandler& handler : settings_.trigger_handlers) {
    bus_.subscribe(handler.event, [handlers, &handler](const Event& event) { handlers->fire_for(handler, event); });
  }
}

void Service::mount(httplib::Server& server) const {
  auto handler = std::make_shared<const Handler>(settings_, store_, bus_, operations_);
  const auto max_body = static_cast<std::size_t>(operations_.settings().max_body_bytes);
  server.set_payload_max_length(max_body);
  // Headers and body go out in separate writes: without this, Nagle's algorithm holds the body
  // back until the client's delayed ACK of the headers (40 ms on Linux).
  server.set_tcp_nodelay(true);
  // Each route's template and pattern, for the operations' metrics and log lines.
  std::vector<std::pair<std::string, std::string>> routes{{"/health", "/health"}, {"/openapi.json", "/openapi\\.json"}};
  server.Get("/health", [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, Json{{"status", "ok"}}); });
  Json index = Json::object();
  for (const auto& entry : settings_.openapi) {  // not a structured binding: clang 14 cannot capture one
    const std::string& name = entry.first;
    const std::string& document = entry.second;
    index[name] = "/openapi/" + name + ".json";
    routes.emplace_back("/openapi/" + name + ".json", "/openapi/" + RE2::QuoteMeta(name) + "\\.json");
    server.Get(routes.back().second, [&document](const httplib::Request&, httplib::Response& res) {
      res.status = 200;
      res.set_content(document, "application/json");
    });
  }
  server.Get("/openapi.json", [this, index = Json{{"documents", index}}](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    if (settings_.openapi.size() == 1) res.set_content(settings_.openapi.front().second, "application/json");
    else res.set_content(index.dump(), "application/json");
  });

  // The methods each path serves, to answer the others 405 right after its last operation.
  std::map<std::string, std::set<std::string>> methods;
  std::map<std::string, std::size_t> last_operation;
  std::set<std::string> labelled;  // the paths in `routes`
  for (std::size_t i = 0; i < settings_.operations.size(); ++i) {
    methods[settings_.operations[i].path].insert(settings_.operations[i].method);
    last_operation[settings_.operations[i].path] = i;
  }
  for (std::size_t i = 0; i < settings_.operations.size(); ++i) {
    const Operation& op = settings_.operations[i];
    std::vector<std::string> placeholders;
    const std::string pattern = route_pattern(op.path, placeholders);
    if (labelled.insert(op.path).second) routes.emplace_back(op.path, pattern);
    const auto serve = [handler, &op, placeholders](const httplib::Request& req, httplib::Response& res) {
      handler->serve(op, placeholders, req, res);
    };
    if (op.method == "GET") server.Get(pattern, serve);
    else if (op.method == "POST") server.Post(pattern, serve);
    else if (op.method == "PUT") server.Put(pattern, serve);
    else if (op.method == "PATCH") server.Patch(pattern, serve);
    else if (op.method == "DELETE") server.Delete(pattern, serve);
    if (last_operation[op.path] != i) continue;
    std::string allowed;
    for (const std::string& method : methods[op.path]) allowed += (allowed.empty() ? "" : ", ") + method;
    const auto refuse = [allowed](const httplib::Request&, httplib::Response& res) { send_problem(res, method_not_allowed(allowed)); };
    const std::set<std::string>& served = methods[op.path];
    if (!served.contains("GET")) server.Get(pattern, refuse);
    if (!served.contains("POST")) server.Post(pattern, refuse);
    if (!served.contains("PUT")) server.Put(pattern, refuse);
    if (!served.contains("PATCH")) server.Patch(pattern, refuse);
    if (!served.contains("DELETE")) server.Delete(pattern, refuse);
  }
  operations_.mount(server, routes);
  // cpp-httplib reads the body of POST, PUT, PATCH and DELETE requests only: the body of any
  // other request would be read as the next request on the connection, so that one is closed.
  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!body_is_read(req.method) && carries_body(req)) res.set_header("Connection", "close");
    return operations_.before(req, res) ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger([this](const httplib::Request& req, const httplib::Response& res) { operations_.after(req, res); });
  // A response that says `Connection: close` must close the connection: cpp-httplib 0.11 closes
  // only for a request that asks to, or when writing a response fails. So the body of such a
  // response is written by a provider that then reports a failure: the client has the whole
  // answer, and the connection closes before anything left of the request is read as another.
  server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.get_header_value("Connection") != "close" || res.body.empty() || req.method == "HEAD") return;
    auto body = std::make_shared<const std::string>(std::move(res.body));
    res.body.clear();
    const std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");
    res.headers.erase("Keep-Alive");
    res.set_content_provider(body->size(), type, [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
      sink.write(body->data() + offset, length);
      return false;
    });
  });
  // cpp-httplib answers 400 itself for a method it has no handlers for (OPTIONS, TRACE...):
  // those are 405 with the methods the path serves, or 404 off every path.
  auto allowed_at = std::make_shared<std::vector<std::pair<std::unique_ptr<RE2>, std::string>>>();
  for (const auto& [path, served] : methods) {
    std::vector<std::string> placeholders;
    std::string allowed;
    for (const std::string& method : served) allowed += (allowed.empty() ? "" : ", ") + method;
    allowed_at->emplace_back(std::make_unique<RE2>(route_pattern(path, placeholders)), allowed);
  }
  server.set_error_handler(httplib::Server::HandlerWithResponse([allowed_at, max_body](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    static const std::set<std::string> routed{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
    if (!routed.contains(req.method)) {
      // A method cpp-httplib does not parse leaves the path empty: the target has it. The body of
      // a request it does not route is not read, so the connection closes rather than read that
      // body as the next request.
      const std::string path = req.path.empty() ? req.target.substr(0, req.target.find('?')) : req.path;
      res.set_header("Connection", "close");
      for (const auto& [pattern, allowed] : *allowed_at) {
        if (RE2::FullMatch(path, *pattern)) {
          send_problem(res, method_not_allowed(allowed));
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      res.status = 404;
    }
    if (res.status == 404) send_problem(res, not_found("this route"));
    else if (res.status == 413) send_problem(res, HttpProblem(413, "Content too large", "the request body is larger than " + std::to_string(max_body) + " bytes"));
    else if (res.status == 400) {
      // cpp-httplib refused the request itself (a multipart body without a boundary...): what is
      // left of its body would be read as the next request, so the connection closes.
      res.set_header("Connection", "close");
      send_problem(res, bad_request("the request is malformed"));
    } else send_problem(res, HttpProblem(res.status, "Error", "the request failed with status " + std::to_string(res.status)));
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log_failure(operations_.log(), req, res, e.what());
    } catch (...) {
      log_failure(operations_.log(), req, res, "an exception that is not a std::exception");
    }
    send_problem(res, HttpProblem(500, "Internal server error", "the service failed; see its log"));
  });
}

}  // namespace bpc::runtime
