// Backup: the whole editors' store as one readable, pretty-printed JSON file, for backups and
// review: editors (names and token hashes, never tokens), overrides, merges, notes, duplicate
// decisions and the audit log. Sessions and the pending queue are left out (they are
// short-lived). The file is the store's; the editors' rows travel as they are, so a restored
// store lets the same editors log in.
//
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <string>
#include <string_view>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"

namespace kb::editorial {

class Backup {
 public:
  explicit Backup(Connection& connection) : connection_(connection) {}

  // One consistent snapshot of the store (format "kb-editorial-export", version 1).
  Result<std::string> ExportJson() const;
  // Merges an export into this store (same document id: the file wins) and audits the import
  // under `editor`. All or nothing: the file is checked first and InvalidArgument names the
  // entry and field (e.g. "overrides[2].override: veld \"date\" ..."). It enqueues the paths of
  // the overrides and merges it brings, and doubles no note or audit entry already present, so
  // an export -> import into an empty store -> export round trip gives equal data apart from
  // "exported" and the import's own audit entry.
  Status ImportJson(std::string_view json, std::string_view editor);

 private:
  Connection& connection_;
};

}  // namespace kb::editorial
