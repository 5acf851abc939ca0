// Overrides and merges: the editors' decisions kb-indexer applies.
#include "kb/editorial/edits.h"

#include <nlohmann/json.hpp>

#include "kb/editorial/audit_log.h"
#include "kb/editorial/duplicates.h"
#include "kb/editorial/merge_rules.h"
#include "kb/editorial/pending_queue.h"
#include "kb/editorial/utc_time.h"
#include "store_internal.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

Result<Override> OverrideIn(Database& db, std::string_view doc_id) {
  auto stmt = db.Prepare(sql::kOverrideGet);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, doc_id);
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return Override{};
  }
  return Override::FromJson((*stmt)->Text(0));
}

Result<std::optional<Merge>> MergeOfDuplicateIn(Database& db, std::string_view duplicate_id) {
  auto stmt = db.Prepare(sql::kMergeGet);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, duplicate_id);
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return std::optional<Merge>();
  }
  return std::optional<Merge>(ReadMerge(**stmt, nullptr));
}

Result<std::int64_t> CountWhere(Database& db, const char* sql_text, std::string_view value) {
  auto stmt = db.Prepare(sql_text);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, value);
  const std::int64_t count = (*stmt)->Step() ? (*stmt)->Int(0) : 0;
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return count;
}

// The merge rules (merge_rules.h), given the merges already in the store.
Status CheckMergeIn(Database& db, const Merge& merge) {
  auto duplicate_merged = MergeOfDuplicateIn(db, merge.duplicate);
  if (!duplicate_merged.ok()) return duplicate_merged.status();
  auto kept_merged = MergeOfDuplicateIn(db, merge.kept);
  if (!kept_merged.ok()) return kept_merged.status();
  auto duplicates_of_duplicate = CountWhere(db, sql::kMergeKeptCount, merge.duplicate);
  if (!duplicates_of_duplicate.ok()) return duplicates_of_duplicate.status();
  const std::string kept_into = *kept_merged ? (*kept_merged)->kept : "";
  const std::string duplicate_into = *duplicate_merged ? (*duplicate_merged)->kept : "";
  return CheckMerge({merge.kept, kept_into, false},
                    {merge.duplicate, duplicate_into, *duplicates_of_duplicate > 0});
}

// Both documents of a merge go back into the pending queue.
Status EnqueueBothIn(Database& db, const Merge& merge, std::string_view kept_path) {
  if (Status s = PendingQueue::EnqueueIn(db, merge.duplicate_path); !s.ok()) return s;
  return PendingQueue::EnqueueIn(db, kept_path);
}

}  // namespace

Merge ReadMerge(const Statement& row, std::string* kept_path) {
  Merge m;
  m.kept = row.Text(0);
  m.duplicate = row.Text(1);
  m.duplicate_title = row.Text(2);
  m.duplicate_format = row.Text(3);
  m.duplicate_path = row.Text(4);
  m.editor = row.Text(5);
  m.time = row.Text(6);
  if (kept_path) *kept_path = row.Text(7);
  return m;
}

std::string MergeJson(const Merge& merge, std::string_view kept_path) {
  const nlohmann::json j = {{"kept", merge.kept},
                            {"kept_path", kept_path},
                            {"duplicate", merge.duplicate},
                            {"duplicate_title", merge.duplicate_title},
                            {"duplicate_format", merge.duplicate_format},
                            {"duplicate_path", merge.duplicate_path}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Override> Edits::GetOverride(std::string_view doc_id) const {
  return connection_.WithLock([&](Database& db) { return OverrideIn(db, doc_id); });
}

Status Edits::SaveOverride(std::string_view doc_id, std::string_view path, const Override& value,
                           std::string_view editor) {
  if (Status s = RequireDocumentId(doc_id, "id"); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  return connection_.InTransaction([&](Database& db) -> Status {
    auto before = OverrideIn(db, doc_id);
    if (!before.ok()) return before.status();
    // Saving an empty override undoes every correction: the document is the machine's again.
    auto stmt = db.Prepare(value.empty() ? sql::kOverrideDelete : sql::kOverrideUpsert);
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, doc_id);
    if (!value.empty()) {
      (*stmt)->Bind(2, path).Bind(3, value.ToJson()).Bind(4, editor).Bind(5, NowIsoUtc());
    }
    if (Status s = (*stmt)->Run(); !s.ok()) return s;
    const std::string before_json = before->empty() ? "" : before->ToJson();
    const std::string after_json = value.empty() ? "" : value.ToJson();
    const AuditEntry entry{
        0, "", std::string(editor), "override", std::string(doc_id), before_json, after_json};
    if (Status s = AuditLog::AppendIn(db, entry); !s.ok()) return s;
    return PendingQueue::EnqueueIn(db, path);
  });
}

Result<std::map<std::string, DocumentEdits>> Edits::AllEdits() const {
  using EditsMap = std::map<std::string, DocumentEdits>;
  return connection_.WithLock([](Database& db) -> Result<EditsMap> {
    EditsMap out;
    auto overrides = db.Prepare(sql::kOverridesAll);
    if (!overrides.ok()) return overrides.status();
    while ((*overrides)->Step()) {
      auto value = Override::FromJson((*overrides)->Text(2));
      if (!value.ok()) return value.status();
      out[(*overrides)->Text(0)].override = std::move(*value);
    }
    if (!(*overrides)->status().ok()) return (*overrides)->status();
    auto merges = db.Prepare(sql::kMergesAll);
    if (!merges.ok()) return merges.status();
    while ((*merges)->Step()) {
      Merge m = ReadMerge(**merges, nullptr);
      out[m.kept].merged_here.push_back(m);
      out[m.duplicate].merged_into = std::move(m);
    }
    if (!(*merges)->status().ok()) return (*merges)->status();
    return out;
  });
}

Result<DocumentEdits> Edits::EditsFor(std::string_view doc_id) const {
  return connection_.WithLock([&](Database& db) -> Result<DocumentEdits> {
    DocumentEdits out;
    auto value = OverrideIn(db, doc_id);
    if (!value.ok()) return value.status();
    out.override = std::move(*value);
    auto merges = db.Prepare(sql::kMergesFor);
    if (!merges.ok()) return merges.status();
    (*merges)->Bind(1, doc_id);
    while ((*merges)->Step()) {
      Merge m = ReadMerge(**merges, nullptr);
      if (m.duplicate == doc_id) {
        out.merged_into = std::move(m);
      } else {
        out.merged_here.push_back(std::move(m));
      }
    }
    if (!(*merges)->status().ok()) return (*merges)->status();
    return out;
  });
}

Status Edits::SaveMerge(const Merge& merge, std::string_view kept_path, std::string_view editor) {
  if (Status s = RequireDocumentId(merge.kept, "kept"); !s.ok()) return s;
  if (Status s = RequireDocumentId(merge.duplicate, "duplicate"); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  return connection_.InTransaction([&](Database& db) -> Status {
    if (Status s = CheckMergeIn(db, merge); !s.ok()) return s;
    auto stmt = db.Prepare(sql::kMergeUpsert);
    if (!stmt.ok()) return stmt.status();
    Status run = (*stmt)
                     ->Bind(1, merge.kept)
                     .Bind(2, merge.duplicate)
                     .Bind(3, merge.duplicate_title)
                     .Bind(4, merge.duplicate_format)
                     .Bind(5, merge.duplicate_path)
                     .Bind(6, editor)
                     .Bind(7, NowIsoUtc())
                     .Bind(8, kept_path)
                     .Run();
    if (!run.ok()) return run;
    if (Status s = Duplicates::DecideIn(db, merge.kept, merge.duplicate, "merged"); !s.ok()) {
      return s;
    }
    AuditEntry entry{0, "", std::string(editor), "merge", "", "", MergeJson(merge, kept_path)};
    if (Status s = AuditBothIn(db, entry, merge.kept, merge.duplicate); !s.ok()) return s;
    return EnqueueBothIn(db, merge, kept_path);
  });
}

Status Edits::Unmerge(std::string_view duplicate_id, std::string_view editor) {
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  return connection_.InTransaction([&](Database& db) -> Status {
    auto found = db.Prepare(sql::kMergeGet);
    if (!found.ok()) return found.status();
    (*found)->Bind(1, duplicate_id);
    if (!(*found)->Step()) {
      if (!(*found)->status().ok()) return (*found)->status();
      return Status::NotFound("document " + std::string(duplicate_id) +
                              " is niet samengevoegd met een ander document");
    }
    std::string kept_path;
    const Merge merge = ReadMerge(**found, &kept_path);
    found->reset();
    auto remove = db.Prepare(sql::kMergeDelete);
    if (!remove.ok()) return remove.status();
    if (Status s = (*remove)->Bind(1, duplicate_id).Run(); !s.ok()) return s;
    // The editor has looked at this pair and undone the merge: do not propose it again.
    if (Status s = Duplicates::DecideIn(db, merge.kept, merge.duplicate, "rejected"); !s.ok()) {
      return s;
    }
    AuditEntry entry{0, "", std::string(editor), "unmerge", "", MergeJson(merge, kept_path), ""};
    if (Status s = AuditBothIn(db, entry, merge.kept, merge.duplicate); !s.ok()) return s;
    return EnqueueBothIn(db, merge, kept_path);
  });
}

Result<std::vector<Merge>> Edits::Merges() const {
  return connection_.WithLock([](Database& db) -> Result<std::vector<Merge>> {
    auto stmt = db.Prepare(sql::kMergesAll);
    if (!stmt.ok()) return stmt.status();
    std::vector<Merge> out;
    while ((*stmt)->Step()) out.push_back(ReadMerge(**stmt, nullptr));
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return out;
  });
}

}  // namespace kb::editorial
