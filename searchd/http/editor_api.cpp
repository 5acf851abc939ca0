// The editors' route table and its one authentication gate.
#include <algorithm>
#include <string>

#include "editor_service.h"
#include "kb/http/error_mapper.h"

namespace kb::http {

namespace {

using Handler = void (EditorService::*)(EditorCall&);

struct Route {
  std::string_view method;
  std::string_view path;
  Access access;
  Handler handler;
};

// One line per endpoint. A route missing here does not exist; a kEditor route cannot be reached
// without an editor.
constexpr Route kRoutes[] = {
    {"POST", "/api/editor/login", Access::kOpen, &EditorService::Login},
    {"GET", "/api/editor/session", Access::kOpen, &EditorService::SessionInfo},
    {"POST", "/api/editor/logout", Access::kEditor, &EditorService::Logout},
    {"GET", "/api/editor/documents/{id}", Access::kEditor, &EditorService::GetDocument},
    {"PUT", "/api/editor/documents/{id}", Access::kEditor, &EditorService::PutDocument},
    {"POST", "/api/editor/documents/{id}/notes", Access::kEditor, &EditorService::AddNote},
    {"POST", "/api/editor/merges", Access::kEditor, &EditorService::Merge},
    {"DELETE", "/api/editor/merges/{id}", Access::kEditor, &EditorService::Unmerge},
    {"POST", "/api/editor/duplicates/reject", Access::kEditor, &EditorService::RejectDuplicate},
    {"GET", "/api/editor/queues", Access::kEditor, &EditorService::Queues},
    {"GET", "/api/editor/queues/{name}", Access::kEditor, &EditorService::Queue},
    {"GET", "/api/editor/search", Access::kEditor, &EditorService::Search},
    {"POST", kUploadRoute, Access::kEditor, &EditorService::Upload},
    {"GET", "/api/editor/status", Access::kEditor, &EditorService::IndexStatus},
    {"GET", "/api/editor/themes", Access::kEditor, &EditorService::Themes},
    {"GET", "/api/editor/audit", Access::kEditor, &EditorService::Audit},
};

bool IsRead(const httplib::Request& req) { return req.method == "GET" || req.method == "HEAD"; }

}  // namespace

std::string RoutePattern(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size();) {
    if (path[i] == '{') {
      const size_t close = path.find('}', i);
      out += "([^/]+)";
      i = close + 1;
    } else {
      out.push_back(path[i++]);
    }
  }
  return out;
}

std::vector<EditorRouteInfo> EditorRoutes() {
  std::vector<EditorRouteInfo> out;
  for (const Route& r : kRoutes) out.push_back({r.method, r.path, r.access});
  return out;
}

namespace {
// The answer of every editors' route when kb-searchd runs without an editorial store.
Status NoStore() {
  return Status::Unavailable(
      "de redactie is niet beschikbaar: kb-searchd draait zonder redactieopslag (zie "
      "--editorial)");
}
}  // namespace

EditorService::EditorService(search::SearcherPool& pool, EditorApiOptions options)
    : pool_(pool), options_(std::move(options)), limiter_(options_.login_limits) {}

void EditorService::Install(httplib::Server& server) {
  for (const Route& route : kRoutes) {
    auto handler = [this, route](const httplib::Request& req, httplib::Response& res) {
      if (options_.store == nullptr) {
        return SendError(res, NoStore());
      }
      EditorCall call{req, res, ""};
      if (route.access == Access::kEditor) {
        Proof proof = Authenticate(req);
        if (!proof.refusal.status.ok()) return SendRefusal(res, proof.refusal);
        call.editor = std::move(proof.editor);
      }
      (this->*route.handler)(call);
    };
    const std::string pattern = RoutePattern(route.path);
    if (route.method == "GET") server.Get(pattern, handler);
    if (route.method == "POST") server.Post(pattern, handler);
    if (route.method == "PUT") server.Put(pattern, handler);
    if (route.method == "DELETE") server.Delete(pattern, handler);
  }
  // Anything else under /api/editor does not exist (and so changes nothing).
  auto unknown = [](const httplib::Request& req, httplib::Response& res) {
    SendError(res, ProtocolError::kRouteNotFound,
              "onbekende route: " + req.method + " " + req.path.substr(0, 200));
  };
  for (auto add : {&httplib::Server::Get, &httplib::Server::Post, &httplib::Server::Put,
                   &httplib::Server::Delete, &httplib::Server::Patch}) {
    (server.*add)(R"(/api/editor(/.*)?)", unknown);
  }
}

std::string ClientAddress(const std::string& remote_addr, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  if (forwarded_for.empty() || std::find(trusted_proxies.begin(), trusted_proxies.end(),
                                         remote_addr) == trusted_proxies.end()) {
    return remote_addr;
  }
  // "client, proxy1, proxy2": the last entry is the one our proxy wrote.
  const size_t comma = forwarded_for.rfind(',');
  std::string last = forwarded_for.substr(comma == std::string::npos ? 0 : comma + 1);
  last.erase(0, last.find_first_not_of(' '));
  last.erase(last.find_last_not_of(' ') + 1);
  return last.empty() ? remote_addr : last;
}

std::string EditorService::AddressOf(const httplib::Request& req) const {
  return ClientAddress(req.remote_addr, req.get_header_value("X-Forwarded-For"),
                       options_.trusted_proxies);
}

bool EditorService::RefuseUploadBeforeBody(const httplib::Request& req, httplib::Response& res) {
  if (options_.store == nullptr) {
    SendError(res, NoStore());
    return true;
  }
  if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos) {
    SendError(res, ProtocolError::kLengthRequired,
              "een upload moet zijn grootte vooraf noemen (Content-Length); "
              "stuur het bestand als gewoon formulier");
    return true;
  }
  Proof proof = Authenticate(req);
  if (proof.refusal.status.ok()) return false;
  SendRefusal(res, proof.refusal);
  return true;
}

EditorService::Proof EditorService::Authenticate(const httplib::Request& req) {
  Proof proof;
  const std::string authorization = req.get_header_value("Authorization");
  if (!authorization.empty()) {
    // A Bearer token wins over a cookie; a wrong one never falls back to the cookie.
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.rfind(kBearer, 0) != 0) {
      proof.refusal = {
          Status::Unauthenticated("de Authorization-header moet 'Bearer <sleutel>' zijn")};
      return proof;
    }
    const auto now = editing::LoginLimiter::Clock::now();
    const std::string address = AddressOf(req);
    if (const auto wait = limiter_.RetryAfter(address, now); wait.count() > 0) {
      proof.refusal = TooManyAttempts(wait);
      return proof;
    }
    auto editor =
        options_.accounts->EditorForToken(std::string_view(authorization).substr(kBearer.size()));
    if (!editor.ok()) {
      proof.refusal = {Status::Unavailable("de redactieopslag is niet bereikbaar: " +
                                           editor.status().message())};
    } else if (!editor->has_value()) {
      // A right token later does not forget these failures (a login does): one editor's token
      // must not reset the count of guesses at another's.
      limiter_.RecordFailure(address, now);
      proof.refusal = {Status::Unauthenticated(
          "onbekende of ingetrokken sleutel; vraag een beheerder om een nieuwe "
          "(kb-admin editor add NAAM)")};
    } else {
      proof.editor = **editor;
    }
    return proof;
  }
  const std::string session_token = CookieValue(req, kSessionCookie);
  if (session_token.empty()) {
    proof.refusal = {Status::Unauthenticated(
        "niet ingelogd: log in op /redactie of stuur 'Authorization: Bearer <sleutel>'")};
    return proof;
  }
  auto session = options_.accounts->FindSession(session_token);
  if (!session.ok()) {
    proof.refusal = {
        Status::Unavailable("de redactieopslag is niet bereikbaar: " + session.status().message())};
    return proof;
  }
  if (!session->has_value()) {
    proof.refusal = {Status::Unauthenticated("de sessie is verlopen of beëindigd; log opnieuw in")};
    return proof;
  }
  if (!IsRead(req) && !(*session)->AcceptsCsrf(req.get_header_value("X-CSRF-Token"))) {
    proof.refusal = {Status::PermissionDenied(
        "header 'X-CSRF-Token' ontbreekt of klopt niet; herlaad de pagina en probeer het opnieuw")};
    return proof;
  }
  proof.editor = (*session)->editor;
  return proof;
}

void EditorService::Enqueued() const {
  if (options_.on_enqueued) options_.on_enqueued();
}

// --- Helpers ------------------------------------------------------------------------------

void SendJsonStatus(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void SendRefusal(httplib::Response& res, const Refusal& refusal) {
  SendError(res, refusal.status, {.code = {}, .retry_after = refusal.retry_after});
}

Refusal TooManyAttempts(std::chrono::seconds wait) {
  return {Status::RateLimited(
              "te veel mislukte inlogpogingen of verkeerde sleutels vanaf dit adres; probeer het "
              "over " +
              std::to_string((wait.count() + 59) / 60) + " minuten opnieuw"),
          wait};
}

Result<nlohmann::json> BodyObject(const httplib::Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return kb::Status::InvalidArgument("de body moet een JSON-object zijn");
  }
  return body;
}

Result<std::string> StringField(const nlohmann::json& body, std::string_view field) {
  auto it = body.find(std::string(field));
  if (it == body.end() || !it->is_string()) {
    return kb::Status::InvalidArgument("veld \"" + std::string(field) +
                                       "\": ontbreekt of is geen tekst");
  }
  return it->get<std::string>();
}

kb::Status OnlyParameters(const httplib::Request& req,
                          std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : req.params) {
    if (search::IsIgnoredParameter(name)) continue;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return kb::InvalidParameter(name.substr(0, 60), "onbekend", "unknown_parameter");
    }
    if (req.get_param_value_count(name) > 1) return search::RepeatedParameter(name.substr(0, 60));
  }
  return kb::Status::Ok();
}

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  size_t i = 0;
  while (i < header.size()) {
    size_t end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + i, end - i);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
    i = end + 1;
  }
  return "";
}

}  // namespace kb::http
