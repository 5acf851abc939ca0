#include "kb/http/metrics.h"

#include <sstream>

namespace kb::http {

std::string_view RouteOf(std::string_view path) {
  constexpr std::string_view kDocuments = "/api/documents/";
  if (path == "/api/search" || path == "/api/passages" || path == "/api/suggest" ||
      path == "/api/health" || path == "/metrics") {
    return path;
  }
  if (path.rfind(kDocuments, 0) == 0) {
    const std::string_view rest = path.substr(kDocuments.size());
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return "/api/documents/{id}";
    if (rest.substr(slash) == "/file") return "/api/documents/{id}/file";
  }
  if (path.rfind("/api/", 0) == 0) return "/api/other";
  return "/static";
}

void Metrics::Record(std::string_view route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{std::string(route), status}];
  Histogram& h = durations_[std::string(route)];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const search::IndexInfo* index) const {
  std::ostringstream out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    out << "# HELP kb_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE kb_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      out << "kb_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
          << "\"} " << count << "\n";
    }
    out << "# HELP kb_http_request_duration_seconds Time from routing to response.\n"
        << "# TYPE kb_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : durations_) {
      const std::string label = "route=\"" + route + "\"";
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        out << "kb_http_request_duration_seconds_bucket{" << label << ",le=\"" << kBuckets[i]
            << "\"} " << h.buckets[i] << "\n";
      }
      out << "kb_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << h.count
          << "\n"
          << "kb_http_request_duration_seconds_sum{" << label << "} " << h.sum << "\n"
          << "kb_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
    }
  }
  if (index) {
    out << "# HELP kb_index_documents Documents in the index.\n"
        << "# TYPE kb_index_documents gauge\n"
        << "kb_index_documents " << index->document_count << "\n"
        << "# HELP kb_index_size_bytes Size of the index on disk.\n"
        << "# TYPE kb_index_size_bytes gauge\n"
        << "kb_index_size_bytes " << index->size_bytes << "\n";
  }
  return out.str();
}

}  // namespace kb::http
