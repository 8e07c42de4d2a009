#include "service/http_server.h"

#include <httplib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <memory>
#include <thread>

#include "service/api_json.h"
#include "service/crypto.h"

namespace bpc::service {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

HttpRequest convert(const httplib::Request& from) {
  HttpRequest request;
  request.method = from.method;
  request.path = from.path;
  for (const auto& [name, value] : from.headers) request.headers.emplace(lower(name), value);
  for (const auto& [name, value] : from.params) request.query.emplace(name, value);
  request.body = from.body;
  return request;
}

std::string refusal_detail(int status) {
  switch (status) {
    case 400: return "the request is malformed (a POST, PUT or PATCH needs a Content-Length)";
    case 413: return "the body is larger than the service accepts";
    case 414: return "the request line is too long";
    case 501: return "the request's method is not one this service knows";
    default: return "the request was refused";
  }
}

// The methods the library reads; it refuses a request with any other as malformed (400).
bool known_method(const std::string& method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PRI"}) {
    if (method == known) return true;
  }
  return false;
}

// Whether the request has a body the library left unread: it reads one only for POST, PUT, PATCH
// and DELETE.
bool body_unread(const httplib::Request& request) {
  const std::string length = request.get_header_value("Content-Length");
  return request.body.empty() && ((!length.empty() && length != "0") || request.has_header("Transfer-Encoding"));
}

// Ends the connection once the answer is written, for a request the library did not read to its
// end: what follows it on the connection is the rest of it, not the next request. (The library
// closes a connection when a content provider fails, not for `Connection: close`.) An event stream
// is left alone: it ends only when its connection does.
void close_after(httplib::Response& response) {
  if (response.content_provider_) return;
  const auto body = std::make_shared<std::string>(std::move(response.body));
  const std::string type = response.get_header_value("Content-Type");
  response.body.clear();
  response.headers.erase("Content-Type");
  response.set_header("Connection", "close");
  response.set_content_provider(body->size(), type, [body](std::size_t offset, std::size_t length,
                                                           httplib::DataSink& sink) {
    sink.write(body->data() + offset, length);
    return false;
  });
}

void answer(const HttpResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers) to.set_header(name, value);
  if (from.stream) {
    const auto stream = from.stream;
    to.set_chunked_content_provider(from.content_type, [stream](std::size_t, httplib::DataSink& sink) {
      stream([&](std::string_view chunk) { return sink.is_writable() && sink.write(chunk.data(), chunk.size()); });
      sink.done();
      return true;
    });
    return;
  }
  if (!from.content_type.empty()) to.set_content(from.body, from.content_type);
}

}  // namespace

struct HttpServer::Impl {
  Api& api;
  ServerConfig config;
  std::unique_ptr<httplib::Server> server;
  // The library's stop() does nothing before its accept loop runs: a stop that comes between the
  // bind and the loop is remembered here, and waits for the loop (or for run() to give up on it).
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> loop_skipped{false};
};

HttpServer::HttpServer(Api& api, ServerConfig config) : impl_(new Impl{api, std::move(config), nullptr}) {
  if (!impl_->config.tls_certificate.empty()) {
    impl_->server = std::make_unique<httplib::SSLServer>(impl_->config.tls_certificate.c_str(),
                                                         impl_->config.tls_private_key.c_str());
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  httplib::Server& server = *impl_->server;
  const std::size_t threads = std::max<std::size_t>(impl_->config.threads, 2);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Answers are small and written in pieces: without this, Nagle's algorithm meets the client's
  // delayed ACK and every answer waits 40 ms.
  server.set_tcp_nodelay(true);
  // A client keeps its connection for many requests (the library's default closes it after 5).
  server.set_keep_alive_max_count(10'000);
  server.set_read_timeout(impl_->config.read_timeout.count(), 0);
  server.set_write_timeout(impl_->config.read_timeout.count(), 0);
  // Larger bodies are refused by the server before they are read (413).
  server.set_payload_max_length(api.config().max_body_bytes);
  const httplib::Server::Handler handler = [&api = impl_->api](const httplib::Request& request,
                                                                 httplib::Response& response) {
    answer(api.handle(convert(request)), response);
    if (body_unread(request)) close_after(response);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);
  // What the library refuses itself (a malformed request, a body over the limit, a POST without
  // Content-Length) gets a problem+json body and request ids like every other error; a method it
  // does not know is 501 (RFC 9110, 15.6.2), not malformed. The methods it reads but routes to no
  // handler (TRACE, CONNECT) get the API's answer: 405 with `Allow` on the API's paths, 404
  // elsewhere.
  const httplib::Server::HandlerWithResponse on_error = [&api = impl_->api](const httplib::Request& request,
                                                                            httplib::Response& response) {
    if (!response.body.empty() || response.content_provider_) return httplib::Server::HandlerResponse::Unhandled;
    if (request.method == "TRACE" || request.method == "CONNECT") {
      answer(api.handle(convert(request)), response);
      if (body_unread(request)) close_after(response);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (response.status == 400 && !request.method.empty() && !known_method(request.method)) response.status = 501;
    const std::string request_id = "req_" + random_hex(12);
    const HttpResponse problem = problem_response(response.status, "http-" + std::to_string(response.status),
                                                  refusal_detail(response.status), request_id);
    response.set_content(problem.body, problem.content_type);
    response.set_header("X-Request-Id", request_id);
    response.set_header("X-Correlation-Id", request_id);
    // A refused request was not read to its end.
    close_after(response);
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(on_error);
  server.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    response.status = 500;
    response.set_content(R"({"type":"https://bpc.dev/problems/internal","title":"Internal Server Error","status":500,"code":"internal"})",
                         "application/problem+json");
  });
}

HttpServer::~HttpServer() = default;

bool HttpServer::run(const std::function<void(int port)>& on_listening, std::string& error) {
  httplib::Server& server = *impl_->server;
  if (!server.is_valid()) {
    error = "the TLS certificate or key could not be loaded";
    return false;
  }
  int port = impl_->config.port;
  if (port == 0) {
    port = server.bind_to_any_port(impl_->config.host);
    if (port < 0) {
      error = "cannot listen on " + impl_->config.host;
      return false;
    }
  } else if (!server.bind_to_port(impl_->config.host, port)) {
    error = "cannot listen on " + impl_->config.host + ":" + std::to_string(port);
    return false;
  }
  if (on_listening) on_listening(port);
  if (impl_->stop_requested) {
    impl_->loop_skipped = true;
    return true;
  }
  server.listen_after_bind();
  return true;
}

void HttpServer::stop() {
  impl_->api.stop_streams();
  impl_->stop_requested = true;
  for (int waited = 0; waited < 500 && !impl_->server->is_running() && !impl_->loop_skipped; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->server->stop();
}

}  // namespace bpc::service
