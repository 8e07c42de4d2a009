#pragma once

// `bpc lsp`: the language server. It speaks LSP 3.17 over a pair of streams (standard input and
// output) and answers from the compilation library.
//
// Threads. A reader thread parses each incoming message and queues it; it also acts at once on
// what cannot wait: `$/cancelRequest` marks the request cancelled (and cancels its compilation if
// it is running), and a `didChange` cancels a diagnostics compilation in progress, whose result
// would be stale. The main thread takes messages in order, so edits and requests are applied in
// the order the client sent them, and every request sees every edit sent before it.
//
// Diagnostics. Edits only update the buffers. When the queue runs dry, the dirty units are
// compiled and their diagnostics published: for each file of the unit, always for the file that
// changed (empty too, so fixed errors disappear) and for others when they differ from what was
// last published. The wait before compiling adapts to how long compiling takes: none while it is
// quick (under kSlowCompileMs; the next edit cancels a compilation in progress anyway), a quarter
// of the last compile time (at most kMaxDebounce) once it is slow, so a fast typist does not
// start compilations that are thrown away. A request that needs a fresh compilation compiles first.
//
// Isolation. Every message is handled inside a guard: malformed parameters answer InvalidParams,
// any other failure InternalError naming the method, and the server goes on.

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "lsp/analysis.h"
#include "lsp/documents.h"
#include "lsp/file_view.h"
#include "lsp/protocol.h"
#include "lsp/transport.h"

namespace bpc::lsp {

struct ServerOptions {
  std::FILE* log = nullptr;  // where to note what happens (nullptr: nowhere)
};

class Server {
 public:
  Server(std::FILE* in, std::FILE* out, const driver::FileSystem& files, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until `exit` or the end of the input; returns the process's exit code (0 after a
  // `shutdown` request, 1 otherwise, as the protocol asks).
  int run();

 private:
  static constexpr std::chrono::milliseconds kMaxDebounce{200};
  static constexpr double kSlowCompileMs = 150;

  struct Incoming {
    std::optional<Json> message;  // none: the input ended
  };

  void read_loop();
  std::optional<Incoming> next_message(std::chrono::milliseconds wait);
  void dispatch(const Json& message);
  Json handle_request(const std::string& method, const Json& params);
  void handle_notification(const std::string& method, const Json& params);
  Json initialize(const Json& params);
  void apply_configuration(const Json& settings);

  void did_open(const Json& params);
  void did_change(const Json& params);
  void did_close(const Json& params);

  // Compiles what is dirty and publishes; false when a cancellation stopped it.
  bool refresh_and_publish(const CancellationToken& token, const std::string& changed_path);
  void publish_diagnostics(const Unit& unit, const std::string& changed_path);
  void publish(const std::string& path, Json diagnostics, bool always);
  void clear_orphaned_diagnostics();
  FileView view_for(const Json& params);
  // Requests about a project file (bpc.json): its quick fixes; nothing else.
  Json project_file_request(const std::string& method, const Json& params);
  Json semantic_tokens_full(const Json& params);
  Json semantic_tokens_delta(const Json& params);

  void send(const Json& message);
  void reply(const Json& id, Json result);
  void reply_error(const Json& id, ErrorCode code, const std::string& message);
  void log(const std::string& line);

  std::FILE* in_;
  MessageWriter writer_;
  ServerOptions options_;
  Analyzer analyzer_;
  DocumentStore documents_;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  AnalysisSettings settings_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_ = false;
  double last_compile_ms_ = 0;
  std::string last_changed_path_;

  // Shared with the reader thread.
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Incoming> queue_;
  std::set<std::string> cancelled_;  // request ids (dumped JSON) cancelled before they ran
  std::string running_id_;
  std::shared_ptr<CancellationSource> running_;      // the request being served
  std::shared_ptr<CancellationSource> diagnostics_;  // the diagnostics compilation in progress
  std::thread reader_;

  std::map<std::string, std::string> published_;  // path -> the diagnostics last published
  std::map<std::string, std::pair<std::string, std::vector<std::uint32_t>>> semantic_results_;  // uri -> (id, data)
  std::uint64_t next_result_id_ = 1;
};

}  // namespace bpc::lsp
