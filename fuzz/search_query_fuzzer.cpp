// Fuzzes a search as kb-searchd serves GET /api/search and /api/suggest: the input is the query
// string after '?', decoded by httplib as the server decodes it; the parameters go through
// ParseSearchRequest and, when valid, Searcher::Search (query preparation, the QueryBuilder and
// Xapian's QueryParser, place names in the query, filters, facets, spelling, snippets) and the
// JSON of the result; a `q` also goes to Searcher::Suggest. The searcher runs on a small index
// of corpus/sample's text files, built once by the real indexing run.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <httplib.h>

#include "kb/analysis/analyzer.h"
#include "kb/http/error_mapper.h"
#include "kb/http/json_mapping.h"
#include "kb/index/indexing_run.h"
#include "kb/search/search_request.h"
#include "kb/search/searcher.h"
#include "process.h"

namespace {

namespace fs = std::filesystem;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "search_query_fuzzer: %s\n", message.c_str());
  std::exit(1);
}

// A temporary index of the samples and a searcher on it.
struct SearchFixture {
  kb::test::TempDir dir;
  std::unique_ptr<kb::search::Searcher> searcher;

  SearchFixture() {
    kb::analysis::AnalysisConfig config;
    kb::index::RunOptions run;
    run.db = fs::path(dir.path()) / "index";
    // The text and Markdown samples: PDFs would only slow the start (the worker's Poppler is
    // not what this fuzzer is about).
    for (const auto& entry : fs::directory_iterator(config.data_dir / "sample")) {
      const auto ext = entry.path().extension();
      if (ext == ".txt" || ext == ".md") run.roots.push_back(entry.path());
    }
    run.worker_command = {KB_EXTRACT_WORKER};
    run.threads = 1;
    run.log = std::fopen("/dev/null", "w");
    if (run.log == nullptr) Die("cannot open /dev/null");
    auto summary = kb::index::RunIndexing(run);
    std::fclose(run.log);
    if (!summary.ok()) Die(summary.status().ToString());
    if (summary->indexed == 0) Die("nothing was indexed from " + config.data_dir.string());

    auto resources = kb::analysis::LoadResources(config);
    if (!resources.ok()) Die(resources.status().ToString());
    kb::search::SearcherOptions options;
    options.db_path = run.db;
    options.resources = *resources;
    options.catalog = std::make_shared<const kb::search::Catalog>(
        kb::search::LoadCatalog(config.data_dir, stderr));
    options.shared = std::make_shared<kb::search::SearcherShared>();
    auto opened = kb::search::Searcher::Open(options);
    if (!opened.ok()) Die(opened.status().ToString());
    searcher = std::move(opened).value();
  }
};

// One fixture for the whole run: libFuzzer gives the callback no context.
kb::search::Searcher& TheSearcher() {
  static SearchFixture fixture;
  return *fixture.searcher;
}

}  // namespace

// Builds the index before the first input, so no input is charged with the indexing time.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)TheSearcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kb::search::Searcher& searcher = TheSearcher();
  httplib::Params decoded;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size),
                                    decoded);
  // As the /api/search route: the decoded pairs, without `format` (how to answer, not what to
  // search for).
  kb::search::QueryParams params;
  for (const auto& [name, value] : decoded) {
    if (name != "format") params.emplace_back(name, value);
  }
  auto request = kb::search::ParseSearchRequest(params);
  if (!request.ok()) {
    (void)kb::http::ErrorJson(kb::http::ErrorCodeFor(request.status().kind()),
                              request.status().message());
  } else if (auto result = searcher.Search(*request); result.ok()) {
    (void)kb::http::SearchResultJson(*result);
  } else {
    (void)kb::http::ErrorJson(kb::http::ErrorCodeFor(result.status().kind()),
                              result.status().message());
  }
  // As /api/suggest (which takes at most 200 bytes of `q`).
  if (auto q = decoded.find("q"); q != decoded.end() && q->second.size() <= 200) {
    if (auto suggestions = searcher.Suggest(q->second); suggestions.ok()) {
      (void)kb::http::SuggestionsJson(q->second, *suggestions);
    }
  }
  return 0;
}
