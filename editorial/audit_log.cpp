// The audit log: appending (always inside the change's own transaction) and reading.
#include "kb/editorial/audit_log.h"

#include <algorithm>
#include <cstdint>

#include "kb/editorial/utc_time.h"
#include "store_internal.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

AuditEntry ReadAudit(const Statement& row) {
  return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6)};
}

}  // namespace

Status AuditLog::AppendIn(Database& db, const AuditEntry& entry) {
  auto stmt = db.Prepare(sql::kAuditInsert);
  if (!stmt.ok()) return stmt.status();
  const std::string time = entry.time.empty() ? NowIsoUtc() : entry.time;
  return (*stmt)
      ->Bind(1, time)
      .Bind(2, entry.editor)
      .Bind(3, entry.action)
      .Bind(4, entry.doc_id)
      .Bind(5, entry.before)
      .Bind(6, entry.after)
      .Run();
}

Status AuditLog::Append(const AuditEntry& entry) {
  return connection_.InTransaction([&](Database& db) { return AppendIn(db, entry); });
}

Result<std::vector<AuditEntry>> AuditLog::Recent(std::string_view doc_id, std::size_t limit) const {
  return connection_.WithLock([&](Database& db) -> Result<std::vector<AuditEntry>> {
    auto stmt = db.Prepare(doc_id.empty() ? sql::kAuditAll : sql::kAuditFor);
    if (!stmt.ok()) return stmt.status();
    const auto sql_limit = static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX));
    if (doc_id.empty()) {
      (*stmt)->Bind(1, sql_limit);
    } else {
      (*stmt)->Bind(1, doc_id).Bind(2, sql_limit);
    }
    std::vector<AuditEntry> out;
    while ((*stmt)->Step()) out.push_back(ReadAudit(**stmt));
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return out;
  });
}

Status AuditBothIn(Database& db, AuditEntry entry, std::string_view first,
                   std::string_view second) {
  entry.doc_id = first;
  if (Status s = AuditLog::AppendIn(db, entry); !s.ok()) return s;
  entry.doc_id = second;
  return AuditLog::AppendIn(db, entry);
}

}  // namespace kb::editorial
