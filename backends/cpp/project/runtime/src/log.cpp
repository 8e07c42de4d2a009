#include "bpc/runtime/log.h"

#include <ostream>
#include <utility>

#include "bpc/runtime/events.h"

namespace bpc::runtime {

namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "error";
}

}  // namespace

Log::Log(LogLevel threshold, Sink sink) : threshold_(threshold), sink_(std::move(sink)) {}

Log::Log(LogLevel threshold, std::ostream& out) : Log(threshold, [&out](const std::string& line) { out << line << '\n'
                                                                                                       << std::flush; }) {}

void Log::write(LogLevel level, std::string_view logger, std::string_view message, const Json& fields) const {
  if (!enabled(level)) return;
  Json line{{"time", now_utc()}, {"level", level_name(level)}, {"logger", logger}, {"message", message}};
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  // Text that is not UTF-8 (a path, an error from the system) is written with U+FFFD in its place.
  const std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace);
  const std::lock_guard guard(lock_);
  sink_(text);
}

}  // namespace bpc::runtime
