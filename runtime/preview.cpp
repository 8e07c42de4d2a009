#include "runtime/preview.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <atomic>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "runtime/recipes.h"
#include "runtime/sandbox.h"

namespace bpc::runtime {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kRelayFile = ".bpc-relay.py";

// The relay inside the sandbox: each connection accepted on the listening Unix socket it inherits
// as fd 3 becomes one to the service's port on the sandbox's loopback; each direction is copied
// until it ends, then half-closed.
constexpr const char* kRelay = R"py(import socket, sys, threading

PORT = int(sys.argv[1])


def copy(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    try:
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def serve(client):
    try:
        upstream = socket.create_connection(("127.0.0.1", PORT))
    except OSError:
        client.close()
        return
    other = threading.Thread(target=copy, args=(client, upstream), daemon=True)
    other.start()
    copy(upstream, client)
    other.join()
    client.close()
    upstream.close()


listener = socket.socket(fileno=3)
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
)py";

// A file descriptor that closes itself.
struct Socket {
  int fd = -1;
  explicit Socket(int descriptor) : fd(descriptor) {}
  ~Socket() {
    if (fd >= 0) ::close(fd);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
};

// The address of a Unix socket in the abstract namespace (of the host's network namespace: the
// sandbox's is another, so nothing inside can bind or reach a name here), and its length.
std::pair<sockaddr_un, socklen_t> abstract_address(const std::string& name) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::size_t length = std::min(name.size(), sizeof address.sun_path - 1);
  std::memcpy(address.sun_path + 1, name.data(), length);
  return {address, static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + length)};
}

int connect_unix(const std::string& name) {
  const auto [address, length] = abstract_address(name);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), length) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The socket the relay accepts on: made here, so no file in the project stands for it (one the
// sandbox could swap for a link elsewhere), and handed to the relay as its fd 3.
int listen_unix(const std::string& name) {
  const auto [address, length] = abstract_address(name);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), length) != 0 || ::listen(fd, 64) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Whether the service answers GET /health with 200 through the relay.
bool healthy(const std::string& socket_name) {
  const Socket connection(connect_unix(socket_name));
  if (connection.fd < 0) return false;
  const std::string_view request = "GET /health HTTP/1.0\r\nHost: preview\r\n\r\n";
  if (::send(connection.fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return false;
  std::string answer;
  char buffer[256];
  pollfd watched{connection.fd, POLLIN, 0};
  while (answer.size() < 16 && ::poll(&watched, 1, 2000) == 1) {
    const ssize_t got = ::recv(connection.fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(got));
  }
  return answer.starts_with("HTTP/1.") && answer.size() >= 12 && answer.compare(8, 4, " 200") == 0;
}

// Copies both directions between `a` and `b` until both have ended, half-closing each in turn.
void splice(int a, int b) {
  std::array<bool, 2> open{true, true};  // a -> b, b -> a
  char buffer[65536];
  while (open[0] || open[1]) {
    std::array<pollfd, 2> watched{{{a, static_cast<short>(open[0] ? POLLIN : 0), 0},
                                   {b, static_cast<short>(open[1] ? POLLIN : 0), 0}}};
    if (::poll(watched.data(), watched.size(), 60'000) <= 0) return;  // idle for a minute, or an error
    for (int side = 0; side < 2; ++side) {
      if (!open[side] || watched[side].revents == 0) continue;
      const int from = side == 0 ? a : b, to = side == 0 ? b : a;
      const ssize_t got = ::recv(from, buffer, sizeof buffer, 0);
      if (got <= 0 || ::send(to, buffer, static_cast<std::size_t>(got), MSG_NOSIGNAL) != got) {
        ::shutdown(to, SHUT_WR);
        open[side] = false;
        if (got < 0) return;
      }
    }
  }
}

// The host's side: a loopback port whose connections go to the relay's socket.
class Proxy {
 public:
  Proxy(std::string socket_name, std::size_t connections) : socket_name_(std::move(socket_name)), bound_(connections) {}
  ~Proxy() {
    stopping_ = true;
    if (acceptor_.joinable()) acceptor_.join();
    {
      // Clients that keep their connections open are cut off.
      const std::lock_guard lock(mutex_);
      for (int fd : clients_) ::shutdown(fd, SHUT_RDWR);
    }
    for (Connection& connection : connections_) connection.thread.join();
  }
  Proxy(const Proxy&) = delete;
  Proxy& operator=(const Proxy&) = delete;

  // The port it listens on, or nothing when it cannot listen.
  std::optional<int> start() {
    listener_.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_.fd < 0) return std::nullopt;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_.fd, 64) != 0 ||
        ::getsockname(listener_.fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return std::nullopt;
    }
    acceptor_ = std::thread([this] { accept(); });
    return ntohs(address.sin_port);
  }

 private:
  void accept() {
    while (!stopping_) {
      pollfd watched{listener_.fd, POLLIN, 0};
      if (::poll(&watched, 1, 200) != 1) continue;
      const int client = ::accept4(listener_.fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      if (active_ >= bound_) {
        ::close(client);
        continue;
      }
      reap();
      ++active_;
      auto done = std::make_shared<std::atomic<bool>>(false);
      {
        const std::lock_guard lock(mutex_);
        clients_.insert(client);
      }
      connections_.push_back({std::thread([this, client, done] {
                                const Socket to(connect_unix(socket_name_));
                                if (to.fd >= 0) splice(client, to.fd);
                                {
                                  const std::lock_guard lock(mutex_);
                                  clients_.erase(client);
                                }
                                ::close(client);
                                --active_;
                                *done = true;
                              }),
                              done});
    }
  }

  // Joins the connections that have ended.
  void reap() {
    for (auto connection = connections_.begin(); connection != connections_.end();) {
      if (*connection->done) {
        connection->thread.join();
        connection = connections_.erase(connection);
      } else {
        ++connection;
      }
    }
  }

  struct Connection {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };

  std::string socket_name_;
  std::size_t bound_;
  Socket listener_{-1};
  std::atomic<bool> stopping_ = false;
  std::atomic<std::size_t> active_ = 0;
  std::mutex mutex_;
  std::set<int> clients_;                // the open client sockets, cut off when the proxy ends
  std::vector<Connection> connections_;  // the accepting thread's alone
  std::thread acceptor_;
};

PreviewEnd failed(std::string reason, std::string log = {}) {
  return PreviewEnd{PreviewEnd::Kind::Failed, std::move(reason), std::move(log)};
}

}  // namespace

std::optional<std::string> preview_refusal(std::string_view target, const Toolchains& toolchains) {
  if (target != "typescript" && target != "python" && target != "cpp") {
    return "the `" + std::string(target) + "` target has no service to run";
  }
  return missing_toolchain(target, toolchains);
}

PreviewEnd run_preview(std::string_view target, const fs::path& project, const Toolchains& toolchains,
                       const PreviewLimits& limits, const CancellationToken& stop,
                       const std::function<void(int port)>& started) {
  if (auto refusal = preview_refusal(target, toolchains)) return failed(std::move(*refusal));
  const Recipe recipe = recipe_for(target, project, toolchains);
  if (!recipe.skip.empty()) return failed(recipe.skip);

  // Compile or build first, as the verification would.
  SandboxPolicy policy = policy_for(project, recipe, limits.prepare);
  policy.cancellation = stop;
  const Clock::time_point prepare_deadline = Clock::now() + limits.prepare.time_limit;
  for (const RecipeStep& step : recipe.steps) {
    if (!step.prepares) continue;
    policy.time_limit = std::chrono::duration_cast<std::chrono::milliseconds>(prepare_deadline - Clock::now());
    const SandboxResult run = run_sandboxed(step.command, "", policy);
    if (run.cancelled) return PreviewEnd{PreviewEnd::Kind::Stopped, {}, {}};
    if (!run.succeeded()) {
      return failed("`" + step.name + "` " + (run.timed_out ? "ran out of time" : "failed") + " before the service could start",
                    run.started ? log_tail(run, limits.prepare.log_bytes) : run.error);
    }
  }

  // Then the service, with the relay beside it.
  std::random_device random;
  const std::string socket_name = "bpc-preview-" + std::to_string(::getpid()) + "-" + std::to_string(random()) + "-" +
                                  std::to_string(random());
  const Socket relay_socket(listen_unix(socket_name));
  if (relay_socket.fd < 0) return failed("cannot make the relay's socket: " + std::string(std::strerror(errno)));
  std::ofstream(project / kRelayFile, std::ios::binary | std::ios::trunc) << kRelay;
  std::vector<std::string> command = {"/bin/sh", "-c",
                                      "/usr/bin/python3 /work/" + std::string(kRelayFile) + " " +
                                          std::to_string(kServicePort) + " & exec \"$@\"",
                                      "preview"};
  command.insert(command.end(), recipe.serve.begin(), recipe.serve.end());
  CancellationSource ending;
  policy.cancellation = ending.token();
  policy.time_limit = limits.startup + limits.lifetime + std::chrono::seconds(5);
  policy.environment.emplace_back("PORT", std::to_string(kServicePort));
  policy.environment.emplace_back("HOST", "127.0.0.1");
  policy.inherited_socket = relay_socket.fd;
  SandboxResult served;
  std::atomic<bool> ended = false;
  std::thread service([&] {
    served = run_sandboxed(command, "", policy);
    ended = true;
  });
  const auto finish = [&](PreviewEnd end) {
    ending.cancel();
    service.join();
    if (end.kind == PreviewEnd::Kind::Failed && end.log.empty()) {
      end.log = served.started ? log_tail(served, limits.prepare.log_bytes) : served.error;
    }
    return end;
  };

  const Clock::time_point startup_deadline = Clock::now() + limits.startup;
  while (!healthy(socket_name)) {
    if (stop.is_cancelled()) return finish(PreviewEnd{PreviewEnd::Kind::Stopped, {}, {}});
    if (ended) return finish(failed("the service exited before it answered GET /health"));
    if (Clock::now() >= startup_deadline) {
      return finish(failed("the service did not answer GET /health within " + std::to_string(limits.startup.count()) + " s"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  Proxy proxy(socket_name, limits.connections);
  const std::optional<int> port = proxy.start();
  if (!port) return finish(failed("no loopback port to serve the preview on"));
  started(*port);
  const Clock::time_point expiry = Clock::now() + limits.lifetime;
  while (!ended) {
    if (stop.is_cancelled()) return finish(PreviewEnd{PreviewEnd::Kind::Stopped, {}, {}});
    if (Clock::now() >= expiry) return finish(PreviewEnd{PreviewEnd::Kind::Expired, {}, {}});
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return finish(failed(served.exit_code ? "the service exited with " + std::to_string(*served.exit_code)
                                        : "the service was killed"));
}

}  // namespace bpc::runtime
