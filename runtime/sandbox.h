#pragma once

// Runs an untrusted program — a third-party backend plugin, or the build and tests of a
// generated project — in a sandbox, and reports how it ended. Built on bubblewrap (`bwrap`, from
// Debian) and kernel limits, so nothing here needs privileges beyond what bwrap needs:
//   - namespaces: its own user, PID, IPC, UTS, cgroup and mount namespaces; its own network
//     namespace (nothing but an unconnected loopback) unless the policy allows the network;
//   - file system: the host's root is absent; only the policy's read-only paths and mounts, the
//     work directory (read-write, at /work) and fresh /tmp (tmpfs), /dev and /proc are visible;
//   - limits (setrlimit before bwrap starts): processes (RLIMIT_NPROC, counted per user, so run
//     as root the program is first moved to an unprivileged user of its own: root is exempt, and
//     a user shared by sandboxes would count the others' processes, even those of a finished one
//     its init has yet to reap), memory (RLIMIT_DATA: written memory, not reservations, so V8 and the JVM still
//     start), CPU seconds, file size, open files, no core dumps;
//   - time: a wall-clock limit, after which bwrap is killed and with it (--die-with-parent, its
//     PID namespace) every process the program started;
//   - output: stdout and stderr are kept up to a bound each, the rest read and dropped.
// The environment is empty but for PATH, HOME=/work, LANG and what the policy adds.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/interrupt.h"

namespace bpc::runtime {

struct SandboxPolicy {
  bool network = false;
  std::vector<std::string> read_only_paths = {"/usr", "/etc/alternatives", "/etc/ssl", "/etc/ca-certificates"};
  // Host directories shown read-only elsewhere inside: {host path, path inside} (a plugin's own
  // directory at /plugin, whatever the host's is).
  std::vector<std::pair<std::string, std::string>> read_only_mounts;
  std::string work_directory;  // bound read-write at /work, where the program starts; required
  std::vector<std::pair<std::string, std::string>> environment;
  std::chrono::milliseconds time_limit{60'000};
  std::uint64_t cpu_seconds = 60;
  std::uint64_t memory_bytes = 2ull << 30;
  std::uint64_t processes = 256;  // of the sandbox's user, across the machine
  std::uint64_t file_bytes = 256ull << 20;
  std::uint64_t open_files = 1024;
  std::size_t output_bytes = 1u << 20;  // kept of stdout, and of stderr
  // Cancelled, the sandbox is killed as at its time limit (within a fifth of a second).
  CancellationToken cancellation;
  // When set, the program gets this descriptor (a listening socket, for a preview's relay) as its
  // fd 3.
  int inherited_socket = -1;
};

// Run as root, bpc runs each sandbox as a user and group of its own (root would escape the
// process limit, which counts a user's processes across the machine): an id picked at random from
// these, which no account uses.
inline constexpr std::uint32_t kSandboxFirstId = 100'000, kSandboxLastId = 165'535;

struct SandboxResult {
  bool started = false;                 // false: bwrap could not run (`error` says why)
  std::optional<int> exit_code;         // when it exited
  std::optional<int> signal;            // when a signal ended it (SIGKILL after the time limit too)
  bool timed_out = false;
  bool cancelled = false;
  bool output_truncated = false;
  std::string output, errors;           // stdout and stderr, up to the bound each
  std::chrono::milliseconds elapsed{0};
  std::optional<std::uint32_t> user;    // the user it ran as, when bpc runs as root
  std::string error;
  bool succeeded() const { return started && !timed_out && !cancelled && exit_code == 0; }
};

// Runs `command` (the program inside the sandbox, then its arguments) with `input` on its stdin.
SandboxResult run_sandboxed(const std::vector<std::string>& command, const std::string& input,
                            const SandboxPolicy& policy);

// Whether sandboxes can run here (bwrap is installed and may create namespaces), and if not, why.
std::optional<std::string> sandbox_unavailable();

}  // namespace bpc::runtime
