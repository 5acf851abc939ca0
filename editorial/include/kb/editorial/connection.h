// Connection: the one SQLite connection to an editors' store file, which every part of the store
// works through (edits.h, notes.h, duplicates.h, pending_queue.h, audit_log.h, backup.h, and
// kb_editing's EditorAccounts).
//
// Opening creates the file's tables when it is new. The file has one schema with one version for
// all its tables, the editor accounts' included, so it is created and checked in one place
// (store_schema.cpp) whichever program opens the file first.
//
// Concurrency: SQLite in WAL mode with a busy timeout (5 s), so kb-indexer and kb-searchd (or
// two Connections in one process) can have the file open at once; a write waits for another
// one's transaction up to the timeout, then fails Unavailable naming the file. One Connection is
// safe to share between threads: WithLock and InTransaction hold its mutex while they run.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <utility>

#include "kb/core/status.h"
#include "kb/editorial/sqlite_db.h"

namespace kb::editorial {

class Connection {
 public:
  // Opens or creates the store at `file`. Unavailable when the file cannot be opened or stays
  // locked past the busy timeout; InvalidArgument when it is another SQLite database, not a
  // store, or a store of a newer version.
  static Result<std::unique_ptr<Connection>> Open(const std::filesystem::path& file);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::filesystem::path& file() const { return db_->file(); }

  // Runs `body(Database&)` holding the connection and returns what it returns: for reads and
  // single statements.
  template <typename Body>
  auto WithLock(Body&& body) const {
    std::lock_guard lock(mutex_);
    return std::forward<Body>(body)(*db_);
  }

  // Runs `body(Database&) -> Status` holding the connection inside BEGIN IMMEDIATE ... COMMIT,
  // so a change and everything it implies (its audit entry, the pending queue) are written
  // together or not at all; rolls back when `body` fails.
  template <typename Body>
  Status InTransaction(Body&& body) {
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    if (Status s = tx.Begin(); !s.ok()) return s;
    if (Status s = std::forward<Body>(body)(*db_); !s.ok()) return s;
    return tx.Commit();
  }

 private:
  explicit Connection(std::unique_ptr<Database> db);
  std::unique_ptr<Database> db_;
  mutable std::mutex mutex_;
};

}  // namespace kb::editorial
