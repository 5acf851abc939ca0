// The kb-searchd HTTP server: the route table, static files, access log and metrics.
//
//   GET /api/search              search (kb/search/search_request.h), exports (format=ris,
//                                bibtex, csv, apa: citation_export.h) and feeds (format=atom)
//   GET /api/passages            the passages that answer a question
//   GET /api/documents/{id}      metadata, page texts, similar documents, citation metadata
//   GET /api/documents/{id}/file the original file of an indexed document
//   GET /api/suggest?q=          completions
//   GET /api/health              index document count, last update, schema version, indexer
//   GET /api/catalog             theme, kind and evidence names; upload extensions
//   GET /api/openapi.json        the OpenAPI 3.1 description of every route
//   GET /metrics                 Prometheus text format
//   GET /sitemap.xml, /opensearch.xml   for crawlers and browsers (feeds.h)
//   OPTIONS /api/...             CORS preflights (http_conventions.h)
//   /api/editor/*                the editors' API (kb/http/editor_api.h)
//   GET /redactie, /redactie/    the editors' page, web_dir/redactie/index.html
//   GET /?doc=ID                 the page with the document's citation tags in its HTML
//   GET /...                     files under ServerOptions::web_dir
// The public routes are kPublicRoutes (Server::PublicRoutes()); searchd/http/openapi.json
// describes them all, and a test holds the two together.
//
// Every error is JSON {"error": {"code", "message", "param"}}; statuses come from
// error_mapper.h only.
// Messages are Dutch (a user reads them) and keep parameter names, values and routes verbatim;
// codes are English identifiers for programs.
// Thread-safety: handlers run on the worker threads of a BoundedTaskQueue; each leases a
// Searcher from the pool for the duration of one request.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kb/core/status.h"
#include "kb/http/editor_api.h"
#include "kb/http/guarded_server.h"
#include "kb/search/searcher_pool.h"

namespace kb::http {

// Every response carries kContentSecurityPolicy (the page loads only its own scripts, styles
// and images, and no site may frame it), Referrer-Policy no-referrer and nosniff. A Range header
// with more than kMaxRanges ranges, or with overlapping ones, is ignored (RFC 9110 allows it):
// the whole file is sent once instead of the same bytes thousands of times. A request with more
// than kMaxHeaderCount header lines gets 431.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";
inline constexpr size_t kMaxRanges = 8;
inline constexpr size_t kMaxHeaderCount = 100;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0: any free port (see Bind())
  std::filesystem::path web_dir;      // empty: no static files
  size_t threads = 16;                // worker threads; use the SearcherPool's size
  size_t max_queued = 256;            // accepted connections waiting for a worker
  size_t max_body_bytes = 64 * 1024;  // larger request bodies get 413 (except uploads)
  bool access_log = true;             // one line per request on stderr
  // The access log's lines: "text" (time, client, method, target, route, status, bytes,
  // duration, request id) or "json" (the same as one JSON object per line).
  enum class LogFormat { kText, kJson };
  LogFormat log_format = LogFormat::kText;
  // The address the public reaches this server at ("https://zoek.example.nl"), for absolute
  // links in exports. Empty: "http://" + host:port of --listen. Never taken from the request's
  // Host header, which any client can set.
  std::string public_url;
  // Origins whose pages may call the public API (GET) from a browser: CORS. "*" is any origin
  // (the public API is read-only and uses no credentials); empty: no CORS headers at all.
  // The editors' API never answers other origins.
  std::vector<std::string> cors_origins = {"*"};
  EditorApiOptions editor;  // editor.store null: /api/editor answers 503
  // Deadlines, sizes and per-address limits of connections (slow or silent clients cannot hold
  // the workers). Its exempt_addresses should be editor.trusted_proxies.
  ConnectionLimits connections;
};

// A public route: method and path template ("{id}" a document id).
struct PublicRouteInfo {
  std::string_view method;
  std::string_view path;
};

// The OpenAPI 3.1 description of every route (searchd/http/openapi.json, built in), served at
// /api/openapi.json.
std::string_view OpenApiDescription();

class Server {
 public:
  Server(search::SearcherPool& pool, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port (the chosen one when options.port is 0).
  Result<int> Bind();
  // Serves until Stop(); call after Bind().
  Status Serve();
  // Thread-safe; makes Serve() return.
  void Stop();
  // True once the server accepts connections.
  bool running() const;

  // Every public route kb-searchd answers (the editors' routes are EditorRoutes()).
  static std::vector<PublicRouteInfo> PublicRoutes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::http
