#pragma once

// `bpc serve`: the API (api.h) on Boost.Beast, over HTTP/1.1 or, with a certificate and key,
// HTTPS. This file and its .cpp are the only ones that know the HTTP library.
//
// Connections are served asynchronously; `threads` threads call the API, so that many requests
// are handled at once however many connections are open (up to `max_connections`; more are
// closed as they come). The server answers until `stop()` (from a signal handler's thread): it
// stops accepting, closes the connections that wait for a request, lets the requests in flight
// finish (for at most the read timeout and a few seconds more), and ends event streams, then
// `run()` returns.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "service/api.h"

namespace bpc::service {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0: any free port (run() reports it through on_listening)
  std::string tls_certificate;      // PEM files; both or neither
  std::string tls_private_key;
  std::size_t threads = 32;
  std::size_t max_connections = 10'000;
  std::chrono::seconds read_timeout{30};
};

class HttpServer {
 public:
  HttpServer(Api& api, ServerConfig config);
  ~HttpServer();

  // Binds and answers until stop(); false when it cannot bind (the reason in `error`).
  // `on_listening` is called with the bound port once the server accepts connections.
  bool run(const std::function<void(int port)>& on_listening, std::string& error);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bpc::service
