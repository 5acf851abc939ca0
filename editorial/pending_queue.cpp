// The pending queue and the store's generation.
#include "kb/editorial/pending_queue.h"

#include <nlohmann/json.hpp>

#include "kb/core/fnv_hash.h"
#include "kb/editorial/audit_log.h"
#include "store_internal.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

// The editor recorded for what kb-indexer reports (a queued path it could not index).
constexpr std::string_view kIndexerEditor = "kb-indexer";

// Raises the generation and returns the new value.
Result<std::int64_t> NextGeneration(Database& db) {
  auto stmt = db.Prepare(sql::kGenerationBump);
  if (!stmt.ok()) return stmt.status();
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return Status::Internal("de generatieteller ontbreekt in " + db.file().string());
  }
  const std::int64_t value = (*stmt)->Int(0);
  (void)(*stmt)->Run();  // finish RETURNING so the update completes before the reset
  return value;
}

Status DeleteIn(Database& db, const PendingItem& item) {
  auto stmt = db.Prepare(sql::kPendingDelete);
  if (!stmt.ok()) return stmt.status();
  // Matching the generation keeps an entry re-enqueued after the item was read.
  return (*stmt)->Bind(1, item.path).Bind(2, item.generation).Run();
}

}  // namespace

Status PendingQueue::BumpGenerationIn(Database& db) { return NextGeneration(db).status(); }

Status PendingQueue::EnqueueIn(Database& db, std::string_view path) {
  if (path.empty()) return Status::Ok();
  auto generation = NextGeneration(db);
  if (!generation.ok()) return generation.status();
  auto stmt = db.Prepare(sql::kPendingUpsert);
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Bind(1, path).Bind(2, *generation).Run();
}

Status PendingQueue::Enqueue(std::string_view path) {
  return connection_.InTransaction([&](Database& db) { return EnqueueIn(db, path); });
}

Result<std::vector<PendingItem>> PendingQueue::Items() const {
  return connection_.WithLock([](Database& db) -> Result<std::vector<PendingItem>> {
    auto stmt = db.Prepare(sql::kPendingAll);
    if (!stmt.ok()) return stmt.status();
    std::vector<PendingItem> out;
    while ((*stmt)->Step()) out.push_back({(*stmt)->Text(0), (*stmt)->Int(1)});
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return out;
  });
}

Status PendingQueue::Clear(const std::vector<PendingItem>& done) {
  if (done.empty()) return Status::Ok();
  return connection_.InTransaction([&](Database& db) -> Status {
    for (const auto& item : done) {
      if (Status s = DeleteIn(db, item); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Status PendingQueue::Fail(const std::vector<PendingFailure>& failed) {
  if (failed.empty()) return Status::Ok();
  return connection_.InTransaction([&](Database& db) -> Status {
    for (const auto& f : failed) {
      if (Status s = DeleteIn(db, f.item); !s.ok()) return s;
      // A path is bytes; a file name that is not UTF-8 must not stop the report.
      const std::string after = nlohmann::json({{"path", f.item.path}, {"reason", f.reason}})
                                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      const AuditEntry entry{
          0,  "",   std::string(kIndexerEditor), "index-failed", DocumentIdForPath(f.item.path),
          "", after};
      if (Status s = AuditLog::AppendIn(db, entry); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Result<std::int64_t> PendingQueue::Generation() const {
  return connection_.WithLock([](Database& db) -> Result<std::int64_t> {
    auto stmt = db.Prepare(sql::kGenerationGet);
    if (!stmt.ok()) return stmt.status();
    if (!(*stmt)->Step()) {
      if (!(*stmt)->status().ok()) return (*stmt)->status();
      return Status::Internal("de generatieteller ontbreekt in " + db.file().string());
    }
    return (*stmt)->Int(0);
  });
}

}  // namespace kb::editorial
