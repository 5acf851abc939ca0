// kb-search-floor: the floor under kb-searchd's query latency. Runs the same query mix as
// bench/searchd/run.sh through kb_search's Searcher in-process (the same Xapian queries, facets,
// snippets and page lookups) without HTTP or JSON, on T threads with one Searcher each, and prints
// the same RESULT line as bench/searchd/search.lua so run.sh can put it in the same table.
//
//   kb-search-floor --db INDEX --queries bench/searchd/queries.tsv --threads 2 --seconds 10
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "kb/analysis/analyzer.h"
#include "kb/search/catalog.h"
#include "kb/search/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

// "q=a%20b&provincie=X" -> {("q", "a b"), ("provincie", "X")}
kb::search::QueryParams ParseQueryString(const std::string& query) {
  kb::search::QueryParams params;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      params.emplace_back(PercentDecode(pair.substr(0, eq)),
                          eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1)));
    }
    start = end + 1;
  }
  return params;
}

// The first column of every non-comment line of the query mix.
std::vector<kb::search::SearchRequest> LoadRequests(const std::string& file) {
  std::vector<kb::search::SearchRequest> requests;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto request =
        kb::search::ParseSearchRequest(ParseQueryString(line.substr(0, line.find('\t'))));
    if (!request.ok()) {
      std::fprintf(stderr, "kb-search-floor: %s: %s\n", file.c_str(),
                   request.status().message().c_str());
      continue;
    }
    requests.push_back(*request);
  }
  return requests;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t index = std::min(sorted.size() - 1, static_cast<size_t>(p / 100 * sorted.size()));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb-search-floor: the query mix in-process, without HTTP"};
  std::string db, queries, data = KB_DATA_DIR;
  unsigned threads = 2;
  double seconds = 10;
  app.add_option("--db", db, "Index built by kb-indexer")->required();
  app.add_option("--queries", queries, "Query mix (bench/searchd/queries.tsv)")->required();
  app.add_option("--threads", threads, "Threads, one Searcher each")->check(CLI::Range(1, 256));
  app.add_option("--seconds", seconds, "How long to run after one warm-up round");
  app.add_option("--data", data, "Folder with themes.toml and gazetteer.tsv");
  CLI11_PARSE(app, argc, argv);

  kb::analysis::AnalysisConfig config;
  config.data_dir = data;
  auto resources = kb::analysis::LoadResources(config);
  if (!resources.ok()) {
    std::fprintf(stderr, "kb-search-floor: %s\n", resources.status().message().c_str());
    return 2;
  }
  kb::search::SearcherOptions options;
  options.db_path = db;
  options.resources = *resources;
  options.catalog =
      std::make_shared<const kb::search::Catalog>(kb::search::LoadCatalog(data, stderr));
  options.shared = std::make_shared<kb::search::SearcherShared>();

  const auto requests = LoadRequests(queries);
  if (requests.empty()) {
    std::fprintf(stderr, "kb-search-floor: no requests in %s\n", queries.c_str());
    return 2;
  }

  std::atomic<size_t> errors{0};
  std::vector<std::vector<double>> latencies(threads);
  std::vector<std::thread> workers;
  std::latch warmed(threads);
  std::atomic<Clock::time_point> deadline{Clock::time_point::max()};
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      auto searcher = kb::search::Searcher::Open(options);
      if (!searcher.ok()) {
        std::fprintf(stderr, "kb-search-floor: %s\n", searcher.status().message().c_str());
        ++errors;
        warmed.count_down();
        return;
      }
      for (const auto& request : requests) (void)(*searcher)->Search(request);  // warm-up
      warmed.arrive_and_wait();
      if (t == 0)
        deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(seconds));
      while (deadline.load() == Clock::time_point::max()) std::this_thread::yield();
      for (size_t i = t * 7; Clock::now() < deadline.load(); ++i) {
        const auto before = Clock::now();
        if (!(*searcher)->Search(requests[i % requests.size()]).ok()) ++errors;
        latencies[t].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - before).count());
      }
    });
  }
  for (auto& worker : workers) worker.join();

  std::vector<double> all;
  for (const auto& per_thread : latencies)
    all.insert(all.end(), per_thread.begin(), per_thread.end());
  std::sort(all.begin(), all.end());
  std::printf(
      "RESULT requests=%zu seconds=%.2f rps=%.1f median_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
      "max_ms=%.2f non200=%zu socket_errors=0\n",
      all.size(), seconds, all.size() / seconds, Percentile(all, 50), Percentile(all, 90),
      Percentile(all, 99), all.empty() ? 0.0 : all.back(), errors.load());
  return 0;
}
