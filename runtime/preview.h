#pragma once

// A preview run of a generated service: its project is prepared (compiled or built, as its
// verification recipe does) and the service started in a sandbox (sandbox.h) that keeps its own
// network namespace, so the service reaches nothing and nothing reaches it but this: a relay
// inside (Debian's python3) accepts on a listening Unix socket made here (in the host's abstract
// namespace, handed to it as fd 3) and joins each connection to the service's port on the
// sandbox's loopback, and a proxy here forwards the connections of a loopback port of the host
// (127.0.0.1, picked by the kernel) to that socket. The service runs until it is stopped, its
// lifetime ends, or it exits. The caller passes a project directory it may lose.

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/interrupt.h"
#include "runtime/verification.h"

namespace bpc::runtime {

struct PreviewLimits {
  VerificationLimits prepare;              // the preparing steps', as a verification's
  std::chrono::seconds startup{60};        // for the service to answer GET /health
  std::chrono::seconds lifetime{300};      // from its start
  std::size_t connections = 64;            // at once, through the proxy
};

struct PreviewEnd {
  enum class Kind { Stopped, Expired, Failed } kind = Kind::Failed;
  std::string reason;  // Failed: what went wrong (a preparing step, the start, an exit)
  std::string log;     // Failed: the end of the failed step's or the service's output
};

// Why `target`'s service cannot be previewed with `toolchains` (it has none, or no toolchain).
std::optional<std::string> preview_refusal(std::string_view target, const Toolchains& toolchains);

// Prepares and runs the preview; calls `started(port)` once the service answers on
// 127.0.0.1:port, and returns how it ended. `stop` ends it early (Stopped).
PreviewEnd run_preview(std::string_view target, const std::filesystem::path& project, const Toolchains& toolchains,
                       const PreviewLimits& limits, const CancellationToken& stop,
                       const std::function<void(int port)>& started);

}  // namespace bpc::runtime
