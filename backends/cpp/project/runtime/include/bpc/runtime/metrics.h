#pragma once

// Prometheus metrics of one service, in a registry of its own (no process-wide state, so several
// services can live in one process, as the tests' do), answered in the text exposition format.
// `http_requests_total{method,route,status}` counts answered requests by route template
// (`unmatched` for a path no route serves), `http_request_duration_seconds{method,route}` is
// their latency, `store_transaction_duration_seconds{outcome}` times every store transaction
// (committed or rolled back, through MeteredStore), and `http_rate_limited_total{limit}` counts
// refusals by limit (key or tenant).

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

class Metrics {
 public:
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

  void observe_request(const std::string& method, const std::string& route, int status, double seconds);
  void observe_transaction(bool committed, double seconds);
  void count_rate_limited(const std::string& limit);

  std::string exposition() const;

 private:
  // Seconds; the default buckets of the Prometheus clients, plus 25 ms and 250 ms.
  static constexpr std::array<double, 14> kBuckets{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // observations up to each bound
    std::uint64_t count = 0;
    double sum = 0;
    void observe(double seconds);
  };

  mutable std::mutex lock_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::map<std::string, Histogram> transactions_;
  std::map<std::string, std::uint64_t> rate_limited_;
};

// A store whose transactions are timed into `metrics`; everything else is the store's own.
class MeteredStore final : public Store {
 public:
  MeteredStore(Store& inner, Metrics& metrics) : inner_(inner), metrics_(metrics) {}

  Repository& repository(const EntityDescriptor& entity) override { return inner_.repository(entity); }
  void transaction(const std::function<void()>& work) override;
  void append_outbox(const Event& event) override { inner_.append_outbox(event); }
  std::vector<Event> outbox() override { return inner_.outbox(); }

 private:
  Store& inner_;
  Metrics& metrics_;
};

}  // namespace bpc::runtime
