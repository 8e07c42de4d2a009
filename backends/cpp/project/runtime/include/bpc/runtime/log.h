#pragma once

// Structured logs: one JSON object per line, given to a sink (standard error in the server):
// `time` (UTC, ms), `level`, `logger`, `message`, and the line's fields (`request_id`,
// `route`...). Lines below the threshold are not written. The sink is called by one thread at a
// time, so lines from concurrent requests never interleave.

#include <functional>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>

#include "bpc/runtime/settings.h"
#include "bpc/runtime/values.h"

namespace bpc::runtime {

class Log {
 public:
  using Sink = std::function<void(const std::string& line)>;  // a line without its newline

  Log(LogLevel threshold, Sink sink);
  // Lines on `out`, each followed by a newline and flushed.
  Log(LogLevel threshold, std::ostream& out);

  bool enabled(LogLevel level) const { return level >= threshold_; }
  // `fields`: an object whose members join the line (it may be empty).
  void write(LogLevel level, std::string_view logger, std::string_view message, const Json& fields = Json::object()) const;

 private:
  LogLevel threshold_;
  Sink sink_;
  mutable std::mutex lock_;
};

}  // namespace bpc::runtime
