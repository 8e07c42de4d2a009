#include "runtime/sandbox.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

namespace bpc::runtime {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kBubblewrap = "/usr/bin/bwrap";

// A pipe whose ends close themselves.
struct Pipe {
  std::array<int, 2> ends{-1, -1};
  Pipe() {
    if (::pipe2(ends.data(), O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  }
  ~Pipe() {
    close_end(0);
    close_end(1);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_end(int which) {
    if (ends[which] >= 0) ::close(ends[which]);
    ends[which] = -1;
  }
};

std::vector<std::string> bubblewrap_arguments(const std::vector<std::string>& command, const SandboxPolicy& policy) {
  std::vector<std::string> arguments = {kBubblewrap, "--unshare-all"};
  if (policy.network) arguments.emplace_back("--share-net");
  for (const char* option : {"--die-with-parent", "--new-session"}) arguments.emplace_back(option);
  for (const std::string& path : policy.read_only_paths) {
    for (const std::string& part : {std::string("--ro-bind-try"), path, path}) arguments.push_back(part);
  }
  for (const auto& [host, inside] : policy.read_only_mounts) {
    for (const std::string& part : {std::string("--ro-bind"), host, inside}) arguments.push_back(part);
  }
  // Debian's root directories are links into /usr.
  for (const char* name : {"bin", "lib", "lib64", "sbin"}) {
    for (const std::string& part : {std::string("--symlink"), "usr/" + std::string(name), "/" + std::string(name)}) {
      arguments.push_back(part);
    }
  }
  for (const char* part : {"--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind"}) arguments.emplace_back(part);
  arguments.push_back(policy.work_directory);
  // The root (bwrap's tmpfs, holding the mount points) is read-only once they are made.
  for (const char* part : {"/work", "--remount-ro", "/", "--chdir", "/work", "--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                           "--setenv", "HOME", "/work", "--setenv", "LANG", "C.UTF-8"}) {
    arguments.emplace_back(part);
  }
  for (const auto& [name, value] : policy.environment) {
    for (const std::string& part : {std::string("--setenv"), name, value}) arguments.push_back(part);
  }
  arguments.emplace_back("--");
  arguments.insert(arguments.end(), command.begin(), command.end());
  return arguments;
}

// The work directory belongs to the unprivileged user the program runs as.
void give_to(const std::string& directory, std::uint32_t uid, std::uint32_t gid) {
  if (::lchown(directory.c_str(), uid, gid) != 0) {
    throw std::system_error(errno, std::generic_category(), "chown " + directory);
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (::lchown(entry.path().c_str(), uid, gid) != 0) {
      throw std::system_error(errno, std::generic_category(), "chown " + entry.path().string());
    }
  }
}

// In the child, between fork and exec: only async-signal-safe calls. Reports errno on `report`.
[[noreturn]] void become_sandbox(const SandboxPolicy& policy, std::optional<std::uint32_t> user, char* const* argv,
                                 int input, int output, int errors, int report) {
  const auto fail = [&report] {
    const int code = errno;
    (void)!::write(report, &code, sizeof code);
    ::_exit(127);
  };
  if (::dup2(input, 0) < 0 || ::dup2(output, 1) < 0 || ::dup2(errors, 2) < 0) fail();
  if (policy.inherited_socket >= 0) {
    // fd 3 may be the report pipe's end: move that out of the way first.
    if (report == 3 && (report = ::fcntl(report, F_DUPFD_CLOEXEC, 4)) < 0) fail();
    if (policy.inherited_socket == 3 ? ::fcntl(3, F_SETFD, 0) < 0 : ::dup2(policy.inherited_socket, 3) < 0) fail();
  }
  const auto limit = [&](int resource, rlim_t value) {
    const rlimit bound{value, value};
    if (::setrlimit(resource, &bound) != 0) fail();
  };
  limit(RLIMIT_NPROC, policy.processes);
  limit(RLIMIT_DATA, policy.memory_bytes);
  limit(RLIMIT_CPU, policy.cpu_seconds);
  limit(RLIMIT_FSIZE, policy.file_bytes);
  limit(RLIMIT_NOFILE, policy.open_files);
  limit(RLIMIT_CORE, 0);
  if (user) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(*user) != 0 || ::setuid(*user) != 0) fail();
  }
  char* const no_environment[] = {nullptr};
  ::execve(kBubblewrap, argv, no_environment);
  fail();
  ::_exit(127);
}

// Appends what `fd` has to `kept` up to `bound`; false at end of file.
bool drain(int fd, std::string& kept, std::size_t bound, bool& truncated) {
  char buffer[65536];
  const ssize_t got = ::read(fd, buffer, sizeof buffer);
  if (got < 0) return errno == EINTR || errno == EAGAIN;
  if (got == 0) return false;
  const std::size_t room = bound > kept.size() ? bound - kept.size() : 0;
  kept.append(buffer, std::min<std::size_t>(room, static_cast<std::size_t>(got)));
  if (static_cast<std::size_t>(got) > room) truncated = true;
  return true;
}

}  // namespace

SandboxResult run_sandboxed(const std::vector<std::string>& command, const std::string& input,
                            const SandboxPolicy& policy) {
  SandboxResult result;
  if (command.empty() || policy.work_directory.empty()) {
    result.error = "a sandbox needs a command and a work directory";
    return result;
  }
  if (::access(kBubblewrap, X_OK) != 0) {
    result.error = std::string(kBubblewrap) + " is not installed (Debian's bubblewrap)";
    return result;
  }
  if (::geteuid() == 0) {
    std::random_device random;
    result.user = std::uniform_int_distribution<std::uint32_t>(kSandboxFirstId, kSandboxLastId)(random);
    give_to(policy.work_directory, *result.user, *result.user);
  }

  const std::vector<std::string> arguments = bubblewrap_arguments(command, policy);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);

  Pipe stdin_pipe, stdout_pipe, stderr_pipe, report;
  const Clock::time_point started = Clock::now();
  const pid_t child = ::fork();
  if (child < 0) {
    result.error = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  if (child == 0) {
    become_sandbox(policy, result.user, argv.data(), stdin_pipe.ends[0], stdout_pipe.ends[1], stderr_pipe.ends[1],
                   report.ends[1]);
  }
  stdin_pipe.close_end(0);
  stdout_pipe.close_end(1);
  stderr_pipe.close_end(1);
  report.close_end(1);
  // What exec failed with, if it did (the report pipe closes on a successful exec).
  int exec_errno = 0;
  if (::read(report.ends[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    ::waitpid(child, nullptr, 0);
    result.error = std::string("cannot start the sandbox: ") + std::strerror(exec_errno);
    return result;
  }
  result.started = true;

  ::fcntl(stdin_pipe.ends[1], F_SETFL, O_NONBLOCK);
  std::size_t written = 0;
  if (input.empty()) stdin_pipe.close_end(1);
  const Clock::time_point deadline = started + policy.time_limit;
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    const bool killed = result.timed_out || result.cancelled;
    if (!killed && (left <= 0 || policy.cancellation.is_cancelled())) {
      // bwrap dies, and with it its PID namespace: every process the program started.
      (left <= 0 ? result.timed_out : result.cancelled) = true;
      ::kill(child, SIGKILL);
      stdin_pipe.close_end(1);
    }
    std::array<pollfd, 3> watched{{{stdout_pipe.ends[0], static_cast<short>(out_open ? POLLIN : 0), 0},
                                   {stderr_pipe.ends[0], static_cast<short>(err_open ? POLLIN : 0), 0},
                                   {stdin_pipe.ends[1], static_cast<short>(stdin_pipe.ends[1] >= 0 ? POLLOUT : 0), 0}}};
    // After a kill, what is left in the pipes is read for at most a second.
    const bool ending = result.timed_out || result.cancelled;
    const int wait = ending ? 1000 : static_cast<int>(std::min<long long>(left, 200));
    const int ready = ::poll(watched.data(), watched.size(), wait);
    if (ready < 0 && errno != EINTR) break;
    if (ready == 0 && ending) break;
    if (watched[0].revents != 0) out_open = drain(stdout_pipe.ends[0], result.output, policy.output_bytes, result.output_truncated);
    if (watched[1].revents != 0) err_open = drain(stderr_pipe.ends[0], result.errors, policy.output_bytes, result.output_truncated);
    if (watched[2].revents & (POLLERR | POLLHUP)) {
      stdin_pipe.close_end(1);
    } else if (watched[2].revents & POLLOUT) {
      const ssize_t sent = ::write(stdin_pipe.ends[1], input.data() + written, input.size() - written);
      if (sent > 0) written += static_cast<std::size_t>(sent);
      if (sent < 0 && errno != EAGAIN && errno != EINTR) stdin_pipe.close_end(1);
      if (written == input.size()) stdin_pipe.close_end(1);
    }
  }
  int status = 0;
  if (!result.timed_out && !result.cancelled && Clock::now() >= deadline) {
    result.timed_out = true;
    ::kill(child, SIGKILL);
  }
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

std::optional<std::string> sandbox_unavailable() {
  std::error_code ignored;
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("bpc-sandbox-probe-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  SandboxPolicy policy;
  policy.work_directory = directory.string();
  policy.time_limit = std::chrono::seconds(10);
  const SandboxResult probe = run_sandboxed({"/usr/bin/true"}, "", policy);
  std::filesystem::remove_all(directory, ignored);
  if (probe.succeeded()) return std::nullopt;
  if (!probe.error.empty()) return probe.error;
  return "bwrap cannot create the sandbox here: " + probe.errors;
}

}  // namespace bpc::runtime
