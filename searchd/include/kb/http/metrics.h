// Request metrics in the Prometheus text exposition format (version 0.0.4).
//
// kb_build_info{version}, the process_* metrics of Prometheus' client libraries (CPU, memory,
// start time, file descriptors), kb_http_requests_total{route,status},
// kb_http_request_duration_seconds{route} (histogram) and, from the index, kb_index_documents,
// kb_index_size_bytes and kb_index_last_update_timestamp_seconds. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "kb/search/search_result.h"

namespace kb::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};

  // `route` is a route pattern ("/api/documents/{id}"), never a raw path, to bound the labels.
  void Record(std::string_view route, int status, double seconds);
  std::string Render(const search::IndexInfo* index) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> durations_;
};

// The route pattern of a request path, for metric labels.
std::string_view RouteOf(std::string_view path);

}  // namespace kb::http
