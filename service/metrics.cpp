#include "service/metrics.h"

#include <fmt/format.h>

namespace bpc::service {

void Metrics::record(const std::string& route, const std::string& method, int status, double seconds) {
  const std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  Histogram& histogram = durations_[{route, method}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::set_gauge(const std::string& name, double value) {
  const std::lock_guard lock(mutex_);
  gauges_[name] = value;
}

std::string Metrics::render() const {
  const std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP bpc_http_requests_total HTTP requests answered, by route, method and status.\n";
  out += "# TYPE bpc_http_requests_total counter\n";
  for (const auto& [labels, count] : requests_) {
    const auto& [route, method, status] = labels;
    out += fmt::format("bpc_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route, method,
                       status, count);
  }
  out += "# HELP bpc_http_request_duration_seconds Time to answer, by route and method.\n";
  out += "# TYPE bpc_http_request_duration_seconds histogram\n";
  for (const auto& [labels, histogram] : durations_) {
    const auto& [route, method] = labels;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("bpc_http_request_duration_seconds_bucket{{route=\"{}\",method=\"{}\",le=\"{}\"}} {}\n",
                         route, method, kBuckets[i], histogram.buckets[i]);
    }
    out += fmt::format("bpc_http_request_duration_seconds_bucket{{route=\"{}\",method=\"{}\",le=\"+Inf\"}} {}\n",
                       route, method, histogram.count);
    out += fmt::format("bpc_http_request_duration_seconds_sum{{route=\"{}\",method=\"{}\"}} {}\n", route, method,
                       histogram.sum);
    out += fmt::format("bpc_http_request_duration_seconds_count{{route=\"{}\",method=\"{}\"}} {}\n", route,
                       method, histogram.count);
  }
  for (const auto& [name, value] : gauges_) {
    out += fmt::format("# TYPE {} gauge\n{} {}\n", name, name, value);
  }
  return out;
}

}  // namespace bpc::service
