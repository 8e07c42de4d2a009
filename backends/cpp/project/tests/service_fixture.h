#pragma once

// The service under test: the real server (cpp-httplib) on a loopback port the system picks, with
// a memory store, development tokens and a recorder of every delivered event, started for each
// test and stopped after it; and a client that speaks JSON to it.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "bpc/runtime/events.h"
#include "bpc/runtime/memory_store.h"
#include "bpc/runtime/service.h"

namespace bpc::testing {

using runtime::Json;

// An answer: its status, its body as JSON (null when empty or not JSON) and its headers.
struct Answer {
  int status = 0;
  Json body;
  httplib::Headers headers;
  std::string text;

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class ServiceFixture : public ::testing::Test {
 protected:
  // `tokens`: development tokens (`token=Role+Role;tenant=ID`, comma-separated).
  ServiceFixture(runtime::ServiceSettings settings, std::string tokens)
      : settings_(std::move(settings)), tokens_(std::move(tokens)) {}

  void SetUp() override {
    store_ = std::make_unique<runtime::MemoryStore>();
    verifier_ = std::make_unique<runtime::StaticTokenVerifier>(tokens_);
    bus_ = std::make_unique<runtime::EventBus>();
    bus_->subscribe_all([this](const runtime::Event& event) {
      const std::lock_guard guard(events_lock_);
      events_.push_back(event);
    });
    service_ = std::make_unique<runtime::Service>(settings_, *store_, *verifier_, *bus_);
    server_ = std::make_unique<httplib::Server>();
    service_->mount(*server_);
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0) << "no loopback port to listen on";
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(std::chrono::seconds(10));
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  Answer get(const std::string& path, const std::string& token = "") { return answer(client_->Get(path, headers(token))); }
  Answer remove(const std::string& path, const std::string& token = "") { return answer(client_->Delete(path, headers(token))); }
  Answer post(const std::string& path, const Json& body, const std::string& token = "") {
    return answer(client_->Post(path, headers(token), body.dump(), "application/json"));
  }
  Answer patch(const std::string& path, const Json& body, const std::string& token = "") {
    return answer(client_->Patch(path, headers(token), body.dump(), "application/json"));
  }
  Answer put(const std::string& path, const Json& body, const std::string& token = "") {
    return answer(client_->Put(path, headers(token), body.dump(), "application/json"));
  }
  // Any method, any body and content type.
  Answer send(const std::string& method, const std::string& path, const std::string& body, const std::string& content_type,
              const std::string& token = "") {
    httplib::Request request;
    request.method = method;
    request.path = path;
    request.headers = headers(token);
    request.body = body;
    if (!content_type.empty()) request.set_header("Content-Type", content_type);
    return answer(client_->send(request));
  }

  // The names of the events delivered so far, in order.
  std::vector<std::string> event_names() {
    const std::lock_guard guard(events_lock_);
    std::vector<std::string> names;
    for (const runtime::Event& event : events_) names.push_back(event.name);
    return names;
  }
  std::vector<runtime::Event> events() {
    const std::lock_guard guard(events_lock_);
    return events_;
  }
  void clear_events() {
    const std::lock_guard guard(events_lock_);
    events_.clear();
  }

  runtime::Store& store() { return *store_; }

  // A path with its `{name}` placeholder replaced by a value (a string as it is, a number as JSON).
  static std::string path_with(std::string path, const std::string& name, const Json& value) {
    const std::string placeholder = "{" + name + "}";
    const std::string text = value.is_string() ? percent_encoded(value.get<std::string>()) : value.dump();
    const std::size_t at = path.find(placeholder);
    if (at != std::string::npos) path.replace(at, placeholder.size(), text);
    return path;
  }

 private:
  // A path segment: every byte but unreserved ASCII percent-encoded.
  static std::string percent_encoded(const std::string& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || c == '-' || c == '_' ||
          c == '.' || c == '~') {
        out += c;
      } else {
        out += '%';
        out += hex[byte >> 4U];
        out += hex[byte & 0x0FU];
      }
    }
    return out;
  }

  static httplib::Headers headers(const std::string& token) {
    httplib::Headers out;
    if (!token.empty()) out.emplace("Authorization", "Bearer " + token);
    return out;
  }

  static Answer answer(const httplib::Result& result) {
    Answer out;
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

  runtime::ServiceSettings settings_;
  std::string tokens_;
  std::unique_ptr<runtime::MemoryStore> store_;
  std::unique_ptr<runtime::StaticTokenVerifier> verifier_;
  std::unique_ptr<runtime::EventBus> bus_;
  std::unique_ptr<runtime::Service> service_;
  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
  std::mutex events_lock_;
  std::vector<runtime::Event> events_;
};

}  // namespace bpc::testing
