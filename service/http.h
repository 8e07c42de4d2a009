#pragma once

// Requests and responses as the API sees them, independent of the HTTP server library: the
// handlers (api.h) are plain functions from one to the other, tested without a socket, and only
// http_server.cpp knows Boost.Beast.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpc::service {

struct HttpRequest {
  std::string method;
  std::string path;                           // without the query string, percent-decoded
  std::map<std::string, std::string> headers;  // names in lower case
  std::map<std::string, std::string> query;
  std::string body;

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_value(std::string_view name) const;

  // Sets `path` and `query` from a request target (`/path?name=value&...`), percent-decoded, `+`
  // in the query as a space. A part that does not decode is kept as it came; of a name given
  // twice, the first value counts.
  void set_target(std::string_view target);
};

// A streamed body (server-sent events): the server calls `next` on its own thread and writes what
// it returns, until it returns nullopt (or throws) or the client is gone. After an empty answer the
// next call comes `interval` later; after another, at once (a backlog goes out without waiting). `next` must not block for long: it runs on a thread that serves other
// connections too.
struct BodyStream {
  std::chrono::milliseconds interval{200};
  std::function<std::optional<std::string>()> next;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // When set, the body is this file's contents instead, sent in pieces as it is read.
  std::string body_file;
  std::vector<std::pair<std::string, std::string>> headers;
  // A streamed body instead of `body`.
  std::optional<BodyStream> stream;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

}  // namespace bpc::service
