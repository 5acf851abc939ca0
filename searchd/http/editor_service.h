// EditorService: the handlers behind the editors' route table (private to kb_http).
//
// editor_api.cpp owns the route table and the one authentication gate; the handlers here
// (editor_documents.cpp, editor_review.cpp, editor_upload.cpp, editor_session.cpp) only ever run
// for the routes the table gives them, and a kEditor handler receives the proven editor's name.
// Thread-safety: handlers run concurrently on the server's workers; the store and limiter are
// thread-safe and each handler leases its own Searcher.
#pragma once

#include <chrono>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "kb/core/status.h"
#include "kb/editing/login_limiter.h"
#include "kb/http/editor_api.h"
#include "kb/http/error_mapper.h"
#include "kb/search/searcher_pool.h"

namespace kb::http {

struct EditorCall {
  const httplib::Request& req;
  httplib::Response& res;
  std::string editor;  // the authenticated editor; empty on kOpen routes
};

// Why the editors' gate refuses a request: the Status's kind decides the HTTP answer (through
// the error mapper); `retry_after` goes with RateLimited.
struct Refusal {
  Status status;  // ok(): nothing refused
  std::chrono::seconds retry_after{0};
};

class EditorService {
 public:
  EditorService(search::SearcherPool& pool, EditorApiOptions options);

  // Registers every route of the table on `server`.
  void Install(httplib::Server& server);

  // Before a request's body is read (httplib's pre-routing): answers an upload that is not
  // authenticated (401/403/429/503) or not sized (chunked: 411) and returns true, so no anonymous
  // client makes the server read megabytes it will refuse.
  bool RefuseUploadBeforeBody(const httplib::Request& req, httplib::Response& res);

  // --- Handlers (one per table row).
  void Login(EditorCall& call);
  void Logout(EditorCall& call);
  void SessionInfo(EditorCall& call);
  void GetDocument(EditorCall& call);
  void PutDocument(EditorCall& call);
  void AddNote(EditorCall& call);
  void Merge(EditorCall& call);
  void Unmerge(EditorCall& call);
  void RejectDuplicate(EditorCall& call);
  void Queues(EditorCall& call);
  void Queue(EditorCall& call);
  // Every document, hidden and merged ones included, by q (Dutch query syntax; empty: newest
  // first), with its editorial state: {query, total, offset, items: [...]}.
  void Search(EditorCall& call);
  void Upload(EditorCall& call);
  void IndexStatus(EditorCall& call);
  // Every theme of the taxonomy, also those no document carries yet: [{slug, name}].
  void Themes(EditorCall& call);
  void Audit(EditorCall& call);

 private:
  // The gate: the editor a request proves, or why not.
  struct Proof {
    std::string editor;
    Refusal refusal;  // ok() when proven
  };
  // Wrong Bearer tokens count as failed logins of the client's address (limiter_), and a blocked
  // address is refused before its token is looked at, as at login.
  Proof Authenticate(const httplib::Request& req);
  // The address the login limits count the request under (ClientAddress).
  std::string AddressOf(const httplib::Request& req) const;
  void Enqueued() const;

  search::SearcherPool& pool_;
  EditorApiOptions options_;
  editing::LoginLimiter limiter_;
};

// --- Helpers shared by the handler files.
// A route's path as httplib's pattern: "{id}" and "{name}" become one path segment each
// (handlers validate the value).
std::string RoutePattern(std::string_view path);
void SendJsonStatus(httplib::Response& res, int status, const nlohmann::json& body);
void SendRefusal(httplib::Response& res, const Refusal& refusal);
// 429 for an address that must wait `wait` after too many failed logins or wrong tokens.
Refusal TooManyAttempts(std::chrono::seconds wait);
// The request body as a JSON object; InvalidArgument (Dutch) otherwise.
Result<nlohmann::json> BodyObject(const httplib::Request& req);
// A string field of `body`; InvalidArgument naming it when missing or not a string.
Result<std::string> StringField(const nlohmann::json& body, std::string_view field);
// Rejects query parameters outside `allowed`. Not for routes with a body: httplib puts a form
// body's fields among the parameters, and a JSON route ignores the query.
kb::Status OnlyParameters(const httplib::Request& req,
                          std::initializer_list<std::string_view> allowed);
// The value of cookie `name`, or "".
std::string CookieValue(const httplib::Request& req, std::string_view name);

inline constexpr std::string_view kSessionCookie = "kb_session";

}  // namespace kb::http
