// AuditLog: who changed what and when, in the editors' store. Every change an editor or a
// program makes is appended in the transaction that makes it, so the log never misses a change
// nor holds one that did not happen.
//
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"

namespace kb::editorial {

struct AuditEntry {
  std::int64_t id = 0;
  std::string time;    // ISO 8601 UTC; empty when appending: now
  std::string editor;  // or "kb-admin" for command-line actions, "kb-indexer" for its reports
  std::string action;  // "override", "merge", "unmerge", "note", "reject-duplicate",
                       // "upload", "editor-add", "editor-remove", "import", "index-failed"
  std::string doc_id;  // empty when not about one document
  std::string before;  // JSON, "" when nothing was there
  std::string after;   // JSON
};

class AuditLog {
 public:
  explicit AuditLog(Connection& connection) : connection_(connection) {}

  // The newest `limit` entries, newest first; doc_id "" lists all documents'.
  Result<std::vector<AuditEntry>> Recent(std::string_view doc_id, std::size_t limit) const;
  // For changes that are not edits, merges or notes (uploads, command-line actions). Changes
  // nothing kb-indexer applies, so the store's generation stays.
  Status Append(const AuditEntry& entry);

  // Appends inside a transaction the caller holds (Connection::InTransaction), for the parts
  // that audit their own changes.
  static Status AppendIn(Database& db, const AuditEntry& entry);

 private:
  Connection& connection_;
};

}  // namespace kb::editorial
