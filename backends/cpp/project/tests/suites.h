#pragma once

// The service under test and the test suites the generated tests run. This file is the same in
// every project; what the blueprint says comes from tests/fixtures.cpp and the tables in the
// generated *_test.cpp files, which register their tests with GoogleTest at start-up.
//
// The service is the real server (cpp-httplib) on a loopback port, with a memory, SQLite or
// PostgreSQL store,
// development callers for every role, the operations of the settings it is given (development's
// defaults otherwise), and a record of every event delivered and every log line. When entities are
// scoped to a tenant or an owner, each role has three callers: of the first tenant and identity,
// of a second, and of none.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "bpc/runtime/events.h"
#include "bpc/runtime/log.h"
#include "bpc/runtime/memory_store.h"
#include "bpc/runtime/metrics.h"
#include "bpc/runtime/operations.h"
#include "bpc/runtime/query.h"
#include "bpc/runtime/service.h"
#include "bpc/runtime/settings.h"
#include "bpc/runtime/sql_store.h"
#include "postgresql_schema.h"

namespace bpc::testing {

using runtime::Json;

class Service;

// A route and a role that may call it ("" when the blueprint has no roles).
struct Route {
  std::string path{};
  std::string role{};
};

// Which of a role's callers calls.
enum class Caller {
  Own,
  Other,
  None
};

// How to make a valid record of an entity: through its create route, or straight into the store
// (`seed`: the blueprint serves no create for it) with its generated fields filled as the service
// fills them, the initial state of its workflow and its scope fields.
struct Creator {
  std::optional<Route> route{};
  std::string id{};
  struct Seed {
    std::vector<std::pair<std::string, runtime::Generated>> generated;
    std::optional<std::pair<std::string, std::string>> state;
    std::vector<std::pair<std::string, runtime::Scope::Claim>> scope;
  };
  std::optional<Seed> seed{};
  // A valid body (references are made through Service::ref); `variants` gives each record its
  // own value of the unique fields, and `fresh` names references unique alone or in a key, which
  // get a new record each time.
  std::function<Json(Service&)> body{};
  std::map<std::string, std::vector<Json>> variants{};
  std::map<std::string, std::string> fresh{};
};

// The tenant or the identity of callers: the entity whose records they are (the tests make two),
// or two values.
struct Claim {
  std::string entity{};
  std::vector<Json> values{};
};

// What the tests know of the blueprint (tests/fixtures.cpp).
struct Fixtures {
  std::function<runtime::ServiceSettings()> settings{};
  std::function<const runtime::SqlSchema&()> schema{};
  std::vector<std::pair<std::string, std::string>> roles{};  // role -> token
  std::map<std::string, Creator> creators{};
  std::map<std::string, const runtime::EntityDescriptor*> entities{};
  std::optional<Claim> tenant{};
  std::optional<Claim> subject{};
};
const Fixtures& fixtures();

// An answer: its status, its body as JSON (null when empty or not JSON) and its headers.
struct Reply {  // NOLINT(bugprone-exception-escape): nlohmann::json frees deep trees with a vector
  int status = 0;
  Json body{};
  httplib::Headers headers{};
  std::string text{};

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// The tokens of the callers: admitted after start, once the records that are tenants exist. It
// counts how often it verifies a token.
class Callers final : public runtime::TokenVerifier {
 public:
  std::optional<runtime::Principal> verify(const std::string& token) const override {
    const std::lock_guard guard(lock_);
    ++verified_;
    const auto it = principals_.find(token);
    if (it == principals_.end()) return std::nullopt;
    return it->second;
  }
  void admit(const std::string& token, runtime::Principal principal) {
    const std::lock_guard guard(lock_);
    principals_[token] = std::move(principal);
  }
  int verified() const {
    const std::lock_guard guard(lock_);
    return verified_;
  }

 private:
  mutable std::mutex lock_;
  mutable int verified_ = 0;
  std::map<std::string, runtime::Principal> principals_;
};

// A record's id as a path segment: every byte but unreserved ASCII percent-encoded.
inline std::string path_segment(const Json& id) {
  const std::string text = id.is_string() ? id.get<std::string>() : id.dump();
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out{};
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4U];
      out += hex[byte & 0x0FU];
    }
  }
  return out;
}

// `{id}` in a route replaced by an id.
inline std::string with_id(std::string path, const Json& id) {
  const std::size_t at = path.find("{id}");
  if (at != std::string::npos) path.replace(at, 4, path_segment(id));
  return path;
}

// Whether a problem's field errors name the field (or something inside it).
inline bool names_field(const Json& body, const std::string& field) {
  if (!body.is_object() || !body.contains("errors")) return false;
  return std::any_of(body["errors"].begin(), body["errors"].end(), [&](const Json& error) {
    const std::string name = error.value("field", "");
    return name == field || name.starts_with(field + ".");
  });
}

// A list reply's page.
inline std::pair<std::vector<Json>, std::int64_t> page(const Reply& reply) {
  EXPECT_TRUE(reply.body.is_object() && reply.body.contains("items") && reply.body.contains("total")) << reply.text;
  if (!reply.body.is_object() || !reply.body.contains("items")) return {};
  return {reply.body["items"].get<std::vector<Json>>(), reply.body.value("total", std::int64_t{0})};
}

// The store a test runs on: with BPC_TEST_STORE=sqlite, a new SQLite database in a file of its
// own (removed afterwards); with BPC_TEST_STORE=postgresql, the emptied tables of the tests' schema
// in the database BPC_TEST_POSTGRESQL names (postgresql_schema.h); otherwise a memory store.
class TestStore {
 public:
  TestStore(const std::vector<const runtime::EntityDescriptor*>& entities, const runtime::SqlSchema& schema) {
    const char* kind = std::getenv("BPC_TEST_STORE");  // NOLINT(concurrency-mt-unsafe): read before the server starts
    if (kind != nullptr && std::string_view(kind) == "sqlite") {
      path_ = (std::filesystem::temp_directory_path() / ("bpc-test-" + runtime::random_uuid() + ".db")).string();
      store_ = runtime::open_store(path_, entities, schema, "");
    } else if (kind != nullptr && std::string_view(kind) == "postgresql") {
      const char* url = std::getenv("BPC_TEST_POSTGRESQL");  // NOLINT(concurrency-mt-unsafe): read before the server starts
      if (url == nullptr) throw std::runtime_error("BPC_TEST_STORE=postgresql needs BPC_TEST_POSTGRESQL, a database's URL");
      store_ = runtime::open_store(PostgresqlSchema::empty_one(url).url(), entities, schema, "");
    } else {
      store_ = std::make_unique<runtime::MemoryStore>();
    }
  }
  ~TestStore() {
    store_.reset();
    if (path_.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix, ignored);
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  runtime::Store& operator*() const { return *store_; }
  runtime::Store* operator->() const { return store_.get(); }

 private:
  std::string path_{};
  std::unique_ptr<runtime::Store> store_{};
};

class Service {
 public:
  explicit Service(runtime::Settings operating = {})
      : fixtures_(fixtures()),
        settings_(fixtures_.settings()),
        store_(settings_.entities, fixtures_.schema()),
        operating_(std::move(operating)),
        log_(operating_.log_level,
             [this](const std::string& line) {
               const std::lock_guard guard(log_lock_);
               log_lines_.push_back(line);
             }),
        metered_(*store_, metrics_),
        operations_(operating_, metered_, callers_, log_, metrics_) {
    bus_.subscribe_all([this](const runtime::Event& event) {
      const std::lock_guard guard(events_lock_);
      published_.push_back(event);
    });
    service_ = std::make_unique<runtime::Service>(settings_, metered_, bus_, operations_);
    service_->mount(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    EXPECT_GT(port_, 0) << "no loopback port to listen on";
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(std::chrono::seconds(30));
    client_->set_tcp_nodelay(true);
    admit_callers();
  }

  ~Service() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Calls the service: `body` as JSON (none when null and `send_body` is false).
  Reply call(const std::string& method, const std::string& path, const std::string& role = "", const Json& body = nullptr,
             const std::vector<std::pair<std::string, std::string>>& query = {}, Caller caller = Caller::Own,
             const httplib::Headers& headers = {}) {
    std::string content;
    std::string type;
    if (!body.is_null()) {
      content = body.dump();
      type = "application/json";
    } else if (method == "POST" || method == "PUT" || method == "PATCH") {
      content = "{}";
      type = "application/json";
    }
    return send(method, path, role, content, type, query, caller, headers);
  }

  // Any method, body and content type.
  Reply send(const std::string& method, const std::string& path, const std::string& role, const std::string& content,
             const std::string& type, const std::vector<std::pair<std::string, std::string>>& query = {}, Caller caller = Caller::Own,
             const httplib::Headers& headers = {}) {
    httplib::Request request;
    request.headers = headers;
    request.method = method;
    request.path = path;
    char separator = '?';
    for (const auto& [name, value] : query) {
      request.path += separator + path_segment(name) + "=" + path_segment(value);
      separator = '&';
    }
    if (!role.empty()) request.set_header("Authorization", "Bearer " + token(role, caller));
    request.body = content;
    if (!type.empty()) request.set_header("Content-Type", type);
    return reply(client_->send(request));
  }

  // A multipart/form-data upload with one part.
  Reply upload(const std::string& path, const std::string& role, const std::string& part, const std::string& bytes) {
    httplib::MultipartFormDataItems items{{part, bytes, "upload.bin", "application/octet-stream"}};
    httplib::Headers headers;
    if (!role.empty()) headers.emplace("Authorization", "Bearer " + token(role, Caller::Own));
    return reply(client_->Put(path, headers, items));
  }

  // A valid create body for the entity; each call gives another record's values for the unique
  // fields, and a new referenced record for each unique reference. The records it refers to are
  // the caller's (of its tenant, when they are scoped).
  Json body(const std::string& entity, Caller caller = Caller::Own) {
    const Creator& maker = creator(entity);
    const std::size_t n = counts_[entity]++;
    const Caller outer = referring_;
    referring_ = caller;
    Json out = maker.body(*this);
    referring_ = outer;
    for (const auto& [field, values] : maker.variants) out[field] = values[n % values.size()];
    for (const auto& [field, target] : maker.fresh) {
      out[field] = create(target, std::nullopt, caller).at(creator(target).id);
    }
    return out;
  }

  // Creates a valid record (through the create route, or straight into the store) and returns it.
  Json create(const std::string& entity, std::optional<Json> given = std::nullopt, Caller caller = Caller::Own) {
    const Creator& maker = creator(entity);
    Json values = given ? std::move(*given) : body(entity, caller);
    if (!maker.route) return seed(entity, maker, std::move(values), caller == Caller::Other ? 1 : 0);
    const Reply reply = call("POST", maker.route->path, maker.route->role, values, {}, caller);
    EXPECT_EQ(reply.status, 201) << entity << ": " << reply.text;
    return reply.body;
  }

  // The id of a record of the entity, made the first time it is asked for: the own caller's, or
  // while a body is made, its caller's.
  Json ref(const std::string& entity) {
    const std::pair<Caller, std::string> key{referring_, entity};
    const auto it = refs_.find(key);
    if (it != refs_.end()) return it->second;
    Json id = create(entity, std::nullopt, referring_).value(creator(entity).id, Json());
    refs_[key] = id;
    return id;
  }

  // A record as the store holds it now (null when there is none).
  Json stored(const std::string& entity, const Json& id) {
    Json out;
    store_->transaction([&] { out = store_->repository(*descriptor(entity)).get(id).value_or(Json()); });
    return out;
  }

  std::vector<runtime::Event> published() {
    const std::lock_guard guard(events_lock_);
    return published_;
  }
  std::vector<std::string> published_names() {
    std::vector<std::string> names;
    for (const runtime::Event& event : published()) names.push_back(event.name);
    return names;
  }
  // The event of that name delivered last, if one was.
  std::optional<runtime::Event> last_published(const std::string& name) {
    std::optional<runtime::Event> last{};
    for (const runtime::Event& event : published()) {
      if (event.name == name) last = event;
    }
    return last;
  }
  bool published_any(const std::string& name) {
    const std::vector<std::string> names = published_names();
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  // What a caller's tenant or identity holds, for the first (0) or second (1).
  Json claim(runtime::Scope::Claim which, int index) const {
    const auto& values = which == runtime::Scope::Claim::Tenant ? tenant_values_ : subject_values_;
    EXPECT_EQ(values.size(), 2U) << "the blueprint scopes no entity to this claim";
    return values.size() == 2 ? values[static_cast<std::size_t>(index)] : Json();
  }

  // Every log line so far, parsed.
  std::vector<Json> log_lines() {
    const std::lock_guard guard(log_lock_);
    std::vector<Json> out;
    for (const std::string& line : log_lines_) out.push_back(Json::parse(line, nullptr, false));
    return out;
  }

  // The events the store's outbox holds.
  std::vector<runtime::Event> outbox() { return store_->outbox(); }

  // Makes `token` a caller's token.
  void admit(const std::string& token, runtime::Principal principal) { callers_.admit(token, std::move(principal)); }
  // How many tokens have been verified so far.
  int verified() const { return callers_.verified(); }

  // The token of a role's caller.
  std::string bearer(const std::string& role, Caller caller = Caller::Own) const { return token(role, caller); }

  // The port the server listens on (127.0.0.1), for requests the helpers above do not make.
  int port() const { return port_; }

  const std::string& id_field(const std::string& entity) { return creator(entity).id; }
  const Route& create_route(const std::string& entity) { return *creator(entity).route; }

 private:
  const Creator& creator(const std::string& entity) const {
    const auto it = fixtures_.creators.find(entity);
    if (it == fixtures_.creators.end()) throw std::logic_error("no way to create " + entity);
    return it->second;
  }

  const runtime::EntityDescriptor* descriptor(const std::string& entity) const {
    const auto it = fixtures_.entities.find(entity);
    if (it == fixtures_.entities.end()) throw std::logic_error("no entity " + entity);
    return it->second;
  }

  std::string token(const std::string& role, Caller caller) const {
    for (const auto& [name, token] : fixtures_.roles) {
      if (name == role) return token + (caller == Caller::Own ? "" : (caller == Caller::Other ? "@other" : "@none"));
    }
    return "unknown";
  }

  // The callers of every role, of the two tenants (and identities) and of none. The records that
  // are tenants are made first, by callers of no tenant; then the records that are identities, the
  // first by a caller of the first tenant and the second by one of the second, since an identity
  // may belong to a tenant (the users of a workspace).
  void admit_callers() {
    const auto values = [&](const std::optional<Claim>& claim) {
      std::vector<Json> out;
      if (!claim) return out;
      if (!claim->entity.empty()) {
        for (const Caller caller : {Caller::Own, Caller::Other}) {
          out.push_back(create(claim->entity, std::nullopt, caller).value(creator(claim->entity).id, Json()));
        }
        return out;
      }
      return claim->values;
    };
    admit_scoped_callers();
    tenant_values_ = values(fixtures_.tenant);
    admit_scoped_callers();
    subject_values_ = values(fixtures_.subject);
    admit_scoped_callers();
  }

  // Each role's callers with the tenants and identities known so far (before they are, a caller's
  // identity is its token and it has no tenant).
  void admit_scoped_callers() {
    const auto text = [](const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); };
    for (const auto& [role, token] : fixtures_.roles) {
      for (const auto& [suffix, index] : {std::pair<std::string, std::size_t>{"", 0}, {"@other", 1}}) {
        runtime::Principal principal{token, {role}, std::nullopt};
        if (subject_values_.size() == 2) principal.subject = text(subject_values_[index]);
        if (tenant_values_.size() == 2) principal.tenant = text(tenant_values_[index]);
        callers_.admit(token + suffix, principal);
      }
      callers_.admit(token + "@none", runtime::Principal{"", {role}, std::nullopt});
    }
  }

  Json seed(const std::string& entity, const Creator& maker, Json record, int tenant) {
    const runtime::EntityDescriptor& descriptor = *this->descriptor(entity);
    store_->transaction([&] {
      runtime::Repository& repository = store_->repository(descriptor);
      Json full = Json::object();
      for (const std::string& field : descriptor.fields) full[field] = record.contains(field) ? record[field] : Json();
      if (maker.seed) {
        for (const auto& [field, kind] : maker.seed->generated) {
          if (kind == runtime::Generated::Uuid) full[field] = runtime::random_uuid();
          else if (kind == runtime::Generated::NextInteger) full[field] = repository.next_id();
          else full[field] = runtime::now_datetime();
        }
        if (maker.seed->state) full[maker.seed->state->first] = maker.seed->state->second;
        for (const auto& [field, claim] : maker.seed->scope) full[field] = this->claim(claim, tenant);
      }
      repository.insert(full);
      record = full;
    });
    return record;
  }

  static Reply reply(const httplib::Result& result) {
    Reply out;
    if (!result) {
      ADD_FAILURE() << "no answer: " << httplib::to_string(result.error());
      return out;
    }
    out.status = result->status;
    out.headers = result->headers;
    out.text = result->body;
    out.body = Json::parse(result->body, nullptr, false);
    if (out.body.is_discarded()) out.body = nullptr;
    return out;
  }

  const Fixtures& fixtures_;
  const runtime::ServiceSettings settings_;
  TestStore store_;
  Callers callers_;
  runtime::Settings operating_;
  std::mutex log_lock_;
  std::vector<std::string> log_lines_;
  runtime::Log log_;
  runtime::Metrics metrics_;
  runtime::MeteredStore metered_;
  runtime::Operations operations_;
  runtime::EventBus bus_;
  std::unique_ptr<runtime::Service> service_;
  httplib::Server server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
  std::mutex events_lock_;
  std::vector<runtime::Event> published_;
  std::map<std::string, std::size_t> counts_;
  // The records `ref` gave, by caller, and whose records it gives now.
  std::map<std::pair<Caller, std::string>, Json> refs_;
  Caller referring_ = Caller::Own;
  std::vector<Json> tenant_values_;
  std::vector<Json> subject_values_;
};

// Registers a test with GoogleTest: `suite` and `title` become identifiers (every other character
// `_`, a number added when two would clash).
inline void add_test(const std::string& suite, const std::string& title, std::function<void()> body) {
  static std::set<std::string> taken{};
  const auto identifier = [](const std::string& text) {
    std::string out;
    for (const char c : text) out += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
    return out.empty() ? std::string("unnamed") : out;
  };
  const std::string suite_name = identifier(suite);
  std::string name = identifier(title);
  const auto key = [&] {
    std::string out = suite_name;
    out += '.';
    out += name;
    return out;
  };
  for (int n = 2; !taken.insert(key()).second; ++n) {
    name = identifier(title);
    name += "_" + std::to_string(n);
  }
  struct Test final : ::testing::Test {
    explicit Test(std::function<void()> run) : run_(std::move(run)) {}
    void TestBody() override { run_(); }
    std::function<void()> run_;
  };
  ::testing::RegisterTest(suite_name.c_str(), name.c_str(), nullptr, title.c_str(), __FILE__, __LINE__,
                          [body = std::move(body)]() -> ::testing::Test* { return new Test(body); });
}

// A value that breaks a constraint: the field, the constraint, and the value (none: left out).
struct ConstraintCase {
  std::string field{};
  std::string constraint{};
  std::optional<Json> value{};
};

// A valid record is created; each case is refused with 400 naming its field.
inline void constraint_suite(const std::string& entity, const Route& create, const std::vector<ConstraintCase>& cases) {
  const std::string suite = "Constraints_" + entity;
  add_test(suite, "a valid record is created (201)", [=] {
    Service service;
    const Reply reply = service.call("POST", create.path, create.role, service.body(entity));
    EXPECT_EQ(reply.status, 201) << reply.text;
  });
  for (const ConstraintCase& c : cases) {
    add_test(suite, c.field + " " + c.constraint, [=] {
      Service service;
      Json body = service.body(entity);
      if (c.value) body[c.field] = *c.value;
      else body.erase(c.field);
      const Reply reply = service.call("POST", create.path, create.role, body);
      EXPECT_EQ(reply.status, 400) << reply.text;
      EXPECT_TRUE(names_field(reply.body, c.field)) << reply.text;
    });
  }
}

struct ListSpec {
  Route route{};
  std::optional<std::string> filter{};
  std::optional<std::string> unfiltered{};
  std::optional<std::pair<std::string, runtime::OrderKind>> sort{};
  std::optional<std::pair<std::string, runtime::OrderKind>> range{};
  std::optional<std::pair<std::string, std::vector<std::string>>> any_of{};
  std::vector<std::string> search{};
};

struct UpdateSpec {
  Route route{};
  std::string field{};
  std::function<Json(Service&)> value{};
};

// A declared event (`create emits OrderPlaced`) and the payload field carrying the record, if any.
struct DeclaredEvent {
  std::string event{};
  std::optional<std::string> record{};
};

struct CrudSpec {
  std::string id{};
  bool integer_id = false;
  Json missing_id{};  // a well-formed id that no record has
  std::optional<Route> create{};
  std::optional<Route> get{};
  // A record through the typed model and back (none: the entity has secret fields).
  std::function<Json(const Json&)> typed{};
  std::optional<ListSpec> list{};
  std::optional<UpdateSpec> update{};
  std::optional<std::string> touched{};
  std::vector<std::string> unique{};
  std::vector<std::string> secret{};  // fields a create sets that no answer carries
  std::vector<std::vector<std::string>> unique_together{};
  std::optional<Route> remove{};
  std::vector<std::string> optional{};
  std::optional<std::pair<std::string, std::string>> cascade{};         // entity, field
  std::optional<std::pair<std::string, Json>> dangling{};               // field, id
  std::optional<std::pair<std::string, std::string>> reference_list{};  // field, target entity
  std::optional<DeclaredEvent> on_create{};
  std::optional<DeclaredEvent> on_update{};
  std::optional<DeclaredEvent> on_remove{};
  // Fields that handlers write right after a create answers (a trigger handler on the new
  // record): a read matches the create's answer in every other field.
  std::vector<std::string> settled{};
};

// The declared event was delivered last of its name, carrying the record with this id.
inline void expect_declared(Service& service, const std::optional<DeclaredEvent>& declared, const std::string& id_field, const Json& id) {
  if (!declared) return;
  const std::optional<runtime::Event> last = service.last_published(declared->event);
  ASSERT_TRUE(last.has_value()) << "no " << declared->event << " event was delivered";
  if (!declared->record) return;
  const Json& record = last->payload.value(*declared->record, Json());
  EXPECT_EQ(record.is_object() ? record.value(id_field, Json()) : Json(), id) << last->payload.dump();
}

// Lists every record of a query (one page of 100).
inline std::vector<Json> list_all(Service& service, const Route& route, std::vector<std::pair<std::string, std::string>> query) {
  query.emplace_back("limit", "100");
  const Reply reply = service.call("GET", route.path, route.role, nullptr, query);
  EXPECT_EQ(reply.status, 200) << reply.text;
  auto [items, total] = page(reply);
  EXPECT_LE(total, 100) << "more records than one page holds";
  return items;
}

inline std::vector<Json> ids_of(const std::vector<Json>& items, const std::string& id_field) {
  std::vector<Json> out{};
  out.reserve(items.size());
  for (const Json& item : items) out.push_back(item.value(id_field, Json()));
  std::sort(out.begin(), out.end(), [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
  return out;
}

inline std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// Record round trips: 415, 405, 409 for a reference to no record, create and its events, get and
// 404, list pages, its filters, sorts and search, update and its events, 409 on each unique field
// and key, delete, its events and 404.
inline void crud_suite(const std::string& entity, const CrudSpec& spec) {
  const std::string suite = entity + "_records";
  if (const auto& create = spec.create) {
    add_test(suite, "create refuses a body that is not JSON (415)", [=] {
      Service service;
      const Reply reply = service.send("POST", create->path, create->role, service.body(entity).dump(), "text/plain");
      EXPECT_EQ(reply.status, 415) << reply.text;
    });
    add_test(suite, "a method the collection does not serve is 405, naming those it does", [=] {
      Service service;
      const Reply reply = service.call("PUT", create->path, create->role, Json::object());
      EXPECT_EQ(reply.status, 405) << reply.text;
      EXPECT_NE(reply.header("Allow").find("POST"), std::string::npos) << reply.header("Allow");
    });
    add_test(suite, "create raises the created event", [=] {
      Service service;
      const Json created = service.create(entity);
      EXPECT_TRUE(service.published_any(entity + ".created"));
      expect_declared(service, spec.on_create, spec.id, created.value(spec.id, Json()));
    });
    if (!spec.secret.empty()) {
      std::string fields;
      for (const std::string& field : spec.secret) fields += (fields.empty() ? "" : ", ") + field;
      add_test(suite, fields + " never leave the service: not in answers, not in the created event", [=] {
        Service service;
        const auto expect_kept = [&](const Json& record, std::string_view where) {
          for (const std::string& field : spec.secret) {
            EXPECT_FALSE(record.is_object() && record.contains(field)) << field << " in " << where << ": " << record.dump();
          }
        };
        const Json created = service.create(entity);
        expect_kept(created, "the create's answer");
        const std::optional<runtime::Event> event = service.last_published(entity + ".created");
        ASSERT_TRUE(event.has_value()) << "no " << entity << ".created event was delivered";
        expect_kept(event->payload, "the created event");
        if (spec.get) {
          const Reply reply = service.call("GET", with_id(spec.get->path, created.value(spec.id, Json())), spec.get->role);
          expect_kept(reply.body, "the get's answer");
        }
        if (spec.list) {
          for (const Json& item : list_all(service, spec.list->route, {})) expect_kept(item, "the list");
        }
      });
    }
    if (!spec.optional.empty()) {
      add_test(suite, "a record with only the required fields is created", [=] {
        Service service;
        Json body = service.body(entity);
        for (const std::string& field : spec.optional) body.erase(field);
        const Reply reply = service.call("POST", create->path, create->role, body);
        EXPECT_EQ(reply.status, 201) << reply.text;
      });
    }
    if (const auto& dangling = spec.dangling) {
      add_test(suite, dangling->first + " that names no record is refused (409)", [=] {
        Service service;
        Json body = service.body(entity);
        body[dangling->first] = dangling->second;
        const Reply reply = service.call("POST", create->path, create->role, body);
        EXPECT_EQ(reply.status, 409) << reply.text;
        EXPECT_TRUE(names_field(reply.body, dangling->first)) << reply.text;
      });
    }
    for (const std::string& field : spec.unique) {
      add_test(suite, "a second record with the same " + field + " is refused (409)", [=] {
        Service service;
        // The value sent, not the answer's: a @secret is never in an answer.
        Json first = service.body(entity);
        service.create(entity, first);
        Json body = service.body(entity);
        body[field] = first.value(field, Json());
        const Reply reply = service.call("POST", create->path, create->role, body);
        EXPECT_EQ(reply.status, 409) << reply.text;
      });
    }
    for (const std::vector<std::string>& fields : spec.unique_together) {
      std::string title;
      for (const std::string& field : fields) title += (title.empty() ? "" : " and ") + field;
      add_test(suite, "a second record with the same " + title + " is refused (409)", [=] {
        Service service;
        Json first = service.body(entity);  // the values sent: a @secret is never in an answer
        service.create(entity, first);
        Json body = service.body(entity);
        for (const std::string& field : fields) body[field] = first.value(field, Json());
        const Reply reply = service.call("POST", create->path, create->role, body);
        EXPECT_EQ(reply.status, 409) << reply.text;
        for (const std::string& field : fields) EXPECT_TRUE(names_field(reply.body, field)) << reply.text;
      });
    }
  }
  if (spec.cascade && spec.remove) {
    add_test(suite, "delete removes the " + spec.cascade->first + " records that cascade from it", [=] {
      Service service;
      const Json parent = service.create(entity);
      Json body = service.body(spec.cascade->first);
      body[spec.cascade->second] = parent.value(spec.id, Json());
      service.create(spec.cascade->first, body);
      const Reply reply = service.call("DELETE", with_id(spec.remove->path, parent.value(spec.id, Json())), spec.remove->role);
      EXPECT_EQ(reply.status, 204) << reply.text;
      EXPECT_TRUE(service.published_any(spec.cascade->first + ".deleted"));
    });
  }
  if (const auto& get = spec.get) {
    add_test(suite, "get returns the created record, and 404 for an unknown id", [=] {
      Service service;
      const Json created = service.create(entity);
      const Reply reply = service.call("GET", with_id(get->path, created.value(spec.id, Json())), get->role);
      EXPECT_EQ(reply.status, 200) << reply.text;
      Json read = reply.body;
      Json expected = created;
      for (const std::string& field : spec.settled) {
        read.erase(field);
        expected.erase(field);
      }
      EXPECT_EQ(read, expected);
      if (spec.typed) {
        EXPECT_EQ(spec.typed(created), created) << "through the typed model";
      }
      const Reply missing = service.call("GET", with_id(get->path, spec.missing_id), get->role);
      EXPECT_EQ(missing.status, 404) << missing.text;
      EXPECT_EQ(missing.body.value("status", 0), 404);
    });
    if (const auto& listed = spec.reference_list) {
      add_test(suite, listed->first + " keeps the ids it is given, in order", [=] {
        Service service;
        const std::string& target = service.id_field(listed->second);
        const Json first = service.create(listed->second);
        const Json second = service.create(listed->second);
        Json body = service.body(entity);
        body[listed->first] = Json::array({second.value(target, Json()), first.value(target, Json())});
        const Json created = service.create(entity, body);
        const Reply reply = service.call("GET", with_id(get->path, created.value(spec.id, Json())), get->role);
        EXPECT_EQ(reply.status, 200) << reply.text;
        EXPECT_EQ(reply.body.value(listed->first, Json()), body[listed->first]);
      });
    }
  }
  if (const auto& list = spec.list) {
    const Route& route = list->route;
    add_test(suite, "list pages through the records", [=] {
      Service service;
      for (int i = 0; i < 3; ++i) service.create(entity);
      const Reply first = service.call("GET", route.path, route.role, nullptr, {{"limit", "2"}, {"offset", "0"}});
      EXPECT_EQ(first.status, 200) << first.text;
      const auto [items, total] = page(first);
      EXPECT_EQ(items.size(), 2U);
      EXPECT_GE(total, 3);
      const Reply rest = service.call("GET", route.path, route.role, nullptr, {{"limit", "100"}, {"offset", "2"}});
      EXPECT_EQ(static_cast<std::int64_t>(page(rest).first.size()), total - 2);
      const Reply bad = service.call("GET", route.path, route.role, nullptr, {{"limit", "0"}});
      EXPECT_EQ(bad.status, 400) << bad.text;
      EXPECT_TRUE(names_field(bad.body, "limit")) << bad.text;
    });
    add_test(suite, "list refuses query parameters it does not declare (400)", [=] {
      Service service;
      std::vector<std::string> names{"notAParameter"};
      if (list->unfiltered) names.push_back(*list->unfiltered);
      for (const std::string& name : names) {
        const Reply reply = service.call("GET", route.path, route.role, nullptr, {{name, "1"}});
        EXPECT_EQ(reply.status, 400) << name << ": " << reply.text;
      }
    });
    if (const auto& sort = list->sort) {
      add_test(suite, "list sorts by " + sort->first + " both ways, records without one last, ties in id order", [=] {
        Service service;
        for (int i = 0; i < 3; ++i) service.create(entity);
        const runtime::OrderKind id_kind = runtime::OrderKind::of(spec.integer_id ? runtime::OrderKind::Kind::Number : runtime::OrderKind::Kind::Text);
        for (const bool descending : {false, true}) {
          const std::vector<Json> items = list_all(service, route, {{"sort", (descending ? "-" : "") + sort->first}});
          for (std::size_t i = 1; i < items.size(); ++i) {
            const Json& a = items[i - 1].value(sort->first, Json());
            const Json& b = items[i].value(sort->first, Json());
            int order = runtime::compare_values(sort->second, a, b);
            if (descending && !a.is_null() && !b.is_null()) order = -order;
            const bool ordered = order < 0 || (order == 0 && runtime::compare_values(id_kind, items[i - 1].value(spec.id, Json()),
                                                                                     items[i].value(spec.id, Json())) < 0);
            EXPECT_TRUE(ordered) << items[i - 1].dump() << " before " << items[i].dump();
          }
        }
        const Reply unknown = service.call("GET", route.path, route.role, nullptr, {{"sort", sort->first + ",notAKey"}});
        EXPECT_EQ(unknown.status, 400) << unknown.text;
        EXPECT_TRUE(names_field(unknown.body, "sort")) << unknown.text;
      });
    }
    if (const auto& range = list->range) {
      add_test(suite, "list filters " + range->first + " by a range", [=] {
        Service service;
        std::vector<Json> records;
        records.reserve(3);
        for (int i = 0; i < 3; ++i) records.push_back(service.create(entity));
        const Json pivot = records[1].value(range->first, Json());
        ASSERT_TRUE(pivot.is_string() || pivot.is_number()) << pivot.dump();
        const std::vector<Json> everything = list_all(service, route, {});
        const std::vector<std::pair<std::string, std::function<bool(int)>>> bounds{
            {"gte", [](int c) { return c >= 0; }},
            {"gt", [](int c) { return c > 0; }},
            {"lte", [](int c) { return c <= 0; }},
            {"lt", [](int c) { return c < 0; }},
        };
        for (const auto& [bound, holds] : bounds) {
          const std::vector<Json> items = list_all(service, route, {{range->first + "[" + bound + "]", text_of(pivot)}});
          std::vector<Json> wanted;
          for (const Json& item : everything) {
            const Json& value = item.value(range->first, Json());
            if (!value.is_null() && holds(runtime::compare_values(range->second, value, pivot))) wanted.push_back(item);
          }
          EXPECT_EQ(ids_of(items, spec.id), ids_of(wanted, spec.id)) << bound;
        }
        const Reply bad = service.call("GET", route.path, route.role, nullptr, {{range->first + "[gte]", "not a bound"}});
        EXPECT_EQ(bad.status, 400) << bad.text;
      });
    }
    if (const auto& any_of = list->any_of) {
      add_test(suite, "list filters " + any_of->first + " by several values", [=] {
        Service service;
        service.create(entity);
        const std::vector<Json> everything = list_all(service, route, {});
        const std::vector<std::string>& values = any_of->second;
        for (const std::size_t n : {std::size_t{1}, std::min<std::size_t>(2, values.size()), values.size()}) {
          std::vector<std::pair<std::string, std::string>> query;
          for (std::size_t i = 0; i < n; ++i) query.emplace_back(any_of->first, values[i]);
          const std::vector<Json> items = list_all(service, route, query);
          std::vector<Json> wanted;
          for (const Json& item : everything) {
            const Json& value = item.value(any_of->first, Json());
            if (value.is_string() && std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n), value.get<std::string>()) !=
                                         values.begin() + static_cast<std::ptrdiff_t>(n)) {
              wanted.push_back(item);
            }
          }
          EXPECT_EQ(ids_of(items, spec.id), ids_of(wanted, spec.id)) << n << " values";
        }
        const Reply bad = service.call("GET", route.path, route.role, nullptr, {{any_of->first, "notAValue"}});
        EXPECT_EQ(bad.status, 400) << bad.text;
      });
    }
    if (!list->search.empty()) {
      add_test(suite, "list searches ignoring case", [=] {
        Service service;
        const Json created = service.create(entity);
        std::string text;
        for (const std::string& field : list->search) {
          const Json& value = created.value(field, Json());
          if (value.is_string() && !value.get<std::string>().empty() && text.empty()) text = value.get<std::string>();
        }
        if (text.empty()) return;
        std::string q = text.substr(text.size() / 3, 3);
        for (char& c : q) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const std::vector<Json> items = list_all(service, route, {{"q", q}});
        EXPECT_TRUE(std::any_of(items.begin(), items.end(), [&](const Json& item) { return item.value(spec.id, Json()) == created.value(spec.id, Json()); }))
            << q << " should find " << created.dump();
        for (const Json& item : items) {
          EXPECT_TRUE(std::any_of(list->search.begin(), list->search.end(),
                                  [&](const std::string& field) { return runtime::contains_text(item.value(field, Json()), q); }))
              << item.dump();
        }
        const std::vector<Json> none = list_all(service, route, {{"q", q + "\xF4\x8F\xBF\xBF"}});
        EXPECT_TRUE(none.empty());
      });
    }
    if (const auto& filter = list->filter) {
      add_test(suite, "list filters on " + *filter, [=] {
        Service service;
        const Json created = service.create(entity);
        for (int i = 0; i < 2; ++i) service.create(entity);
        const Json value = created.value(*filter, Json());
        if (!value.is_string() && !value.is_number() && !value.is_boolean()) return;
        const Reply reply = service.call("GET", route.path, route.role, nullptr, {{*filter, text_of(value)}});
        EXPECT_EQ(reply.status, 200) << reply.text;
        const auto [items, total] = page(reply);
        EXPECT_GE(total, 1);
        for (const Json& item : items) EXPECT_EQ(item.value(*filter, Json()), value);
      });
    }
  }
  if (const auto& update = spec.update) {
    add_test(suite, "update changes " + update->field + " and raises the updated event", [=] {
      Service service;
      const Json created = service.create(entity);
      const Json value = update->value(service);
      const Reply reply = service.call("PATCH", with_id(update->route.path, created.value(spec.id, Json())), update->route.role,
                                       Json{{update->field, value}});
      EXPECT_EQ(reply.status, 200) << reply.text;
      EXPECT_EQ(reply.body.value(update->field, Json()), value);
      EXPECT_TRUE(service.published_any(entity + ".updated"));
      expect_declared(service, spec.on_update, spec.id, created.value(spec.id, Json()));
    });
    if (const auto& touched = spec.touched) {
      add_test(suite, "update sets " + *touched + " to the time of the update", [=] {
        Service service;
        const Json created = service.create(entity);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const Reply reply = service.call("PATCH", with_id(update->route.path, created.value(spec.id, Json())), update->route.role,
                                         Json{{update->field, update->value(service)}});
        EXPECT_EQ(reply.status, 200) << reply.text;
        const Json before = created.value(*touched, Json());
        const Json after = reply.body.value(*touched, Json());
        EXPECT_TRUE(before.is_string() && after.is_string() && after.get<std::string>() > before.get<std::string>())
            << before.dump() << " -> " << after.dump();
      });
    }
  }
  if (const auto& remove = spec.remove) {
    add_test(suite, "delete removes the record and raises the deleted event", [=] {
      Service service;
      const Json created = service.create(entity);
      const std::string path = with_id(remove->path, created.value(spec.id, Json()));
      const Reply reply = service.call("DELETE", path, remove->role);
      EXPECT_EQ(reply.status, 204) << reply.text;
      EXPECT_TRUE(service.published_any(entity + ".deleted"));
      expect_declared(service, spec.on_remove, spec.id, created.value(spec.id, Json()));
      EXPECT_EQ(service.call("DELETE", path, remove->role).status, 404);
    });
  }
}

// Access to one operation: 401 without a token (`Bearer` challenge), 403 for a role it refuses,
// anything else for a role it allows (the access check comes before everything else).
inline void access_suite(const std::string& operation, const std::string& method, const std::string& path,
                         const std::optional<std::string>& refused, const std::optional<std::string>& allowed) {
  const std::string suite = "Access_" + operation;
  const Json body = method == "POST" || method == "PUT" || method == "PATCH" ? Json::object() : Json();
  add_test(suite, "401 without a token", [=] {
    Service service;
    const Reply reply = service.call(method, path, "", body);
    EXPECT_EQ(reply.status, 401) << reply.text;
    EXPECT_EQ(reply.header("WWW-Authenticate"), "Bearer");
  });
  if (refused) {
    add_test(suite, "403 for " + *refused, [=] {
      Service service;
      const Reply reply = service.call(method, path, *refused, body);
      EXPECT_EQ(reply.status, 403) << reply.text;
    });
  }
  if (allowed) {
    add_test(suite, "allowed for " + *allowed, [=] {
      Service service;
      const Reply reply = service.call(method, path, *allowed, body);
      EXPECT_TRUE(reply.status != 401 && reply.status != 403) << reply.text;
    });
  }
}

// What a transition's `sets` writes: the argument sent, the time of the call, or null.
struct SetCheck {
  enum class Kind {
    Now,
    Null,
    Argument
  };
  std::string field{};
  Kind kind = Kind::Now;
  std::string argument{};
};

struct TransitionSpec {
  std::string workflow{};
  std::string trigger{};
  std::string entity{};
  std::string id{};
  std::string path;  // with `{id}`
  std::string role{};
  std::string state{};
  std::string initial{};
  std::function<Json(Service&)> arguments{};
  std::optional<std::string> to{};  // none: illegal from `initial`
  bool again_illegal = false;
  std::vector<SetCheck> sets{};
  std::vector<std::string> events{};
};

// A trigger from the state new records are in (`initial`: the workflow's initial state, or where
// handlers moved them): the new state, what its `sets` writes, its events, and 409
// with no event when repeated from a state without it; or 409 and no event when illegal.
inline void transition_suite(const TransitionSpec& spec) {
  const std::string title = spec.to ? spec.trigger + " moves " + spec.entity + " from " + spec.initial + " to " + *spec.to
                                    : spec.trigger + " from " + spec.initial + " is an illegal transition (409)";
  add_test("Workflow_" + spec.workflow, title, [=] {
    Service service;
    const Json record = service.create(spec.entity);
    const std::string path = with_id(spec.path, record.value(spec.id, Json()));
    const Json args = spec.arguments(service);
    if (!spec.to) {
      const std::size_t before = service.published().size();
      const Reply reply = service.call("POST", path, spec.role, args);
      EXPECT_EQ(reply.status, 409) << reply.text;
      EXPECT_EQ(service.published().size(), before);
      return;
    }
    // Where the record is once the handlers its create set off have run.
    EXPECT_EQ(service.stored(spec.entity, record.value(spec.id, Json())).value(spec.state, Json()), spec.initial);
    const Json started = runtime::now_datetime();
    const Reply reply = service.call("POST", path, spec.role, args);
    ASSERT_EQ(reply.status, 200) << reply.text;
    EXPECT_EQ(reply.body.value(spec.state, Json()), *spec.to);
    for (const SetCheck& set : spec.sets) {
      const Json value = reply.body.value(set.field, Json());
      if (set.kind == SetCheck::Kind::Null) {
        EXPECT_TRUE(value.is_null()) << set.field;
      }
      if (set.kind == SetCheck::Kind::Now) {
        const runtime::OrderKind instants = runtime::OrderKind::of(runtime::OrderKind::Kind::DateTime);
        EXPECT_TRUE(value.is_string() && runtime::compare_values(instants, value, started) >= 0) << set.field << ": " << value;
      }
      if (set.kind == SetCheck::Kind::Argument && args.contains(set.argument)) {
        EXPECT_EQ(value, args[set.argument]) << set.field;
      }
    }
    for (const std::string& event : spec.events) EXPECT_TRUE(service.published_any(event)) << event;
    if (spec.again_illegal) {
      const std::size_t published = service.published().size();
      const Reply again = service.call("POST", path, spec.role, args);
      EXPECT_EQ(again.status, 409) << again.text;
      EXPECT_EQ(service.published().size(), published);
    }
  });
}

// A custom operation answers 501 until written (its success status afterwards), after checking
// its arguments.
inline void custom_operation_suite(const std::string& operation, const std::string& method, const std::string& path, const std::string& role,
                                   const std::function<std::pair<std::vector<std::pair<std::string, std::string>>, Json>(Service&)>& arguments,
                                   int success) {
  add_test("Operation_" + operation, "validates its arguments, then answers", [=] {
    Service service;
    const auto [query, body] = arguments(service);
    const Reply reply = service.call(method, path, role, body, query);
    EXPECT_TRUE(reply.status == 501 || reply.status == success) << reply.text;
  });
}

struct RelatedSpec {
  Route route;  // with `{id}`: the owner's
  std::string owner{};
  std::string owner_id{};
  Json owner_missing_id{};  // a well-formed id that no owner record has
  std::string entity{};
  std::string id{};
  // How a record is linked to the owner: its reference `field` names the owner (Inverse), its
  // list `field` holds the owner's id (InverseMany), the owner's list `field` holds the record's
  // id (Owned), or its `@tenant` (`@owner`) reference `field` names the owner, which is then the
  // caller's tenant (identity) record (Tenant, Subject).
  enum class Link {
    Inverse,
    InverseMany,
    Owned,
    Tenant,
    Subject
  } link = Link::Inverse;
  std::string field{};
};

// A relation route (`GET /customers/{id}/orders`): a fresh owner lists exactly the record linked
// to it, pages are checked, and an unknown owner is 404.
inline void related_suite(const std::string& operation, const RelatedSpec& spec) {
  add_test("Related_" + operation, "lists the records of one " + spec.owner + ", and 404 for an unknown one", [=] {
    Service service;
    Json owner;
    Json linked;
    std::vector<Json> earlier;  // the ids the route listed before the test linked a record
    if (spec.link == RelatedSpec::Link::Owned) {
      linked = service.create(spec.entity);
      Json body = service.body(spec.owner);
      body[spec.field] = Json::array({linked.value(spec.id, Json())});
      owner = service.create(spec.owner, body);
      service.create(spec.entity);  // linked to no owner
    } else if (spec.link == RelatedSpec::Link::Tenant || spec.link == RelatedSpec::Link::Subject) {
      const auto claim = spec.link == RelatedSpec::Link::Tenant ? runtime::Scope::Claim::Tenant : runtime::Scope::Claim::Subject;
      owner = Json::object({{spec.owner_id, service.claim(claim, 0)}});
      const auto before = page(service.call("GET", with_id(spec.route.path, owner.value(spec.owner_id, Json())), spec.route.role, nullptr, {{"limit", "100"}}));
      earlier = ids_of(before.first, spec.id);
      linked = service.create(spec.entity);
      service.create(spec.entity, std::nullopt, Caller::Other);  // of the other tenant (identity)
    } else {
      owner = service.create(spec.owner);
      Json body = service.body(spec.entity);
      const Json owner_id = owner.value(spec.owner_id, Json());
      body[spec.field] = spec.link == RelatedSpec::Link::Inverse ? owner_id : Json::array({owner_id});
      linked = service.create(spec.entity, body);
      service.create(spec.entity);  // linked to another owner
    }
    const std::string path = with_id(spec.route.path, owner.value(spec.owner_id, Json()));
    const Reply reply = service.call("GET", path, spec.route.role);
    EXPECT_EQ(reply.status, 200) << reply.text;
    const auto [items, total] = page(reply);
    std::vector<Json> added = ids_of(items, spec.id);
    std::erase_if(added, [&](const Json& id) { return std::find(earlier.begin(), earlier.end(), id) != earlier.end(); });
    EXPECT_EQ(added, std::vector<Json>{linked.value(spec.id, Json())});
    EXPECT_EQ(total, static_cast<std::int64_t>(earlier.size()) + 1);
    const Reply empty = service.call("GET", path, spec.route.role, nullptr, {{"offset", std::to_string(earlier.size() + 1)}});
    EXPECT_TRUE(page(empty).first.empty());
    const Reply bad = service.call("GET", path, spec.route.role, nullptr, {{"limit", "0"}});
    EXPECT_EQ(bad.status, 400) << bad.text;
    EXPECT_TRUE(names_field(bad.body, "limit")) << bad.text;
    const Reply missing = service.call("GET", with_id(spec.route.path, spec.owner_missing_id), spec.route.role);
    EXPECT_EQ(missing.status, 404) << missing.text;
  });
}

struct ScopeSpec {
  std::string id{};
  std::vector<std::pair<std::string, runtime::Scope::Claim>> fields{};
  std::optional<Route> get{};
  std::optional<Route> list{};
  std::optional<Route> update{};
  std::optional<Route> remove{};
  std::optional<std::pair<std::string, std::string>> foreign{};  // field, entity
};

// Row-level isolation: a record made by the callers of one tenant (and identity) holds their
// claims and is invisible and untouchable to the callers of another; a caller of no tenant is
// refused (403).
inline void scope_suite(const std::string& entity, const ScopeSpec& spec) {
  const std::string suite = entity + "_scope";
  add_test(suite, "a created record holds its caller's tenant and identity", [=] {
    Service service;
    const Json created = service.create(entity);
    for (const auto& [field, claim] : spec.fields) EXPECT_EQ(created.value(field, Json()), service.claim(claim, 0)) << field;
  });
  if (const auto& foreign = spec.foreign) {
    add_test(suite, foreign->first + " cannot name a " + foreign->second + " of another tenant (409)", [=] {
      Service service;
      const Json theirs = service.create(foreign->second, std::nullopt, Caller::Other);
      Json body = service.body(entity);
      body[foreign->first] = theirs.value(service.id_field(foreign->second), Json());
      const Route& create = service.create_route(entity);
      const Reply reply = service.call("POST", create.path, create.role, body);
      EXPECT_EQ(reply.status, 409) << reply.text;
      EXPECT_TRUE(names_field(reply.body, foreign->first)) << reply.text;
    });
  }
  if (const auto& get = spec.get) {
    add_test(suite, "another tenant cannot read it (404), a caller of no tenant is refused (403)", [=] {
      Service service;
      const std::string path = with_id(get->path, service.create(entity).value(spec.id, Json()));
      EXPECT_EQ(service.call("GET", path, get->role).status, 200);
      EXPECT_EQ(service.call("GET", path, get->role, nullptr, {}, Caller::Other).status, 404);
      EXPECT_EQ(service.call("GET", path, get->role, nullptr, {}, Caller::None).status, 403);
    });
  }
  if (const auto& list = spec.list) {
    add_test(suite, "another tenant's list and total leave it out", [=] {
      Service service;
      // The other tenant's list as it was before (it may hold the record of its caller's identity).
      const auto others = [&] { return page(service.call("GET", list->path, list->role, nullptr, {{"limit", "100"}}, Caller::Other)); };
      const auto before = others();
      const Json id = service.create(entity).value(spec.id, Json());
      const auto own = page(service.call("GET", list->path, list->role, nullptr, {{"limit", "100"}}));
      EXPECT_TRUE(std::any_of(own.first.begin(), own.first.end(), [&](const Json& item) { return item.value(spec.id, Json()) == id; }));
      EXPECT_EQ(others(), before);
    });
  }
  if (const auto& update = spec.update) {
    add_test(suite, "another tenant cannot update it (404)", [=] {
      Service service;
      const std::string path = with_id(update->path, service.create(entity).value(spec.id, Json()));
      EXPECT_EQ(service.call("PATCH", path, update->role, Json::object(), {}, Caller::Other).status, 404);
    });
  }
  if (const auto& remove = spec.remove) {
    add_test(suite, "another tenant cannot delete it (404), and it stays", [=] {
      Service service;
      const std::string path = with_id(remove->path, service.create(entity).value(spec.id, Json()));
      EXPECT_EQ(service.call("DELETE", path, remove->role, nullptr, {}, Caller::Other).status, 404);
      EXPECT_EQ(service.call("DELETE", path, remove->role).status, 204);
    });
  }
}

struct SoftDeleteSpec {
  std::string id{};
  Json missing_id{};  // a well-formed id that no record has
  std::string field{};
  Route remove{};
  Route restore{};
  std::optional<Route> get{};
  std::optional<Route> list{};
};

// Soft delete: a deleted record is hidden from get, lists and a second delete (404), its deleted
// event carries the deletion time; restore brings it back with the field null, is refused for a
// record that is not deleted (409) and answers 404 for an unknown one.
inline void soft_delete_suite(const std::string& entity, const SoftDeleteSpec& spec) {
  const std::string suite = entity + "_soft_delete";
  add_test(suite, "delete hides the record, and restore brings it back", [=] {
    Service service;
    const Json created = service.create(entity);
    EXPECT_TRUE(created.value(spec.field, Json()).is_null()) << created.dump();
    const Json id = created.value(spec.id, Json());
    EXPECT_EQ(service.call("DELETE", with_id(spec.remove.path, id), spec.remove.role).status, 204);
    std::optional<runtime::Event> deleted;
    for (const runtime::Event& event : service.published()) {
      if (event.name == entity + ".deleted") deleted = event;
    }
    ASSERT_TRUE(deleted.has_value());
    EXPECT_TRUE(deleted->payload.value(spec.field, Json()).is_string()) << deleted->payload.dump();
    if (spec.get) {
      EXPECT_EQ(service.call("GET", with_id(spec.get->path, id), spec.get->role).status, 404);
    }
    if (spec.list) {
      const auto listed = page(service.call("GET", spec.list->path, spec.list->role, nullptr, {{"limit", "100"}}));
      EXPECT_FALSE(std::any_of(listed.first.begin(), listed.first.end(), [&](const Json& item) { return item.value(spec.id, Json()) == id; }));
      EXPECT_EQ(listed.second, static_cast<std::int64_t>(listed.first.size()));
    }
    EXPECT_EQ(service.call("DELETE", with_id(spec.remove.path, id), spec.remove.role).status, 404);
    const Reply restored = service.call("POST", with_id(spec.restore.path, id), spec.restore.role);
    EXPECT_EQ(restored.status, 200) << restored.text;
    EXPECT_EQ(restored.body.value(spec.id, Json()), id);
    EXPECT_TRUE(restored.body.value(spec.field, Json()).is_null());
    if (spec.get) {
      EXPECT_EQ(service.call("GET", with_id(spec.get->path, id), spec.get->role).status, 200);
    }
    EXPECT_EQ(service.call("POST", with_id(spec.restore.path, id), spec.restore.role).status, 409);
  });
  add_test(suite, "restore answers 404 for an unknown record", [=] {
    Service service;
    EXPECT_EQ(service.call("POST", with_id(spec.restore.path, spec.missing_id), spec.restore.role).status, 404);
  });
}

struct BinarySpec {
  std::string id{};
  Json missing_id{};  // a well-formed id that no record has
  std::string field{};
  bool optional = false;
  std::optional<Route> download{};
  std::optional<Route> upload{};
};

// A `bytes` field as a file: an upload (multipart, part `file`) and a download (octet-stream)
// give back exactly the bytes; 404 for an unknown record, 204 for a record without the bytes,
// 400 without a `file` part, 415 for a body that is not multipart.
inline void binary_suite(const std::string& entity, const BinarySpec& spec) {
  const std::string suite = entity + "_" + spec.field + "_file";
  std::string bytes{};
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  bytes += std::string("\xE2\x80\xA8\r\n", 5) + std::string(1, '\0');
  if (const auto& upload = spec.upload) {
    add_test(suite, "an upload stores the bytes and answers the record", [=] {
      Service service;
      const Json created = service.create(entity);
      const Reply reply = service.upload(with_id(upload->path, created.value(spec.id, Json())), upload->role, "file", bytes);
      EXPECT_EQ(reply.status, 200) << reply.text;
      EXPECT_EQ(reply.body.value(spec.id, Json()), created.value(spec.id, Json()));
      if (!spec.download) return;
      const Reply got = service.call("GET", with_id(spec.download->path, created.value(spec.id, Json())), spec.download->role);
      EXPECT_EQ(got.status, 200);
      EXPECT_EQ(got.header("Content-Type").substr(0, 24), "application/octet-stream");
      EXPECT_EQ(got.text, bytes);
    });
    add_test(suite, "an upload without a file part is refused (400)", [=] {
      Service service;
      const Json created = service.create(entity);
      const Reply reply = service.upload(with_id(upload->path, created.value(spec.id, Json())), upload->role, "other", bytes);
      EXPECT_EQ(reply.status, 400) << reply.text;
      EXPECT_TRUE(names_field(reply.body, "file")) << reply.text;
    });
    add_test(suite, "an upload that is not multipart is refused (415), one to an unknown record is 404", [=] {
      Service service;
      const Json created = service.create(entity);
      EXPECT_EQ(service.call("PUT", with_id(upload->path, created.value(spec.id, Json())), upload->role, Json::object()).status, 415);
      EXPECT_EQ(service.upload(with_id(upload->path, spec.missing_id), upload->role, "file", bytes).status, 404);
    });
  }
  if (const auto& download = spec.download) {
    add_test(suite, "a download of an unknown record is 404", [=] {
      Service service;
      EXPECT_EQ(service.call("GET", with_id(download->path, spec.missing_id), download->role).status, 404);
    });
    if (spec.optional) {
      add_test(suite, "a download of a record without the bytes is 204", [=] {
        Service service;
        Json body = service.body(entity);
        body.erase(spec.field);
        const Json created = service.create(entity, body);
        EXPECT_EQ(service.call("GET", with_id(download->path, created.value(spec.id, Json())), download->role).status, 204);
      });
    }
  }
}

struct TriggerHandlerSpec {
  std::string handler{};
  std::string source{};                                     // whose create raises the event, carrying the new record
  std::vector<std::pair<std::string, std::string>> hops{};  // entity, reference
  std::string target{};
  std::string state{};
  std::string initial{};
  std::vector<std::string> events{};
};

// A handler that fires a trigger: creating a source record raises the event, and the handler
// fires the trigger on the record its path leads to, which leaves its initial state.
inline void trigger_handler_suite(const TriggerHandlerSpec& spec) {
  add_test("Handler_" + spec.handler, "fires its trigger on the " + spec.target + " the event leads to", [=] {
    Service service;
    const Json created = service.create(spec.source);
    Json id = created.value(service.id_field(spec.source), Json());
    for (const auto& [entity, field] : spec.hops) id = service.stored(entity, id).value(field, Json());
    const Json target = service.stored(spec.target, id);
    ASSERT_TRUE(target.is_object()) << "no " << spec.target << " " << id.dump();
    EXPECT_NE(target.value(spec.state, Json()), spec.initial) << target.dump();
    for (const std::string& event : spec.events) EXPECT_TRUE(service.published_any(event)) << event;
  });
}

// What every generated service answers besides its APIs: /health, /openapi.json (`documents`:
// each API's name and document), 404 problem+json for unknown routes.
inline void app_suite(const std::vector<std::pair<std::string, std::string>>& documents) {
  add_test("Service", "health answers ok", [] {
    Service service;
    const Reply reply = service.call("GET", "/health");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, Json({{"status", "ok"}}));
  });
  add_test("Service", "openapi.json serves the OpenAPI documents", [documents] {
    Service service;
    const Reply reply = service.call("GET", "/openapi.json");
    EXPECT_EQ(reply.status, 200);
    if (documents.size() == 1) {
      EXPECT_EQ(reply.body, Json::parse(documents.front().second));
      return;
    }
    for (const auto& [name, document] : documents) {
      const Reply one = service.call("GET", reply.body["documents"].value(name, ""));
      EXPECT_EQ(one.status, 200) << name;
      EXPECT_EQ(one.body, Json::parse(document)) << name;
    }
  });
  add_test("Service", "an unknown route is 404 problem json", [] {
    Service service;
    const Reply reply = service.call("GET", "/no/such/route");
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(reply.body.value("status", 0), 404);
    EXPECT_EQ(reply.header("Content-Type"), "application/problem+json");
  });
}

// A group of tests that could not be written, with the reason: a skipped test.
inline void skipped(const std::string& tests, const std::string& reason) {
  add_test("Skipped", tests, [reason] { GTEST_SKIP() << reason; });
}

}  // namespace bpc::testing
