#include "kb/editorial/connection.h"

#include "store_schema.h"

namespace kb::editorial {

// Long enough to ride out the other process's transaction (each is a handful of rows), short
// enough that an HTTP request does not hang when the file is really stuck.
constexpr int kBusyTimeoutMs = 5000;

Result<std::unique_ptr<Connection>> Connection::Open(const std::filesystem::path& file) {
  auto db = Database::Open(file, kBusyTimeoutMs);
  if (!db.ok()) return db.status();
  if (Status s = PrepareSchema(**db); !s.ok()) return s;
  return std::unique_ptr<Connection>(new Connection(std::move(*db)));
}

Connection::Connection(std::unique_ptr<Database> db) : db_(std::move(db)) {}
Connection::~Connection() = default;

}  // namespace kb::editorial
