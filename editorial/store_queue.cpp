// Duplicate candidates, the pending queue and reading the audit log.
#include <nlohmann/json.hpp>

#include "kb/core/fnv_hash.h"
#include "store_impl.h"
#include "store_sql.h"
#include "utc_time.h"

namespace kb::editorial {
namespace {

Status CheckPair(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) {
    return Status::InvalidArgument("velden \"a\" en \"b\": twee document-id's zijn nodig");
  }
  if (a == b)
    return Status::InvalidArgument("velden \"a\" en \"b\": kies twee verschillende documenten");
  return Status::Ok();
}

DuplicateCandidate ReadCandidate(const Statement& row) {
  return {row.Text(0), row.Text(1), row.Real(2), row.Text(3), row.Text(4)};
}

AuditEntry ReadAudit(const Statement& row) {
  return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6)};
}

}  // namespace

Status EditorialStore::Impl::ProposeLocked(std::string_view a, std::string_view b,
                                           double similarity) {
  if (Status s = CheckPair(a, b); !s.ok()) return s;
  if (a > b) std::swap(a, b);
  auto stmt = db->Prepare(sql::kDuplicatePropose);
  if (!stmt.ok()) return stmt.status();
  // The upsert only touches a pair still "proposed": an editor's decision stands.
  return (*stmt)->Bind(1, a).Bind(2, b).Bind(3, similarity).Bind(4, NowIsoUtc()).Run();
}

Status EditorialStore::ProposeDuplicate(std::string_view a, std::string_view b, double similarity) {
  std::lock_guard lock(impl_->mutex);
  return impl_->ProposeLocked(a, b, similarity);
}

Status EditorialStore::ProposeDuplicates(const std::vector<DuplicateCandidate>& candidates) {
  if (candidates.empty()) return Status::Ok();
  std::lock_guard lock(impl_->mutex);
  return InTransaction(*impl_->db, [&]() -> Status {
    for (const auto& c : candidates) {
      if (Status s = impl_->ProposeLocked(c.a, c.b, c.similarity); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Status EditorialStore::RejectDuplicate(std::string_view a, std::string_view b,
                                       std::string_view editor) {
  if (Status s = CheckPair(a, b); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  if (a > b) std::swap(a, b);
  std::lock_guard lock(impl_->mutex);
  return InTransaction(*impl_->db, [&]() -> Status {
    if (Status s = impl_->DecidePairLocked(a, b, "rejected"); !s.ok()) return s;
    const std::string pair = nlohmann::json({{"a", a}, {"b", b}}).dump();
    return impl_->AuditPairLocked({0, "", std::string(editor), "reject-duplicate", "", "", pair}, a,
                                  b);
  });
}

Result<std::vector<DuplicateCandidate>> EditorialStore::DuplicateCandidates(
    std::string_view status) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(status.empty() ? sql::kDuplicatesAll : sql::kDuplicatesWithStatus);
  if (!stmt.ok()) return stmt.status();
  if (!status.empty()) (*stmt)->Bind(1, status);
  std::vector<DuplicateCandidate> out;
  while ((*stmt)->Step()) out.push_back(ReadCandidate(**stmt));
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return out;
}

Result<std::vector<PendingItem>> EditorialStore::Pending() const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(sql::kPendingAll);
  if (!stmt.ok()) return stmt.status();
  std::vector<PendingItem> out;
  while ((*stmt)->Step()) out.push_back({(*stmt)->Text(0), (*stmt)->Int(1)});
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return out;
}

Status EditorialStore::Impl::DeletePendingLocked(const PendingItem& item) {
  auto stmt = db->Prepare(sql::kPendingDelete);
  if (!stmt.ok()) return stmt.status();
  // Matching the generation keeps an entry re-enqueued after the item was read.
  return (*stmt)->Bind(1, item.path).Bind(2, item.generation).Run();
}

Status EditorialStore::ClearPending(const std::vector<PendingItem>& done) {
  if (done.empty()) return Status::Ok();
  std::lock_guard lock(impl_->mutex);
  return InTransaction(*impl_->db, [&]() -> Status {
    for (const auto& item : done) {
      if (Status s = impl_->DeletePendingLocked(item); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Status EditorialStore::FailPending(const std::vector<PendingFailure>& failed) {
  if (failed.empty()) return Status::Ok();
  std::lock_guard lock(impl_->mutex);
  return InTransaction(*impl_->db, [&]() -> Status {
    for (const auto& f : failed) {
      if (Status s = impl_->DeletePendingLocked(f.item); !s.ok()) return s;
      // A path is bytes; a file name that is not UTF-8 must not stop the report.
      const std::string after = nlohmann::json({{"path", f.item.path}, {"reason", f.reason}})
                                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      const AuditEntry entry{
          0,  "",   std::string(kIndexerEditor), "index-failed", DocumentIdForPath(f.item.path),
          "", after};
      if (Status s = impl_->AuditLocked(entry); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> EditorialStore::Audit(std::string_view doc_id,
                                                      std::size_t limit) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(doc_id.empty() ? sql::kAuditAll : sql::kAuditFor);
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
}

}  // namespace kb::editorial
