#pragma once

// Requests and responses as the API sees them, independent of the HTTP server library: the
// handlers (api.h) are plain functions from one to the other, tested without a socket, and only
// http_server.cpp knows cpp-httplib.

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
};

// Writes one chunk of a streamed body; false once the client is gone.
using ChunkWriter = std::function<bool(std::string_view)>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A streamed body (server-sent events): called until it returns false, instead of `body`.
  std::function<bool(const ChunkWriter&)> stream;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

}  // namespace bpc::service
