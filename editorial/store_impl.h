// The EditorialStore's private state and the helpers its files share. Every member function
// expects the caller to hold `mutex`; the public methods take it.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "kb/editorial/store.h"
#include "sqlite_db.h"

namespace kb::editorial {

struct ExportData;

// The editor recorded for changes made from the command line.
inline constexpr std::string_view kAdminEditor = "kb-admin";
// The editor recorded for what kb-indexer reports (a queued path it could not index).
inline constexpr std::string_view kIndexerEditor = "kb-indexer";

struct EditorialStore::Impl {
  std::unique_ptr<Database> db;
  mutable std::mutex mutex;

  // Raises the store's generation and returns the new value (inside a write transaction).
  Result<std::int64_t> BumpGeneration();
  // Puts `path` in the pending queue under a new generation; an empty path is ignored.
  Status EnqueueLocked(std::string_view path);
  // Removes the queue entry if its generation is still item.generation.
  Status DeletePendingLocked(const PendingItem& item);
  Status AuditLocked(const AuditEntry& entry);
  // Reads the override of one document (empty when it has none).
  Result<Override> OverrideLocked(std::string_view doc_id);
  Result<std::optional<Merge>> MergeOfDuplicate(std::string_view duplicate_id);
  // Audits a change concerning two documents once under each, so each document's history is
  // whole.
  Status AuditPairLocked(AuditEntry entry, std::string_view first, std::string_view second);
  // InvalidArgument for a merge that would merge a document with itself or make a chain.
  Status CheckMergeAllowedLocked(const Merge& merge);
  // Writes a parsed export into the store (the file wins for the same key; notes and audit
  // entries already present are not doubled) and enqueues the paths it concerns.
  Status ImportLocked(const ExportData& data);
  // Proposes a pair found by kb-indexer (InvalidArgument for a missing or repeated id).
  Status ProposeLocked(std::string_view a, std::string_view b, double similarity);
  // Records an editor's decision ("merged", "rejected") on a pair of documents, in either order.
  Status DecidePairLocked(std::string_view x, std::string_view y, std::string_view status);
};

// InvalidArgument when no editor is named: every change is attributed.
Status RequireEditor(std::string_view editor);

// Reads the merge columns in store_sql.h's order into a Merge; kept_path goes to *kept_path.
Merge ReadMerge(const Statement& row, std::string* kept_path);
// The JSON of a merge as the audit log and the export write it.
std::string MergeJson(const Merge& merge, std::string_view kept_path);

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
template <typename Body>
Status InTransaction(Database& db, Body&& body) {
  Transaction tx(db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  if (Status s = body(); !s.ok()) return s;
  return tx.Commit();
}

}  // namespace kb::editorial
