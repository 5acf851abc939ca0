// EditorialStore: the editors' decisions, in one SQLite file beside the index (libsqlite3).
//
// The store is the source of truth for everything an editor decides; the corpus files are never
// modified and the Xapian index is derived data. kb-indexer reads the store every time it builds
// a document and applies the edits (so a full re-index, even into an empty directory, loses
// nothing); kb-searchd writes the store when an editor saves.
//
// Single writer of the index. Xapian allows one writer per database, and kb-indexer is that
// writer, always: kb-searchd never opens the index for writing. A save in kb-searchd is one SQLite
// transaction that records the edit, appends the audit entry and puts the document's source path
// in the pending queue with a new generation number. Then
//   - a running kb-indexer (it holds the Xapian write lock) takes the pending queue between
//     batches, at least once a second, re-indexes those files with the edits applied, commits,
//     and clears the entries up to the generation it saw (an entry saved meanwhile stays);
//   - otherwise kb-searchd starts `kb-indexer --db DB --pending`, which does the same and exits;
//     when that finds the lock taken (a full run just started) it exits 0 and leaves the queue to
//     the running indexer. kb-searchd retries while the queue is not empty.
// kb-searchd's readers reopen the index on its next commit, so a save is visible in seconds.
//
// The store is one Connection (connection.h) and a part per concern working through it:
//   edits()       overrides and merges, what kb-indexer applies (edits.h)
//   notes()       the editors' notes on documents (notes.h)
//   duplicates()  near-duplicate pairs kb-indexer proposes and editors decide (duplicates.h)
//   queue()       the pending queue and the store's generation (pending_queue.h)
//   audit()       the audit log (audit_log.h)
//   backup()      export and import as one JSON file (backup.h)
// Editor accounts and sessions are kb-searchd's: kb_editing's EditorAccounts works in the same
// file through connection(); kb-indexer never needs them.
//
// Concurrency: SQLite in WAL mode with a busy timeout, so kb-indexer and kb-searchd can both have
// the file open. One EditorialStore object is safe to share between threads (its parts share one
// Connection, which serialises them).
//
// The default location is "<index dir>.editorial.sqlite" (beside, not inside, the index folder,
// so deleting the index to rebuild it keeps every edit).
#pragma once

#include <filesystem>
#include <memory>

#include "kb/core/status.h"
#include "kb/editorial/audit_log.h"
#include "kb/editorial/backup.h"
#include "kb/editorial/connection.h"
#include "kb/editorial/duplicates.h"
#include "kb/editorial/edits.h"
#include "kb/editorial/notes.h"
#include "kb/editorial/pending_queue.h"

namespace kb::editorial {

class EditorialStore {
 public:
  // Opens or creates the store (and its tables) at `file`; the errors of Connection::Open.
  static Result<std::unique_ptr<EditorialStore>> Open(const std::filesystem::path& file);
  // "<index dir>.editorial.sqlite"
  static std::filesystem::path DefaultPathFor(const std::filesystem::path& index_dir);

  EditorialStore(const EditorialStore&) = delete;
  EditorialStore& operator=(const EditorialStore&) = delete;

  Edits& edits() { return edits_; }
  Notes& notes() { return notes_; }
  Duplicates& duplicates() { return duplicates_; }
  PendingQueue& queue() { return queue_; }
  AuditLog& audit() { return audit_; }
  Backup& backup() { return backup_; }
  Connection& connection() { return *connection_; }

 private:
  explicit EditorialStore(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> connection_;
  Edits edits_;
  Notes notes_;
  Duplicates duplicates_;
  PendingQueue queue_;
  AuditLog audit_;
  Backup backup_;
};

}  // namespace kb::editorial
