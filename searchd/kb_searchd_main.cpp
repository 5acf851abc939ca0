// kb-searchd: serves an index built by kb-indexer over HTTP (JSON API, metrics, the web page).
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "kb/core/command_line.h"

#include "kb/analysis/analyzer.h"
#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/editing/applier.h"
#include "kb/editing/editor_accounts.h"
#include "kb/editing/login_limiter.h"
#include "kb/editorial/store.h"
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

// Everything the command line sets.
struct Flags {
  std::string db, listen = "127.0.0.1:8080", web, data = KB_DATA_DIR;
  size_t threads = 16;
  bool quiet = false;
  std::string log_format = "text";
  std::string public_url;
  std::vector<std::string> cors_origins = {"*"};
  std::vector<std::string> trusted_proxies;
  size_t max_connections_per_address = kb::http::ConnectionLimits{}.max_per_address;
  std::string editorial, upload_dir, indexer;
  std::vector<std::string> shards;
  unsigned shard_timeout_ms = 2000;
  size_t max_upload_mb = 50;
  size_t max_failed_logins = kb::editing::LoginLimiter::Options{}.max_failures;
};

void AddFlags(CLI::App& app, Flags& f) {
  auto* db = app.add_option("--db", f.db, "Index folder built by kb-indexer");
  auto* shards = app.add_option(
      "--shard", f.shards,
      "host:port of a xapian-tcpsrv serving one shard of the index (built with kb-indexer "
      "--shard I/N); repeat for every shard, instead of --db. The editors' side is off");
  db->excludes(shards);
  app.add_option("--shard-timeout", f.shard_timeout_ms,
                 "Milliseconds a shard may take to connect or answer before a search leaves it "
                 "out and says so (default 2000)")
      ->check(CLI::Range(50, 600000));
  app.add_option("--listen", f.listen, "host:port to listen on (default 127.0.0.1:8080)");
  app.add_option("--web", f.web, "Folder served at / (the web page)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--threads", f.threads,
                 "Worker threads, one index handle each, two on an index whose searches rank "
                 "50,000 documents or more (default 16)")
      ->check(CLI::Range(1, 256));
  app.add_option("--data", f.data, "Folder with themes.toml, gazetteer.tsv, synonyms")
      ->check(CLI::ExistingDirectory);
  app.add_flag("--quiet", f.quiet, "No access log on stderr");
  app.add_option("--log-format", f.log_format,
                 "Access log lines: text (time, client, method, target, route, status, bytes, "
                 "duration, request id) or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--trusted-proxy", f.trusted_proxies,
                 "Address of a reverse proxy whose X-Forwarded-For names the client, for the "
                 "login limits (repeatable; default: none, X-Forwarded-For is ignored)");
  app.add_option("--public-url", f.public_url,
                 "Address the public reaches this server at, for links in exports (default: "
                 "http:// + --listen), e.g. https://zoek.example.nl");
  app.add_option("--cors-origin", f.cors_origins,
                 "Origin whose web pages may call the public API from the browser, e.g. "
                 "https://www.gemeente.nl (repeatable; default *, any origin; 'none' for no "
                 "CORS); never the editors' API");
  app.add_option("--max-connections-per-address", f.max_connections_per_address,
                 "Open connections one client address may have; more are answered 429 "
                 "(default 128; a --trusted-proxy is exempt)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--editorial", f.editorial,
                 "The editors' store (default: <db>.editorial.sqlite beside the index folder)");
  app.add_option("--upload-dir", f.upload_dir,
                 "Folder that editors' uploads go to; must be one of the corpus folders the "
                 "operator indexes (default: no uploads)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--max-upload-mb", f.max_upload_mb, "Largest upload in MB (default 50)")
      ->check(CLI::Range(1, 2048));
  app.add_option("--max-failed-logins", f.max_failed_logins,
                 "Failed logins and wrong Bearer keys one client address may make in 10 minutes "
                 "before it must wait (default 5)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--indexer", f.indexer,
                 "kb-indexer binary that applies saved edits (default: beside kb-searchd)")
      ->check(CLI::ExistingFile);
}

// The searchers' options: the index, the analysis data and the catalog from --data.
kb::Result<kb::search::SearcherOptions> SearcherOptionsOf(const Flags& f) {
  kb::analysis::AnalysisConfig config;
  config.data_dir = f.data;
  auto resources = kb::analysis::LoadResources(config);
  if (!resources.ok()) return resources.status();
  kb::search::SearcherOptions options;
  options.db_path = f.db;
  for (const std::string& text : f.shards) {
    auto shard = kb::search::ParseShardAddress(text);
    if (!shard.ok()) return shard.status();
    options.shards.push_back(*shard);
  }
  options.shard_timeout = std::chrono::milliseconds(f.shard_timeout_ms);
  options.resources = *resources;
  options.catalog =
      std::make_shared<const kb::search::Catalog>(kb::search::LoadCatalog(f.data, stderr));
  options.shared = std::make_shared<kb::search::SearcherShared>();
  return options;
}

// The kb-indexer that applies saved edits: --indexer, else the one beside this binary.
kb::Result<std::string> IndexerOf(const Flags& f) {
  if (!f.indexer.empty()) return f.indexer;
  std::error_code ec;
  auto found =
      kb::editing::Applier::FindIndexer(std::filesystem::read_symlink("/proc/self/exe", ec));
  if (!found.ok()) return found.status();
  return found->string();
}

kb::http::ServerOptions ServerOptionsOf(const Flags& f, const std::string& host, int port) {
  kb::http::ServerOptions o;
  o.host = host;
  o.port = port;
  o.web_dir = f.web;
  o.threads = f.threads;
  o.access_log = !f.quiet;
  o.log_format = f.log_format == "json" ? kb::http::ServerOptions::LogFormat::kJson
                                        : kb::http::ServerOptions::LogFormat::kText;
  o.public_url = f.public_url;
  o.cors_origins = f.cors_origins;
  std::erase(o.cors_origins, "none");
  o.editor.trusted_proxies = f.trusted_proxies;
  // A proxy speaks for all its clients and limits them itself.
  o.connections.exempt_addresses = f.trusted_proxies;
  o.connections.max_per_address = f.max_connections_per_address;
  if (!f.upload_dir.empty()) {
    o.editor.upload_dir =
        std::filesystem::absolute(f.upload_dir).lexically_normal();  // as kb-indexer spells roots
  }
  o.editor.max_upload_bytes = f.max_upload_mb << 20;
  o.editor.login_limits.max_failures = f.max_failed_logins;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb-searchd: beantwoordt zoekvragen over een kb-indexer-index via HTTP"};
  Flags flags;
  AddFlags(app, flags);
  kb::AddVersionFlag(app, "kb-searchd");
  kb::AddConfigFile(app, "kb-searchd");
  app.footer(
      "Exit codes: 0 stopped by SIGTERM or SIGINT (a clean shutdown: requests in flight are "
      "answered), 2 a wrong command line or an index, store or address that cannot be used.");
  if (auto exit_code = kb::ParseCommandLine(app, argc, argv)) return *exit_code;
  if (flags.db.empty() && flags.shards.empty()) {
    return Fail("give the index: --db FOLDER, or --shard HOST:PORT for each of its shards");
  }

  std::string host = "127.0.0.1";
  int port = 8080;
  if (!SplitListen(flags.listen, host, port)) {
    return Fail("--listen '" + flags.listen + "' is not host:port (e.g. 127.0.0.1:8080)");
  }
  auto options = SearcherOptionsOf(flags);
  if (!options.ok()) return Fail(options.status().message());
  // SIGINT/SIGTERM are taken by a dedicated thread (sigwait), which stops the server; blocked
  // before the first thread (the pool's warmer) starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto pool = kb::search::SearcherPool::Open(*options, flags.threads);
  if (!pool.ok()) return Fail(pool.status().message());

  kb::http::ServerOptions server_options = ServerOptionsOf(flags, host, port);
  // The editors' store and the applier that has kb-indexer apply saved edits; not for shards,
  // whose indexes live on other machines (the editors' API answers that it has no store).
  std::unique_ptr<kb::editorial::EditorialStore> store;
  std::optional<kb::editing::Applier> applier;
  std::optional<kb::editing::EditorAccounts> accounts;
  if (flags.shards.empty()) {
    const std::filesystem::path store_path =
        flags.editorial.empty() ? kb::editorial::EditorialStore::DefaultPathFor(flags.db)
                                : std::filesystem::path(flags.editorial);
    auto opened = kb::editorial::EditorialStore::Open(store_path);
    if (!opened.ok()) {
      return Fail("cannot open the editors' store '" + store_path.string() +
                  "': " + opened.status().message() + "; give another with --editorial FILE");
    }
    store = std::move(opened).value();
    auto indexer = IndexerOf(flags);
    if (!indexer.ok()) return Fail(indexer.status().message());
    kb::editing::ApplierOptions applier_options;
    applier_options.indexer = *indexer;
    applier_options.db = flags.db;
    applier_options.data_dir = flags.data;
    applier_options.store_path = store_path;
    applier_options.on_applied = [shared = options->shared] {
      shared->index_changes.fetch_add(1, std::memory_order_release);
    };
    applier.emplace(store->queue(), applier_options);
    accounts.emplace(store->connection());
    server_options.editor.store = store.get();
    server_options.editor.accounts = &*accounts;
    server_options.editor.on_enqueued = [&applier] { applier->Wake(); };
  }
  server_options.editor.catalog = options->catalog;
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
  std::string serving = flags.db;
  if (!flags.shards.empty()) {
    serving = std::to_string(flags.shards.size()) + " shards";
    if (info.ok() && !info->failed_shards.empty()) {
      serving += ", without " + std::to_string(info->failed_shards.size()) + " that did not answer";
    }
  }
  std::fprintf(stderr, "kb-searchd: serving %s (%llu documents) on http://%s:%d/\n",
               serving.c_str(),
               info.ok() ? static_cast<unsigned long long>(info->document_count) : 0ULL,
               host.c_str(), *bound);
  if (applier) applier->Start();
  kb::Status served = server.Serve();
  if (applier) applier->Stop();
  if (!served.ok()) return Fail(served.message());
  return 0;
}
