#include "bpc/runtime/metrics.h"

#include <charconv>
#include <chrono>

namespace bpc::runtime {

namespace {

// A label value as the exposition format quotes it.
std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + '"';
}

std::string number(double value) {
  std::array<char, 32> buffer{};
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);  // the shortest exact form
  std::string out(buffer.data(), written.ptr);
  if (out.find_first_of(".eE") == std::string::npos) out += ".0";
  return out;
}

void header(std::string& out, const char* name, const char* help, const char* type) {
  out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

}  // namespace

void Metrics::Histogram::observe(double seconds) {
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++buckets[i];
  }
  ++count;
  sum += seconds;
}

void Metrics::observe_request(const std::string& method, const std::string& route, int status, double seconds) {
  const std::lock_guard guard(lock_);
  ++requests_[{method, route, status}];
  latency_[{method, route}].observe(seconds);
}

void Metrics::observe_transaction(bool committed, double seconds) {
  const std::lock_guard guard(lock_);
  transactions_[committed ? "committed" : "rolled_back"].observe(seconds);
}

void Metrics::count_rate_limited(const std::string& limit) {
  const std::lock_guard guard(lock_);
  ++rate_limited_[limit];
}

std::string Metrics::exposition() const {
  const std::lock_guard guard(lock_);
  std::string out;
  const auto histogram = [&out](const std::string& name, const std::string& labels, const Histogram& h) {
    const std::string prefix = labels.empty() ? "" : labels + ',';
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out.append(name).append("_bucket{").append(prefix).append("le=").append(quoted(number(kBuckets[i]))).append("} ");
      out.append(number(static_cast<double>(h.buckets[i]))).append("\n");
    }
    out += name + "_bucket{" + prefix + "le=\"+Inf\"} " + number(static_cast<double>(h.count)) + '\n';
    const std::string braces = labels.empty() ? "" : '{' + labels + '}';
    out += name + "_count" + braces + ' ' + number(static_cast<double>(h.count)) + '\n';
    out += name + "_sum" + braces + ' ' + number(h.sum) + '\n';
  };
  header(out, "http_requests_total", "HTTP requests answered", "counter");
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out += "http_requests_total{method=" + quoted(method) + ",route=" + quoted(route) + ",status=" + quoted(std::to_string(status)) + "} " +
           number(static_cast<double>(count)) + '\n';
  }
  header(out, "http_request_duration_seconds", "Time from a request's arrival to its answer", "histogram");
  for (const auto& [key, h] : latency_) histogram("http_request_duration_seconds", "method=" + quoted(key.first) + ",route=" + quoted(key.second), h);
  header(out, "store_transaction_duration_seconds", "Time a store transaction took", "histogram");
  for (const auto& [outcome, h] : transactions_) histogram("store_transaction_duration_seconds", "outcome=" + quoted(outcome), h);
  header(out, "http_rate_limited_total", "Requests refused by a rate limit", "counter");
  for (const auto& [limit, count] : rate_limited_) out += "http_rate_limited_total{limit=" + quoted(limit) + "} " + number(static_cast<double>(count)) + '\n';
  return out;
}

void MeteredStore::transaction(const std::function<void()>& work) {
  const auto started = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  try {
    inner_.transaction(work);
  } catch (...) {
    metrics_.observe_transaction(false, seconds());
    throw;
  }
  metrics_.observe_transaction(true, seconds());
}

}  // namespace bpc::runtime
