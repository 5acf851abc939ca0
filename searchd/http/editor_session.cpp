// Login, logout and the session probe.
#include <string>

#include "editor_service.h"

namespace kb::http {

namespace {

std::string SessionCookie(const httplib::Request& req, const std::string& value,
                          std::int64_t max_age) {
  // Secure only behind an HTTPS proxy: on plain http the browser would drop the cookie.
  const bool https = req.get_header_value("X-Forwarded-Proto") == "https";
  return std::string(kSessionCookie) + "=" + value +
         "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age) +
         (https ? "; Secure" : "");
}

}  // namespace

void EditorService::Login(EditorCall& call) {
  const std::string address = AddressOf(call.req);
  const auto now = editing::LoginLimiter::Clock::now();
  // A blocked address is refused before its token is even looked at, right or wrong.
  if (const auto wait = limiter_.RetryAfter(address, now); wait.count() > 0) {
    return SendRefusal(call.res, TooManyAttempts(wait));
  }
  auto body = BodyObject(call.req);
  if (!body.ok()) return SendError(call.res, body.status());
  auto token = StringField(*body, "token");
  if (!token.ok()) return SendError(call.res, token.status());
  auto editor = options_.accounts->EditorForToken(*token);
  if (!editor.ok()) return SendError(call.res, editor.status());
  if (!editor->has_value()) {
    limiter_.RecordFailure(address, now);
    return SendError(call.res, kb::Status::Unauthenticated("onbekende of ingetrokken sleutel"));
  }
  limiter_.RecordSuccess(address);
  auto session = options_.accounts->CreateSession(**editor, options_.session_seconds);
  if (!session.ok()) return SendError(call.res, session.status());
  call.res.set_header("Set-Cookie",
                      SessionCookie(call.req, session->token, options_.session_seconds));
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200, {{"editor", session->editor}, {"csrf", session->csrf}});
}

void EditorService::Logout(EditorCall& call) {
  const std::string session_token = CookieValue(call.req, kSessionCookie);
  if (!session_token.empty()) {
    if (kb::Status st = options_.accounts->EndSession(session_token); !st.ok()) {
      return SendError(call.res, st);
    }
  }
  call.res.set_header("Set-Cookie", SessionCookie(call.req, "", 0));
  call.res.status = 204;
}

void EditorService::SessionInfo(EditorCall& call) {
  call.res.set_header("Cache-Control", "no-store");
  const std::string session_token = CookieValue(call.req, kSessionCookie);
  if (session_token.empty()) {
    return SendError(call.res, kb::Status::Unauthenticated("niet ingelogd"));
  }
  auto session = options_.accounts->FindSession(session_token);
  if (!session.ok()) return SendError(call.res, session.status());
  if (!session->has_value()) {
    return SendError(call.res, kb::Status::Unauthenticated(
                                   "de sessie is verlopen of beëindigd; log opnieuw in"));
  }
  SendJsonStatus(call.res, 200, {{"editor", (*session)->editor}, {"csrf", (*session)->csrf}});
}

}  // namespace kb::http
