// The editors' HTTP API (/api/editor/*); errors are JSON {"error": {"code", "message"}} with
// Dutch messages naming the parameter or field ('veld "date": ...').
//
//   POST   /login {"token"}            -> {"editor","csrf"} + cookie kb_session; 401; 429 after
//                                         5 failures per address in 10 minutes (Retry-After)
//   GET    /session                    -> {"editor","csrf"} or 401;   POST /logout -> 204
//   GET    /documents/{id}             -> {"document" (also hidden/merged; pages, machine facts,
//                                         review flags), "override", "notes", "audit"}
//   PUT    /documents/{id}             Override JSON (kb/editorial/override.h) -> {"override",
//                                         "pending": true}; 400 names the field; 404
//   POST   /documents/{id}/notes       {"text"} -> 201
//   POST   /merges {"kept","duplicate"} -> 201;   DELETE /merges/{duplicate} -> 204
//   POST   /duplicates/reject {"a","b"} -> 204
//   GET    /queues                     -> {"queues": [{"name","label","count"}]}: title, date,
//                                         no-theme, no-region, low-confidence, duplicates
//   GET    /queues/{name}?offset&limit -> {"name","total","items"}
//   GET    /search?q&offset&limit      -> {"query","total","offset","items"}: every document,
//                                         hidden and merged ones too, with its state
//   POST   /upload                     multipart parts "file" -> 201 {"files": [{"name","path",
//                                         "id","status"}]}; 400 type, 413 size, 409 no upload dir
//   GET    /status                     -> {"pending","generation","last_update","documents"}
//   GET    /themes                     -> the catalogue as /api/catalog: {"themes", "kinds",
//                                         "evidence", "extensions"}
//   GET    /audit?doc&limit            -> {"entries"}
//
// Authentication is decided in one place for every route: the route table (EditorRoutes())
// declares each route kOpen or kEditor, and a kEditor handler runs only after the request
// proved an editor — "Authorization: Bearer <token>", or the kb_session cookie plus, on every
// non-GET request, "X-CSRF-Token" equal to the session's. Otherwise 401 (no or unknown
// credentials) or 403 (cookie without the right CSRF token), and nothing is changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/editing/editor_accounts.h"
#include "kb/editing/login_limiter.h"
#include "kb/editorial/store.h"
#include "kb/search/catalog.h"

namespace kb::http {

struct EditorApiOptions {
  editorial::EditorialStore* store = nullptr;      // null: every /api/editor route answers 503
  editing::EditorAccounts* accounts = nullptr;     // who may edit; required with store
  std::shared_ptr<const search::Catalog> catalog;  // for validating overrides; required with store
  std::filesystem::path upload_dir;                // absolute; empty: uploads answer 409
  std::size_t max_upload_bytes = 50u << 20;        // per request; larger gets 413
  std::function<void()> on_enqueued;               // after each save (wakes the applier)
  editing::LoginLimiter::Options login_limits;     // 5 failures per address per 10 minutes
  std::int64_t session_seconds = 43200;            // cookie Max-Age and session lifetime
  // Addresses of reverse proxies (--trusted-proxy). A request from one of them is counted for
  // the login limits under the client address its X-Forwarded-For names last (the one the proxy
  // added); from anyone else X-Forwarded-For is ignored, so a client cannot pick its address.
  std::vector<std::string> trusted_proxies;
};

// The address the login limits count `remote_addr` under (see trusted_proxies).
std::string ClientAddress(const std::string& remote_addr, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

enum class Access {
  kOpen,    // anyone (login, the session probe)
  kEditor,  // an authenticated editor; with a cookie also the CSRF header on non-GET
};

struct EditorRouteInfo {
  std::string_view method;  // "GET", "POST", "PUT", "DELETE"
  std::string_view path;    // template: "{id}" a document id, "{name}" a queue name
  Access access;
};

// Every /api/editor route, in matching order.
std::vector<EditorRouteInfo> EditorRoutes();

inline constexpr std::string_view kUploadRoute = "/api/editor/upload";

}  // namespace kb::http
