#include "service/http_server.h"

// The one file that includes Boost.Asio and Boost.Beast (heavy headers: keep them here).
//
// `threads` event loops (io_contexts), each run by one thread; connections are dealt to them in
// turn. Every connection is a coroutine on its loop: it reads a request (header first, so
// `Expect: 100-continue` and an oversized body are answered before the body is sent), calls the
// API on its loop's thread, and writes the answer with one gathered write. The API blocks on its
// store, so `threads` bounds the requests handled at once, not the connections open; a loop per
// thread (rather than one shared by all) means the thread that sees a request is the one that
// answers it, with no hand-over between threads. An event stream holds no thread: its connection
// asks the API for what is new, writes it, and waits on a timer.

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "service/api_json.h"
#include "service/crypto.h"

namespace bpc::service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
// How long a stopping server waits, beyond its read timeout, for requests in flight before it
// cuts off what is left.
constexpr std::chrono::seconds kStopGrace{5};

const auto kAwait = asio::use_awaitable;

// A file body is read and sent in pieces of this size.
constexpr std::size_t kFilePiece = 64 * 1024;

// How long, and how many bytes, a refused request's client may go on sending.
constexpr std::chrono::seconds kDrainTime{3};
constexpr std::size_t kDrainLimit = 64 << 20;

// The methods HTTP defines; the API answers these (405 where a path does not take one), the
// server answers any other with 501.
bool known_method(std::string_view method) {
  for (const std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"}) {
    if (method == known) return true;
  }
  return false;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

HttpRequest convert(http::request<http::string_body>& from) {
  HttpRequest request;
  request.method = std::string(from.method_string());
  request.set_target(std::string_view(from.target().data(), from.target().size()));
  // A field with an empty value counts as absent: none of the API's fields means anything empty
  // (an empty `Last-Event-ID` is no event id, as in the SSE specification).
  for (const auto& field : from) {
    if (field.value().empty()) continue;
    request.headers.emplace(lower(std::string_view(field.name_string().data(), field.name_string().size())),
                            std::string(field.value()));
  }
  request.body = std::move(from.body());
  return request;
}

HttpResponse refusal(int status, const std::string& detail) {
  const std::string request_id = "req_" + random_hex(12);
  HttpResponse problem = problem_response(status, "http-" + std::to_string(status), detail, request_id);
  problem.set_header("X-Request-Id", request_id);
  problem.set_header("X-Correlation-Id", request_id);
  return problem;
}

// The answer to a request the parser refused, or nullopt when the connection is simply gone (or
// timed out) and nothing can be answered.
std::optional<HttpResponse> refusal_for(const beast::error_code& error) {
  if (error.category() != http::make_error_code(http::error::end_of_stream).category()) return std::nullopt;
  switch (static_cast<http::error>(error.value())) {
    case http::error::end_of_stream:
    case http::error::partial_message:
      return std::nullopt;
    case http::error::body_limit:
      return refusal(413, "the body is larger than the service accepts");
    case http::error::header_limit:
      return refusal(431, "the request line and headers are larger than the service accepts");
    default:
      return refusal(400, "the request is malformed: " + error.message());
  }
}

template <class Fields>
void set_fields(const HttpResponse& from, Fields& out) {
  if (!from.content_type.empty()) out.set(http::field::content_type, from.content_type);
  for (const auto& [name, value] : from.headers) out.insert(name, value);
}

http::response<http::string_body> serialized(HttpResponse&& from, unsigned version, bool head, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(from.status), version};
  set_fields(from, out);
  out.body() = std::move(from.body);
  out.prepare_payload();
  // A HEAD answer says how long the GET's body is, and sends none.
  if (head) out.body().clear();
  out.keep_alive(keep_alive);
  return out;
}

}  // namespace

struct HttpServer::Impl {
  // What a stopping server needs of each open connection: whether it waits for a request (so it
  // can be closed at once) and how to close it. Touched only on the connection's loop.
  struct Connection {
    tcp::socket* socket = nullptr;
    bool idle = false;
  };

  Api& api;
  ServerConfig config;
  std::vector<std::unique_ptr<asio::io_context>> loops;
  // Keeps the loops running while they wait for connections; released by stop().
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::size_t next_loop = 0;  // on the first loop only
  std::optional<asio::ssl::context> tls;
  std::string tls_error;
  std::optional<tcp::acceptor> acceptor;  // on the first loop
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open_connections{0};

  std::mutex mutex;  // guards the members below
  // The open connections, each with the executor of its loop.
  std::list<std::pair<asio::any_io_executor, std::shared_ptr<Connection>>> connections;
  std::condition_variable threads_done;
  std::size_t running_threads = 0;
  std::optional<std::chrono::steady_clock::time_point> stop_requested_at;

  Impl(Api& api_, ServerConfig config_)
      : api(api_), config(std::move(config_)) {
    acceptor.emplace(make_loops());
  }

  asio::io_context& make_loops() {
    for (std::size_t i = 0; i < std::max<std::size_t>(config.threads, 1); ++i) {
      loops.push_back(std::make_unique<asio::io_context>(1));
      keep_running.push_back(asio::make_work_guard(*loops.back()));
    }
    return *loops.front();
  }

  template <class Stream>
  asio::awaitable<void> serve(Stream& stream, Connection& connection);
  template <class Stream>
  asio::awaitable<bool> write_file(Stream& stream, const HttpResponse& response, unsigned version, bool head_only,
                                   bool keep_alive);
  template <class Stream>
  asio::awaitable<void> write_stream(Stream& stream, const HttpResponse& response, unsigned version,
                                     Connection& connection);
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<void> accept_loop();
  void close_idle_connections();
};

// A lingering close: after refusing a request whose client may still be sending its body, reads and
// drops what comes for a while, so that the client gets to read the answer instead of a reset.
template <class Stream>
asio::awaitable<void> drain(Stream& stream) {
  beast::get_lowest_layer(stream).expires_after(kDrainTime);
  std::array<char, 16 * 1024> scratch;
  beast::error_code error;
  for (std::size_t drained = 0; !error && drained < kDrainLimit;) {
    drained += co_await stream.async_read_some(asio::buffer(scratch), asio::redirect_error(kAwait, error));
  }
}

template <class Stream>
asio::awaitable<void> HttpServer::Impl::serve(Stream& stream, Connection& connection) {
  beast::flat_buffer buffer;
  beast::error_code error;
  auto& transport = beast::get_lowest_layer(stream);
  for (;;) {
    if (stopping) co_return;
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(api.config().max_body_bytes);
    connection.idle = true;
    transport.expires_after(config.read_timeout);
    co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(kAwait, error));
    connection.idle = false;
    if (!error && !parser.is_done()) {
      if (http::request<http::string_body>& head = parser.get(); beast::iequals(head[http::field::expect], "100-continue")) {
        http::response<http::empty_body> go_on{http::status::continue_, head.version()};
        co_await http::async_write(stream, go_on, asio::redirect_error(kAwait, error));
      }
      if (!error) co_await http::async_read(stream, buffer, parser, asio::redirect_error(kAwait, error));
    }
    if (error) {
      // What the parser refused is answered, and the connection closed: what follows on it is the
      // rest of the refused request, not the next one.
      if (std::optional<HttpResponse> refused = refusal_for(error)) {
        auto out = serialized(std::move(*refused), 11, false, false);
        transport.expires_after(config.read_timeout);
        co_await http::async_write(stream, out, asio::redirect_error(kAwait, error));
        if (!error) co_await drain(stream);
      }
      co_return;
    }
    http::request<http::string_body>& message = parser.get();
    HttpResponse response;
    const std::string_view method(message.method_string().data(), message.method_string().size());
    if (!known_method(method)) {
      response = refusal(501, "the request's method is not one this service knows");
    } else {
      try {
        response = api.handle(convert(message));
      } catch (const std::exception&) {
        response = refusal(500, "the service failed to answer this request");
      }
    }
    const bool keep_alive = message.keep_alive() && !stopping;
    if (response.stream) {
      co_await write_stream(stream, response, message.version(), connection);
      co_return;
    }
    if (!response.body_file.empty()) {
      const bool complete = co_await write_file(stream, response, message.version(), method == "HEAD", keep_alive);
      if (!complete || !keep_alive) co_return;
      continue;
    }
    auto out = serialized(std::move(response), message.version(), method == "HEAD", keep_alive);
    transport.expires_after(config.read_timeout);
    co_await http::async_write(stream, out, asio::redirect_error(kAwait, error));
    if (error || !keep_alive) co_return;
  }
}

// Writes an answer whose body is a file, in pieces as they are read (a large source is never
// loaded whole). False when the connection cannot go on.
template <class Stream>
asio::awaitable<bool> HttpServer::Impl::write_file(Stream& stream, const HttpResponse& response, unsigned version,
                                                   bool head_only, bool keep_alive) {
  auto& transport = beast::get_lowest_layer(stream);
  beast::error_code error;
  beast::file file;
  file.open(response.body_file.c_str(), beast::file_mode::scan, error);
  const std::uint64_t size = error ? 0 : file.size(error);
  if (error) {
    auto out = serialized(refusal(500, "the service could not read what it stored"), version, head_only, keep_alive);
    transport.expires_after(config.read_timeout);
    co_await http::async_write(stream, out, asio::redirect_error(kAwait, error));
    co_return !error;
  }
  http::response<http::empty_body> head{static_cast<http::status>(response.status), version};
  set_fields(response, head);
  head.content_length(size);
  head.keep_alive(keep_alive);
  http::response_serializer<http::empty_body> serializer{head};
  transport.expires_after(config.read_timeout);
  co_await http::async_write_header(stream, serializer, asio::redirect_error(kAwait, error));
  if (error || head_only) co_return !error;
  std::vector<char> piece(std::min<std::uint64_t>(size, kFilePiece));
  for (std::uint64_t left = size; left > 0;) {
    const std::size_t read = file.read(piece.data(), std::min<std::uint64_t>(left, piece.size()), error);
    // A file that shrank under us: the answer cannot be finished, so the connection ends.
    if (error || read == 0) co_return false;
    transport.expires_after(config.read_timeout);
    co_await asio::async_write(stream, asio::buffer(piece.data(), read), asio::redirect_error(kAwait, error));
    if (error) co_return false;
    left -= read;
  }
  co_return true;
}

// Writes a streamed answer: the header, then what the stream's `next` returns, as chunks, then
// the last chunk. No thread waits for a stream: between calls the connection waits on a timer.
template <class Stream>
asio::awaitable<void> HttpServer::Impl::write_stream(Stream& stream, const HttpResponse& response, unsigned version,
                                                     Connection& connection) {
  auto& transport = beast::get_lowest_layer(stream);
  http::response<http::empty_body> head{static_cast<http::status>(response.status), version};
  set_fields(response, head);
  head.chunked(true);
  head.keep_alive(false);
  beast::error_code error;
  http::response_serializer<http::empty_body> serializer{head};
  transport.expires_after(config.read_timeout);
  co_await http::async_write_header(stream, serializer, asio::redirect_error(kAwait, error));
  // While the stream runs the connection waits for nothing it could miss: a stopping server may
  // close it, which ends the stream at its next write.
  connection.idle = true;
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (!error) {
    std::optional<std::string> chunk;
    try {
      chunk = response.stream->next();
    } catch (const std::exception&) {
      // The store is unreachable: the stream ends, and the client resumes from its last event.
    }
    if (!chunk) break;
    if (chunk->empty()) {
      pause.expires_after(response.stream->interval);
      co_await pause.async_wait(asio::redirect_error(kAwait, error));
      continue;
    }
    transport.expires_after(config.read_timeout);
    co_await asio::async_write(stream, http::make_chunk(asio::buffer(*chunk)), asio::redirect_error(kAwait, error));
  }
  connection.idle = false;
  if (error) co_return;
  transport.expires_after(config.read_timeout);
  co_await asio::async_write(stream, http::make_chunk_last(), asio::redirect_error(kAwait, error));
}

asio::awaitable<void> HttpServer::Impl::session(tcp::socket socket) {
  const auto loop = co_await asio::this_coro::executor;
  auto connection = std::make_shared<Connection>();
  decltype(connections)::iterator registered;
  {
    std::lock_guard lock(mutex);
    registered = connections.emplace(connections.end(), loop, connection);
  }
  // However the session ends, the connection is forgotten and counted out.
  struct Forget {
    Impl& impl;
    Connection& connection;
    decltype(connections)::iterator registered;
    ~Forget() {
      connection.socket = nullptr;
      std::lock_guard lock(impl.mutex);
      impl.connections.erase(registered);
      --impl.open_connections;
    }
  } forget{*this, *connection, registered};
  beast::error_code error;
  if (tls) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
    connection->socket = &beast::get_lowest_layer(stream).socket();
    connection->idle = true;
    beast::get_lowest_layer(stream).expires_after(config.read_timeout);
    co_await stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(kAwait, error));
    if (!error) {
      co_await serve(stream, *connection);
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
      co_await stream.async_shutdown(asio::redirect_error(kAwait, error));
    }
  } else {
    beast::tcp_stream stream(std::move(socket));
    connection->socket = &stream.socket();
    co_await serve(stream, *connection);
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
  }
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  beast::error_code error;
  while (acceptor->is_open()) {
    asio::io_context& loop = *loops[next_loop];
    next_loop = (next_loop + 1) % loops.size();
    tcp::socket socket = co_await acceptor->async_accept(loop, asio::redirect_error(kAwait, error));
    if (error) {
      if (!acceptor->is_open() || error == asio::error::operation_aborted) co_return;
      // Out of descriptors, most likely: wait for some to close rather than spin.
      asio::steady_timer pause(*loops.front(), std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(kAwait, error));
      continue;
    }
    if (open_connections >= config.max_connections) continue;  // the socket closes as it goes
    ++open_connections;
    socket.set_option(tcp::no_delay(true), error);
    const auto executor = socket.get_executor();
    asio::co_spawn(executor, session(std::move(socket)), asio::detached);
  }
}

void HttpServer::Impl::close_idle_connections() {
  std::lock_guard lock(mutex);
  for (const auto& [loop, connection] : connections) {
    asio::post(loop, [connection = connection] {
      if (!connection->socket || !connection->idle) return;
      beast::error_code ignored;
      connection->socket->shutdown(tcp::socket::shutdown_both, ignored);
      connection->socket->close(ignored);
    });
  }
}

HttpServer::HttpServer(Api& api, ServerConfig config) : impl_(std::make_unique<Impl>(api, std::move(config))) {
  if (impl_->config.tls_certificate.empty()) return;
  try {
    asio::ssl::context context(asio::ssl::context::tls_server);
    context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1);
    context.use_certificate_chain_file(impl_->config.tls_certificate);
    context.use_private_key_file(impl_->config.tls_private_key, asio::ssl::context::pem);
    impl_->tls.emplace(std::move(context));
  } catch (const std::exception& failure) {
    impl_->tls_error = failure.what();
  }
}

HttpServer::~HttpServer() {
  // What the loops still hold (connections cut off after a stop's grace period) is destroyed with
  // them and refers to the members: the loops go first, after the acceptor that uses one of them.
  impl_->acceptor.reset();
  impl_->keep_running.clear();
  impl_->loops.clear();
}

bool HttpServer::run(const std::function<void(int port)>& on_listening, std::string& error) {
  Impl& impl = *impl_;
  if (!impl.tls_error.empty()) {
    error = "the TLS certificate or key could not be loaded (" + impl.tls_error + ")";
    return false;
  }
  beast::error_code failure;
  const auto address = asio::ip::make_address(impl.config.host, failure);
  tcp::endpoint endpoint;
  if (!failure) {
    endpoint = tcp::endpoint(address, static_cast<unsigned short>(impl.config.port));
  } else {
    // A host name: the first address it resolves to.
    tcp::resolver resolver(*impl.loops.front());
    const auto found = resolver.resolve(impl.config.host, std::to_string(impl.config.port), failure);
    if (failure || found.empty()) {
      error = "cannot resolve " + impl.config.host;
      return false;
    }
    endpoint = found.begin()->endpoint();
  }
  impl.acceptor->open(endpoint.protocol(), failure);
  if (!failure) impl.acceptor->set_option(tcp::acceptor::reuse_address(true), failure);
  if (!failure) impl.acceptor->bind(endpoint, failure);
  if (!failure) impl.acceptor->listen(asio::socket_base::max_listen_connections, failure);
  if (failure) {
    error = "cannot listen on " + impl.config.host + ":" + std::to_string(impl.config.port) + " (" +
            failure.message() + ")";
    return false;
  }
  if (on_listening) on_listening(impl.acceptor->local_endpoint().port());
  // (A stop() that came before this is already queued, and closes the acceptor first thing.)
  asio::co_spawn(*impl.loops.front(), impl.accept_loop(), asio::detached);

  std::vector<std::thread> threads;
  {
    std::lock_guard lock(impl.mutex);
    impl.running_threads = impl.loops.size();
  }
  for (const auto& loop : impl.loops) {
    threads.emplace_back([&impl, &loop = *loop] {
      loop.run();
      std::lock_guard lock(impl.mutex);
      if (--impl.running_threads == 0) impl.threads_done.notify_all();
    });
  }
  {
    // Requests in flight finish; after the grace period what is left is cut off.
    std::unique_lock lock(impl.mutex);
    for (;;) {
      if (impl.running_threads == 0) break;
      if (impl.stop_requested_at) {
        if (impl.threads_done.wait_until(lock, *impl.stop_requested_at + impl.config.read_timeout + kStopGrace) == std::cv_status::timeout) {
          for (const auto& loop : impl.loops) loop->stop();
          break;
        }
      } else {
        impl.threads_done.wait(lock);
      }
    }
  }
  for (std::thread& thread : threads) thread.join();
  return true;
}

void HttpServer::stop() {
  Impl& impl = *impl_;
  impl.api.stop_streams();
  impl.stopping = true;
  {
    std::lock_guard lock(impl.mutex);
    impl.stop_requested_at = std::chrono::steady_clock::now();
    impl.threads_done.notify_all();
  }
  asio::post(*impl.loops.front(), [&impl] {
    beast::error_code ignored;
    impl.acceptor->close(ignored);
    impl.close_idle_connections();
    // Each loop ends once its connections have.
    for (auto& guard : impl.keep_running) guard.reset();
  });
}

}  // namespace bpc::service
