// A thin RAII layer over libsqlite3 for the editors' store: one connection, cached prepared
// statements, and transactions that roll back unless committed. Not thread-safe by itself: every
// use goes through a Connection (connection.h), which holds its mutex. Public so that the parts
// of the store in other libraries (kb_editing's EditorAccounts) work in the same file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "kb/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kb::editorial {

// A prepared statement borrowed from the Database's cache: bindings are cleared and the
// statement is reset when this goes out of scope, so the next user starts clean.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position; returns *this so binds chain.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t number);
  Statement& Bind(int index, double number);

  // Advances: true when a row is ready, false when done. A failure sets status().
  bool Step();
  // Runs a statement that returns no rows.
  Status Run();
  const Status& status() const { return status_; }

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  double Real(int column) const;

 private:
  sqlite3_stmt* stmt_;
  Status status_;
};

class Database {
 public:
  // Opens (creating when absent) the file with a busy timeout; sets WAL mode.
  static Result<std::unique_ptr<Database>> Open(const std::filesystem::path& file,
                                                int busy_timeout_ms);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A cached prepared statement for `sql` (a string literal kept alive by the caller).
  Result<std::unique_ptr<Statement>> Prepare(const char* sql);
  // Runs one or more statements without results (schema, pragmas, BEGIN/COMMIT).
  Status Exec(const char* sql);
  // The status for the connection's last error code, naming the store's file.
  Status Error(int code, std::string_view what) const;
  std::int64_t LastInsertId() const;
  const std::filesystem::path& file() const { return file_; }

 private:
  Database(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
  sqlite3* db_;
  std::filesystem::path file_;
  std::map<const char*, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT: takes the write lock at the start (waiting up to the busy timeout),
// so two processes never deadlock upgrading a read to a write. Rolls back unless Commit() ran.
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status Begin();
  Status Commit();

 private:
  Database& db_;
  bool open_ = false;
};

}  // namespace kb::editorial
