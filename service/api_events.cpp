// /v1/events: a tenant's domain events, as pages and as a server-sent-event stream that resumes
// after `Last-Event-ID` (the event's sequence number).

#include <algorithm>
#include <charconv>
#include <chrono>
#include <memory>

#include "service/api.h"
#include "service/api_json.h"

namespace bpc::service {

namespace {

constexpr std::int64_t kMaxSequence = std::numeric_limits<std::int64_t>::max();

// The sequence to resume after: Last-Event-ID (what a browser's EventSource sends on reconnect:
// the id of the last event it received), else `after`, else 0. Both are checked, whichever is used.
std::int64_t resume_after(const HttpRequest& request) {
  const std::int64_t after = integer_query(request, "after", 0, 0, kMaxSequence);
  const auto last = request.header("last-event-id");
  if (!last) return after;
  if (last->empty() || !std::all_of(last->begin(), last->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw ApiError(400, "invalid-request", "`Last-Event-ID` must be an event's id (its sequence number)");
  }
  // An id beyond every sequence resumes after all of them.
  std::int64_t sequence = kMaxSequence;
  std::from_chars(last->data(), last->data() + last->size(), sequence);
  return sequence;
}

}  // namespace

HttpResponse Api::list_events(Call& call) {
  const std::int64_t after = integer_query(call.request, "after", 0, 0, kMaxSequence);
  const std::int64_t limit = integer_query(call.request, "limit", 100, 1, 1000);
  json items = json::array();
  std::int64_t last = after;
  for (const StoredEvent& event : call.tenant().events_after(after, limit)) {
    items.push_back(to_json(event));
    last = event.sequence;
  }
  return json_response(200, {{"items", items}, {"next", std::to_string(last)}});
}

HttpResponse Api::stream_events(Call& call) {
  if (stopping_) throw ApiError(503, "stopping", "the service is shutting down");
  const std::int64_t after = resume_after(call.request);
  if (open_streams_.fetch_add(1) >= config_.max_event_streams) {
    open_streams_.fetch_sub(1);
    throw ApiError(429, "too-many-streams", "the service has as many event streams open as it allows");
  }
  // The stream outlives this call: it keeps its own copies of what it needs.
  struct StreamState {
    Api* api;
    RequestContext context;
    std::int64_t after;
    bool started = false;
    std::chrono::steady_clock::time_point quiet_since = std::chrono::steady_clock::now();
    ~StreamState() { api->open_streams_.fetch_sub(1); }
  };
  const std::shared_ptr<StreamState> state(new StreamState{this, call.context, after});
  HttpResponse response;
  response.content_type = "text/event-stream";
  response.set_header("Cache-Control", "no-store");
  // Each call: the events since the last one (at most 100), or a comment when it has been quiet
  // for a while (a stream notices a client that left only when it writes).
  response.stream = BodyStream{config_.stream_poll_interval, [state]() -> std::optional<std::string> {
    Api& api = *state->api;
    if (api.stopping_) return std::nullopt;
    std::string chunk;
    if (!state->started) {
      state->started = true;
      chunk = ": bpc event stream\nretry: 2000\n\n";
    }
    for (const StoredEvent& event : api.store_.tenant(state->context).events_after(state->after, 100)) {
      chunk += "id: " + std::to_string(event.sequence) + "\nevent: " + event.type +
               "\ndata: " + to_json(event).dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
      state->after = event.sequence;
    }
    const auto now = std::chrono::steady_clock::now();
    if (chunk.empty() && now - state->quiet_since >= api.config_.stream_heartbeat) chunk = ": heartbeat\n\n";
    if (!chunk.empty()) state->quiet_since = now;
    return chunk;
  }};
  return response;
}

}  // namespace bpc::service
