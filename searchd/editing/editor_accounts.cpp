// Editors and their sessions. A token or session id is never stored, only its SHA-256, so a copy
// of the store (or an export) does not let anyone log in.
#include "kb/editing/editor_accounts.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto.h"
#include "editor_accounts_sql.h"
#include "kb/editorial/audit_log.h"
#include "kb/editorial/utc_time.h"

namespace kb::editing {
namespace {

using editorial::AuditLog;
using editorial::Database;
using editorial::IsoUtc;
using editorial::NowIsoUtc;
using editorial::NowUnixSeconds;

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kCsrfBytes = 32;

// The editor recorded for changes made from the command line.
constexpr std::string_view kAdminEditor = "kb-admin";

bool IsValidEditorName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

std::string NameJson(std::string_view name) { return nlohmann::json({{"name", name}}).dump(); }

// -1 when there is no such editor, else 0 (removed) or 1 (active).
Result<int> EditorState(Database& db, std::string_view name) {
  auto stmt = db.Prepare(sql::kEditorGet);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, name);
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return -1;
  }
  return static_cast<int>((*stmt)->Int(0));
}

}  // namespace

bool Session::AcceptsCsrf(std::string_view header) const {
  return !csrf.empty() && crypto::ConstantTimeEqual(header, csrf);
}

Result<std::string> EditorAccounts::AddEditor(std::string_view name) {
  if (!IsValidEditorName(name)) {
    return Status::InvalidArgument("ongeldige redacteursnaam \"" + std::string(name) +
                                   "\": gebruik 1 tot 64 letters, cijfers, '.', '-' of '_'");
  }
  auto token = crypto::RandomHex(kTokenBytes);
  if (!token.ok()) return token.status();
  Status s = connection_.InTransaction([&](Database& db) -> Status {
    auto state = EditorState(db, name);
    if (!state.ok()) return state.status();
    if (*state == 1) {
      return Status::InvalidArgument("redacteur \"" + std::string(name) +
                                     "\" bestaat al; kies een andere naam of verwijder die eerst");
    }
    auto stmt = db.Prepare(sql::kEditorUpsert);
    if (!stmt.ok()) return stmt.status();
    Status run = (*stmt)
                     ->Bind(1, name)
                     .Bind(2, crypto::Sha256Hex(*token))
                     .Bind(3, NowIsoUtc())
                     .Bind(4, std::int64_t{1})
                     .Run();
    if (!run.ok()) return run;
    return AuditLog::AppendIn(
        db, {0, "", std::string(kAdminEditor), "editor-add", "", "", NameJson(name)});
  });
  if (!s.ok()) return s;
  return *token;
}

Status EditorAccounts::RemoveEditor(std::string_view name) {
  return connection_.InTransaction([&](Database& db) -> Status {
    auto state = EditorState(db, name);
    if (!state.ok()) return state.status();
    if (*state != 1) {
      return Status::NotFound("er is geen actieve redacteur \"" + std::string(name) +
                              "\"; `kb-admin editor list` toont ze");
    }
    auto deactivate = db.Prepare(sql::kEditorDeactivate);
    if (!deactivate.ok()) return deactivate.status();
    if (Status s = (*deactivate)->Bind(1, name).Run(); !s.ok()) return s;
    auto end_sessions = db.Prepare(sql::kSessionsDeleteEditor);
    if (!end_sessions.ok()) return end_sessions.status();
    if (Status s = (*end_sessions)->Bind(1, name).Run(); !s.ok()) return s;
    return AuditLog::AppendIn(
        db, {0, "", std::string(kAdminEditor), "editor-remove", "", NameJson(name), ""});
  });
}

Result<std::vector<EditorInfo>> EditorAccounts::Editors() const {
  return connection_.WithLock([](Database& db) -> Result<std::vector<EditorInfo>> {
    auto stmt = db.Prepare(sql::kEditorsList);
    if (!stmt.ok()) return stmt.status();
    std::vector<EditorInfo> out;
    while ((*stmt)->Step()) {
      out.push_back({(*stmt)->Text(0), (*stmt)->Text(1), (*stmt)->Int(2) != 0});
    }
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return out;
  });
}

Result<std::optional<std::string>> EditorAccounts::EditorForToken(std::string_view token) const {
  const std::string hash = crypto::Sha256Hex(token);
  return connection_.WithLock([&](Database& db) -> Result<std::optional<std::string>> {
    auto stmt = db.Prepare(sql::kEditorsActiveHashes);
    if (!stmt.ok()) return stmt.status();
    // Compare with every active editor's hash, always all of them, so the time taken says
    // nothing about how close a guess was or which editor it matched.
    std::optional<std::string> found;
    while ((*stmt)->Step()) {
      if (crypto::ConstantTimeEqual(hash, (*stmt)->Text(1)) && !token.empty()) {
        found = (*stmt)->Text(0);
      }
    }
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return found;
  });
}

Result<Session> EditorAccounts::CreateSession(std::string_view editor, std::int64_t ttl_seconds) {
  if (ttl_seconds <= 0) return Status::InvalidArgument("de sessieduur moet positief zijn");
  auto token = crypto::RandomHex(kTokenBytes);
  if (!token.ok()) return token.status();
  auto csrf = crypto::RandomHex(kCsrfBytes);
  if (!csrf.ok()) return csrf.status();
  const std::int64_t now = NowUnixSeconds();
  Session session{*token, std::string(editor), *csrf, IsoUtc(now + ttl_seconds)};
  Status s = connection_.InTransaction([&](Database& db) -> Status {
    auto state = EditorState(db, editor);
    if (!state.ok()) return state.status();
    if (*state != 1) {
      return Status::NotFound("er is geen actieve redacteur \"" + std::string(editor) + "\"");
    }
    // Expired sessions are swept here, the one place that adds sessions, so the table stays small.
    auto sweep = db.Prepare(sql::kSessionsDeleteExpired);
    if (!sweep.ok()) return sweep.status();
    if (Status run = (*sweep)->Bind(1, now).Run(); !run.ok()) return run;
    auto insert = db.Prepare(sql::kSessionInsert);
    if (!insert.ok()) return insert.status();
    return (*insert)
        ->Bind(1, crypto::Sha256Hex(session.token))
        .Bind(2, editor)
        .Bind(3, session.csrf)
        .Bind(4, now + ttl_seconds)
        .Run();
  });
  if (!s.ok()) return s;
  return session;
}

Result<std::optional<Session>> EditorAccounts::FindSession(std::string_view session_token) const {
  if (session_token.empty()) return std::optional<Session>();
  const std::string hash = crypto::Sha256Hex(session_token);
  return connection_.WithLock([&](Database& db) -> Result<std::optional<Session>> {
    auto stmt = db.Prepare(sql::kSessionGet);
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, hash).Bind(2, NowUnixSeconds());
    if (!(*stmt)->Step()) {
      if (!(*stmt)->status().ok()) return (*stmt)->status();
      return std::optional<Session>();
    }
    if (!crypto::ConstantTimeEqual(hash, (*stmt)->Text(0))) return std::optional<Session>();
    return std::optional<Session>(Session{std::string(session_token), (*stmt)->Text(1),
                                          (*stmt)->Text(2), IsoUtc((*stmt)->Int(3))});
  });
}

Status EditorAccounts::EndSession(std::string_view session_token) {
  return connection_.WithLock([&](Database& db) -> Status {
    auto stmt = db.Prepare(sql::kSessionDelete);
    if (!stmt.ok()) return stmt.status();
    return (*stmt)->Bind(1, crypto::Sha256Hex(session_token)).Run();
  });
}

}  // namespace kb::editing
