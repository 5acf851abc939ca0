#include "kb/http/metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <sstream>
#include <vector>

#include "kb/core/version.h"

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

namespace {

// The process metrics every Prometheus client library exports, from /proc (Linux).
void RenderProcess(std::ostringstream& out) {
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return;
  std::istringstream fields(stat.substr(close + 2));
  std::vector<std::string> f{std::istream_iterator<std::string>(fields),
                             std::istream_iterator<std::string>()};
  // f[0] is field 3 (state): utime 14, stime 15, starttime 22, vsize 23, rss 24.
  if (f.size() < 22) return;
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double cpu = (std::stod(f[11]) + std::stod(f[12])) / ticks;
  double boot_time = 0;
  std::ifstream proc_stat("/proc/stat");
  for (std::string line; std::getline(proc_stat, line);) {
    if (line.rfind("btime ", 0) == 0) boot_time = std::stod(line.substr(6));
  }
  const double start = boot_time + std::stod(f[19]) / ticks;
  const double rss = std::stod(f[21]) * static_cast<double>(::sysconf(_SC_PAGESIZE));
  std::size_t fds = 0;
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++fds;
  }
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  out << std::fixed << std::setprecision(2)
      << "# HELP process_cpu_seconds_total User and system CPU time spent in seconds.\n"
      << "# TYPE process_cpu_seconds_total counter\n"
      << "process_cpu_seconds_total " << cpu << "\n"
      << std::setprecision(0)
      << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      << "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << rss << "\n"
      << "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
      << "# TYPE process_virtual_memory_bytes gauge\n"
      << "process_virtual_memory_bytes " << f[20] << "\n"
      << "# HELP process_start_time_seconds Start time of the process since the epoch.\n"
      << "# TYPE process_start_time_seconds gauge\n"
      << "process_start_time_seconds " << start << "\n"
      << "# HELP process_open_fds Number of open file descriptors.\n"
      << "# TYPE process_open_fds gauge\n"
      << "process_open_fds " << fds << "\n"
      << "# HELP process_max_fds Maximum number of open file descriptors.\n"
      << "# TYPE process_max_fds gauge\n"
      << "process_max_fds " << limit.rlim_cur << "\n";
  out.unsetf(std::ios::floatfield);
  out << std::setprecision(6);
}

}  // namespace

std::string Metrics::Render(const search::IndexInfo* index) const {
  std::ostringstream out;
  out << "# HELP kb_build_info The version of kb-searchd; always 1.\n"
      << "# TYPE kb_build_info gauge\n"
      << "kb_build_info{version=\"" << kVersion << "\"} 1\n";
  RenderProcess(out);
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
    out << "# HELP kb_index_failed_files Files kb-indexer could not read (until they change).\n"
        << "# TYPE kb_index_failed_files gauge\n"
        << "kb_index_failed_files " << index->failed_files << "\n"
        << "# HELP kb_indexer_running 1 while a kb-indexer run is writing the index.\n"
        << "# TYPE kb_indexer_running gauge\n"
        << "kb_indexer_running " << (index->indexer_state == "running" ? 1 : 0) << "\n"
        << "# HELP kb_indexer_files_done Files the current or last kb-indexer run has done.\n"
        << "# TYPE kb_indexer_files_done gauge\n"
        << "kb_indexer_files_done " << index->indexer_files_done << "\n"
        << "# HELP kb_indexer_files_planned Files the current or last kb-indexer run has to do.\n"
        << "# TYPE kb_indexer_files_planned gauge\n"
        << "kb_indexer_files_planned " << index->indexer_files_total << "\n";
    if (index->shards > 0) {
      out << "# HELP kb_shards Shards of the index (kb-searchd --shard).\n"
          << "# TYPE kb_shards gauge\n"
          << "kb_shards " << index->shards << "\n"
          << "# HELP kb_shards_failed Shards that did not answer at the last attempt; while "
             "above 0, answers are partial.\n"
          << "# TYPE kb_shards_failed gauge\n"
          << "kb_shards_failed " << index->failed_shards.size() << "\n";
    }
    // "2026-12-06T23:59:01Z", as kb-indexer records it.
    std::tm parts{};
    if (strptime(index->last_update.c_str(), "%Y-%m-%dT%H:%M:%S", &parts) != nullptr) {
      out << "# HELP kb_index_last_update_timestamp_seconds When kb-indexer last committed.\n"
          << "# TYPE kb_index_last_update_timestamp_seconds gauge\n"
          << "kb_index_last_update_timestamp_seconds " << static_cast<long long>(timegm(&parts))
          << "\n";
    }
  }
  return out.str();
}

}  // namespace kb::http
