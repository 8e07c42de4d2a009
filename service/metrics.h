#pragma once

// Request counters and latency histograms by route, in Prometheus' text format for `/metrics`.
// Labels are the route pattern (`/v1/blueprints/{id}`), the method and the status, never a
// tenant, key or id, so the series stay few and reveal nothing about tenants.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bpc::service {

class Metrics {
 public:
  void record(const std::string& route, const std::string& method, int status, double seconds);
  void set_gauge(const std::string& name, double value);
  std::string render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> durations_;
  std::map<std::string, double> gauges_;
};

}  // namespace bpc::service
