#include "store_schema.h"

#include <string>

#include "store_sql.h"

namespace kb::editorial {
namespace {

Result<std::int64_t> QueryInt(Database& db, const char* sql) {
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return Status::Internal(std::string("no result from ") + sql);
  }
  return (*stmt)->Int(0);
}

// WAL lets kb-indexer read while kb-searchd writes; the mode is persistent in the file.
Status EnsureWal(Database& db) {
  auto stmt = db.Prepare(sql::kJournalModeGet);
  if (!stmt.ok()) return stmt.status();
  const bool wal = (*stmt)->Step() && (*stmt)->Text(0) == "wal";
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  stmt->reset();
  return wal ? Status::Ok() : db.Exec("PRAGMA journal_mode = WAL");
}

Status CheckStamp(Database& db, std::int64_t application_id, std::int64_t version) {
  const std::string file = db.file().string();
  if (application_id != sql::kApplicationId) {
    return Status::InvalidArgument(file +
                                   " is een SQLite-bestand maar geen redactieopslag; "
                                   "kies een ander bestand met --store");
  }
  if (version > sql::kSchemaVersion) {
    return Status::InvalidArgument(file + " is gemaakt door een nieuwere versie (schema " +
                                   std::to_string(version) + "); werk de programma's bij");
  }
  return Status::Ok();
}

// Inside a write transaction, so two processes opening a new file at once create it once.
Status CreateIfEmpty(Database& db) {
  auto tables = QueryInt(db, sql::kTableCount);
  if (!tables.ok()) return tables.status();
  if (*tables > 0) return Status::Ok();  // another process was first
  if (Status s = db.Exec(sql::kCreateSchema); !s.ok()) return s;
  const std::string stamp = "PRAGMA application_id = " + std::to_string(sql::kApplicationId) +
                            "; PRAGMA user_version = " + std::to_string(sql::kSchemaVersion);
  return db.Exec(stamp.c_str());
}

}  // namespace

Status PrepareSchema(Database& db) {
  if (Status s = EnsureWal(db); !s.ok()) return s;
  auto application_id = QueryInt(db, sql::kApplicationIdGet);
  if (!application_id.ok()) return application_id.status();
  auto version = QueryInt(db, sql::kUserVersionGet);
  if (!version.ok()) return version.status();
  if (*application_id == 0 && *version == 0) {
    auto tables = QueryInt(db, sql::kTableCount);
    if (!tables.ok()) return tables.status();
    if (*tables > 0) return CheckStamp(db, 0, 0);
    Transaction tx(db);
    if (Status s = tx.Begin(); !s.ok()) return s;
    if (Status s = CreateIfEmpty(db); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
    application_id = QueryInt(db, sql::kApplicationIdGet);
    if (!application_id.ok()) return application_id.status();
    version = QueryInt(db, sql::kUserVersionGet);
    if (!version.ok()) return version.status();
  }
  return CheckStamp(db, *application_id, *version);
}

}  // namespace kb::editorial
