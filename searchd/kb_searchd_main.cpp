// kb-searchd: serves an index built by kb-indexer over HTTP (JSON API, metrics, the web page).
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "kb/analysis/analyzer.h"
#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/http/server.h"
#include "kb/search/catalog.h"
#include "kb/search/searcher_pool.h"

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "kb-searchd: %s\n", message.c_str());
  return 2;
}

// "host:port" or ":port" or "port".
bool SplitListen(const std::string& listen, std::string& host, int& port) {
  const size_t colon = listen.rfind(':');
  const std::string port_text = colon == std::string::npos ? listen : listen.substr(colon + 1);
  if (colon != std::string::npos && colon > 0) host = listen.substr(0, colon);
  try {
    size_t used = 0;
    port = std::stoi(port_text, &used);
    return used == port_text.size() && port >= 0 && port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

// The catalog of theme and region names; a missing file only costs labels, so it warns.
kb::search::Catalog LoadCatalog(const std::filesystem::path& data_dir) {
  std::vector<kb::analysis::Theme> themes;
  std::vector<kb::analysis::Gemeente> gemeenten;
  auto theme_tagger = kb::analysis::ThemeTagger::Load(data_dir / "themes.toml");
  if (theme_tagger.ok()) {
    themes = theme_tagger->themes();
  } else {
    std::fprintf(stderr, "kb-searchd: warning: %s; theme names will show as slugs\n",
                 theme_tagger.status().message().c_str());
  }
  auto regions = kb::analysis::RegionTagger::Load(data_dir / "gazetteer.tsv");
  if (regions.ok()) {
    gemeenten = regions->gemeenten();
  } else {
    std::fprintf(stderr,
                 "kb-searchd: warning: %s; gemeente names and provincie filters by "
                 "gemeente are unavailable\n",
                 regions.status().message().c_str());
  }
  return kb::search::Catalog(themes, gemeenten);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb-searchd: beantwoordt zoekvragen over een kb-indexer-index via HTTP"};
  std::string db, listen = "127.0.0.1:8080", web, data = KB_DATA_DIR;
  size_t threads = 16;
  bool quiet = false;
  app.add_option("--db", db, "Index folder built by kb-indexer")->required();
  app.add_option("--listen", listen, "host:port to listen on (default 127.0.0.1:8080)");
  app.add_option("--web", web, "Folder served at / (the web page)")->check(CLI::ExistingDirectory);
  app.add_option("--threads", threads, "Worker threads, one index handle each (default 16)")
      ->check(CLI::Range(1, 256));
  app.add_option("--data", data, "Folder with themes.toml, gazetteer.tsv, synonyms")
      ->check(CLI::ExistingDirectory);
  app.add_flag("--quiet", quiet, "No access log on stderr");
  CLI11_PARSE(app, argc, argv);

  std::string host = "127.0.0.1";
  int port = 8080;
  if (!SplitListen(listen, host, port)) {
    return Fail("--listen '" + listen + "' is not host:port (e.g. 127.0.0.1:8080)");
  }

  kb::analysis::AnalysisConfig config;
  config.data_dir = data;
  auto resources = kb::analysis::LoadResources(config);
  if (!resources.ok()) return Fail(resources.status().message());

  kb::search::SearcherOptions options;
  options.db_path = db;
  options.resources = *resources;
  options.catalog = std::make_shared<const kb::search::Catalog>(LoadCatalog(data));
  options.shared = std::make_shared<kb::search::SearcherShared>();
  auto pool = kb::search::SearcherPool::Open(options, threads);
  if (!pool.ok()) return Fail(pool.status().message());

  // SIGINT/SIGTERM are taken by a dedicated thread (sigwait), which stops the server; blocked
  // here so every thread created later inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  kb::http::ServerOptions server_options;
  server_options.host = host;
  server_options.port = port;
  server_options.web_dir = web;
  server_options.threads = threads;
  server_options.access_log = !quiet;
  kb::http::Server server(**pool, server_options);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.status().message());

  std::thread signal_thread([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.Stop();
  });
  signal_thread.detach();

  auto info = (*pool)->Acquire()->Info();
  std::fprintf(stderr, "kb-searchd: serving %s (%llu documents) on http://%s:%d/\n", db.c_str(),
               info.ok() ? static_cast<unsigned long long>(info->document_count) : 0ULL,
               host.c_str(), *bound);
  kb::Status served = server.Serve();
  if (!served.ok()) return Fail(served.message());
  return 0;
}
