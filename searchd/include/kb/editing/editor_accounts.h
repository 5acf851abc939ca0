// EditorAccounts: who may edit and how they prove it, in the editors' store file: editors with
// their tokens, and login sessions with their CSRF values. Tokens and session ids are random
// (32 bytes from OpenSSL, hex) and stored only as SHA-256, so a copy of the store (or an export)
// lets no one log in. kb-searchd and kb-admin use the accounts; kb-indexer never does, so it
// links neither this code nor OpenSSL.
//
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"

namespace kb::editing {

struct EditorInfo {
  std::string name;
  std::string created;
  bool active = true;
};

struct Session {
  std::string token;  // only returned by CreateSession; the store keeps its hash
  std::string editor;
  std::string csrf;     // the value the page must send back in X-CSRF-Token
  std::string expires;  // ISO 8601 UTC

  // Whether `header` (the request's X-CSRF-Token) is this session's CSRF value; the time taken
  // does not depend on where they differ.
  bool AcceptsCsrf(std::string_view header) const;
};

class EditorAccounts {
 public:
  explicit EditorAccounts(editorial::Connection& connection) : connection_(connection) {}

  // Returns the new editor's token, which is shown once. InvalidArgument when an active editor
  // has the name or it is not 1-64 ASCII letters, digits, '.', '-', '_'. Adding a removed
  // editor's name again reactivates it with a new token (the old one stays invalid).
  // Audited as "editor-add" by "kb-admin" (without the token).
  Result<std::string> AddEditor(std::string_view name);
  // Deactivates the editor (its token stops working) and ends its sessions; NotFound when no
  // active editor has the name.
  Status RemoveEditor(std::string_view name);
  Result<std::vector<EditorInfo>> Editors() const;  // by name, removed ones with active=false
  // The active editor owning `token`, or nullopt. Constant-time comparison of hashes.
  Result<std::optional<std::string>> EditorForToken(std::string_view token) const;

  // A new session (random token and CSRF value, 32 bytes hex each); NotFound when the editor is
  // not active, InvalidArgument when ttl_seconds <= 0. Sweeps expired sessions.
  Result<Session> CreateSession(std::string_view editor, std::int64_t ttl_seconds);
  // The session, or nullopt when unknown, expired or its editor was removed.
  Result<std::optional<Session>> FindSession(std::string_view session_token) const;
  Status EndSession(std::string_view session_token);

 private:
  editorial::Connection& connection_;
};

}  // namespace kb::editing
