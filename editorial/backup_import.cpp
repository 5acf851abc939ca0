// Writing an import into the store. Runs inside the caller's transaction: the whole file is
// imported or nothing is.
#include "backup_import.h"

#include "kb/editorial/pending_queue.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

Result<bool> Exists(Database& db, const char* sql_text, const std::vector<std::string>& values) {
  auto stmt = db.Prepare(sql_text);
  if (!stmt.ok()) return stmt.status();
  for (std::size_t i = 0; i < values.size(); ++i) {
    (*stmt)->Bind(static_cast<int>(i + 1), values[i]);
  }
  const bool found = (*stmt)->Step() && (*stmt)->Int(0) > 0;
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return found;
}

Status ImportEditors(Database& db, const std::vector<ExportedEditor>& editors) {
  for (const auto& e : editors) {
    auto stmt = db.Prepare(sql::kEditorsRestore);
    if (!stmt.ok()) return stmt.status();
    Status s = (*stmt)
                   ->Bind(1, e.name)
                   .Bind(2, e.token_sha256)
                   .Bind(3, e.created)
                   .Bind(4, std::int64_t{e.active ? 1 : 0})
                   .Run();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status ImportNotes(Database& db, const std::vector<Note>& notes) {
  for (const auto& n : notes) {
    auto exists = Exists(db, sql::kNoteExists, {n.doc_id, n.editor, n.time, n.text});
    if (!exists.ok()) return exists.status();
    if (*exists) continue;
    auto stmt = db.Prepare(sql::kNoteInsert);
    if (!stmt.ok()) return stmt.status();
    Status s = (*stmt)->Bind(1, n.doc_id).Bind(2, n.editor).Bind(3, n.time).Bind(4, n.text).Run();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status ImportDuplicates(Database& db, const std::vector<DuplicateCandidate>& duplicates) {
  for (const auto& d : duplicates) {
    const bool ordered = d.a < d.b;
    auto stmt = db.Prepare(sql::kDuplicateUpsert);
    if (!stmt.ok()) return stmt.status();
    Status s = (*stmt)
                   ->Bind(1, ordered ? d.a : d.b)
                   .Bind(2, ordered ? d.b : d.a)
                   .Bind(3, d.similarity)
                   .Bind(4, d.status)
                   .Bind(5, d.time)
                   .Run();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status ImportAudit(Database& db, const std::vector<AuditEntry>& audit) {
  for (const auto& a : audit) {
    const std::vector<std::string> key = {a.time, a.editor, a.action, a.doc_id, a.before, a.after};
    auto exists = Exists(db, sql::kAuditExists, key);
    if (!exists.ok()) return exists.status();
    if (*exists) continue;
    auto stmt = db.Prepare(sql::kAuditInsert);
    if (!stmt.ok()) return stmt.status();
    for (std::size_t i = 0; i < key.size(); ++i) (*stmt)->Bind(static_cast<int>(i + 1), key[i]);
    if (Status s = (*stmt)->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status ImportIn(Database& db, const ExportData& data) {
  if (Status s = ImportEditors(db, data.editors); !s.ok()) return s;
  for (const auto& o : data.overrides) {
    auto stmt = db.Prepare(sql::kOverrideUpsert);
    if (!stmt.ok()) return stmt.status();
    Status s = (*stmt)
                   ->Bind(1, o.doc_id)
                   .Bind(2, o.path)
                   .Bind(3, o.value.ToJson())
                   .Bind(4, o.editor)
                   .Bind(5, o.time)
                   .Run();
    if (!s.ok()) return s;
    if (s = PendingQueue::EnqueueIn(db, o.path); !s.ok()) return s;
  }
  for (const auto& m : data.merges) {
    auto stmt = db.Prepare(sql::kMergeUpsert);
    if (!stmt.ok()) return stmt.status();
    Status s = (*stmt)
                   ->Bind(1, m.merge.kept)
                   .Bind(2, m.merge.duplicate)
                   .Bind(3, m.merge.duplicate_title)
                   .Bind(4, m.merge.duplicate_format)
                   .Bind(5, m.merge.duplicate_path)
                   .Bind(6, m.merge.editor)
                   .Bind(7, m.merge.time)
                   .Bind(8, m.kept_path)
                   .Run();
    if (!s.ok()) return s;
    if (s = PendingQueue::EnqueueIn(db, m.merge.duplicate_path); !s.ok()) return s;
    if (s = PendingQueue::EnqueueIn(db, m.kept_path); !s.ok()) return s;
  }
  if (Status s = ImportNotes(db, data.notes); !s.ok()) return s;
  if (Status s = ImportDuplicates(db, data.duplicates); !s.ok()) return s;
  return ImportAudit(db, data.audit);
}

}  // namespace kb::editorial
