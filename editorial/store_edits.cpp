// Overrides, merges and notes: the editors' decisions kb-indexer applies. Every save is one
// transaction holding the change, its audit entries and the pending-queue entries, so kb-indexer
// never sees an edit without the request to apply it (or the reverse).
#include <nlohmann/json.hpp>

#include "store_impl.h"
#include "store_sql.h"
#include "utc_time.h"

namespace kb::editorial {
namespace {

Status RequireId(std::string_view value, std::string_view field) {
  if (value.empty()) {
    return Status::InvalidArgument("veld \"" + std::string(field) + "\": een document-id is nodig");
  }
  return Status::Ok();
}

std::string NoteJson(const Note& note) {
  return nlohmann::json({{"id", note.id}, {"text", note.text}})
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::int64_t> CountWhere(Database& db, const char* sql_text, std::string_view value) {
  auto stmt = db.Prepare(sql_text);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, value);
  const std::int64_t count = (*stmt)->Step() ? (*stmt)->Int(0) : 0;
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return count;
}

}  // namespace

// A merge chain (a duplicate of a duplicate) would make "which document shows" ambiguous.
Status EditorialStore::Impl::CheckMergeAllowedLocked(const Merge& merge) {
  if (merge.kept == merge.duplicate) {
    return Status::InvalidArgument(
        "veld \"duplicate\": een document kan niet met zichzelf "
        "worden samengevoegd");
  }
  auto existing = MergeOfDuplicate(merge.duplicate);
  if (!existing.ok()) return existing.status();
  if (*existing) {
    return Status::InvalidArgument("veld \"duplicate\": document " + merge.duplicate +
                                   " is al samengevoegd met " + (*existing)->kept +
                                   "; maak dat eerst ongedaan");
  }
  auto kept_merged = MergeOfDuplicate(merge.kept);
  if (!kept_merged.ok()) return kept_merged.status();
  if (*kept_merged) {
    return Status::InvalidArgument("veld \"kept\": document " + merge.kept +
                                   " is zelf samengevoegd met " + (*kept_merged)->kept +
                                   "; kies dat document om te bewaren");
  }
  auto has_duplicates = CountWhere(*db, sql::kMergeKeptCount, merge.duplicate);
  if (!has_duplicates.ok()) return has_duplicates.status();
  if (*has_duplicates > 0) {
    return Status::InvalidArgument("veld \"duplicate\": document " + merge.duplicate +
                                   " heeft zelf samengevoegde dubbelen; kies het als te bewaren "
                                   "document of maak die eerst ongedaan");
  }
  return Status::Ok();
}

Result<Override> EditorialStore::GetOverride(std::string_view doc_id) const {
  std::lock_guard lock(impl_->mutex);
  return impl_->OverrideLocked(doc_id);
}

Status EditorialStore::SaveOverride(std::string_view doc_id, std::string_view path,
                                    const Override& value, std::string_view editor) {
  if (Status s = RequireId(doc_id, "id"); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  std::lock_guard lock(impl_->mutex);
  Database& db = *impl_->db;
  return InTransaction(db, [&]() -> Status {
    auto before = impl_->OverrideLocked(doc_id);
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
    if (Status s = impl_->AuditLocked(
            {0, "", std::string(editor), "override", std::string(doc_id), before_json, after_json});
        !s.ok()) {
      return s;
    }
    return impl_->EnqueueLocked(path);
  });
}

Result<std::map<std::string, DocumentEdits>> EditorialStore::AllEdits() const {
  std::lock_guard lock(impl_->mutex);
  Database& db = *impl_->db;
  std::map<std::string, DocumentEdits> out;
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
}

Result<DocumentEdits> EditorialStore::EditsFor(std::string_view doc_id) const {
  std::lock_guard lock(impl_->mutex);
  DocumentEdits out;
  auto value = impl_->OverrideLocked(doc_id);
  if (!value.ok()) return value.status();
  out.override = std::move(*value);
  auto merges = impl_->db->Prepare(sql::kMergesFor);
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
}

Status EditorialStore::SaveMerge(const Merge& merge, std::string_view kept_path,
                                 std::string_view editor) {
  if (Status s = RequireId(merge.kept, "kept"); !s.ok()) return s;
  if (Status s = RequireId(merge.duplicate, "duplicate"); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  std::lock_guard lock(impl_->mutex);
  Database& db = *impl_->db;
  return InTransaction(db, [&]() -> Status {
    if (Status s = impl_->CheckMergeAllowedLocked(merge); !s.ok()) return s;
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
    if (Status s = impl_->DecidePairLocked(merge.kept, merge.duplicate, "merged"); !s.ok())
      return s;
    AuditEntry entry{0, "", std::string(editor), "merge", "", "", MergeJson(merge, kept_path)};
    if (Status s = impl_->AuditPairLocked(entry, merge.kept, merge.duplicate); !s.ok()) return s;
    if (Status s = impl_->EnqueueLocked(merge.duplicate_path); !s.ok()) return s;
    return impl_->EnqueueLocked(kept_path);
  });
}

Status EditorialStore::Unmerge(std::string_view duplicate_id, std::string_view editor) {
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  std::lock_guard lock(impl_->mutex);
  Database& db = *impl_->db;
  return InTransaction(db, [&]() -> Status {
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
    if (Status s = impl_->DecidePairLocked(merge.kept, merge.duplicate, "rejected"); !s.ok())
      return s;
    AuditEntry entry{0, "", std::string(editor), "unmerge", "", MergeJson(merge, kept_path), ""};
    if (Status s = impl_->AuditPairLocked(entry, merge.kept, merge.duplicate); !s.ok()) return s;
    if (Status s = impl_->EnqueueLocked(merge.duplicate_path); !s.ok()) return s;
    return impl_->EnqueueLocked(kept_path);
  });
}

Result<std::vector<Merge>> EditorialStore::Merges() const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(sql::kMergesAll);
  if (!stmt.ok()) return stmt.status();
  std::vector<Merge> out;
  while ((*stmt)->Step()) out.push_back(ReadMerge(**stmt, nullptr));
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return out;
}

Status EditorialStore::AddNote(std::string_view doc_id, std::string_view text,
                               std::string_view editor) {
  if (Status s = RequireId(doc_id, "id"); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::InvalidArgument("veld \"text\": een notitie mag niet leeg zijn");
  }
  std::lock_guard lock(impl_->mutex);
  Database& db = *impl_->db;
  return InTransaction(db, [&]() -> Status {
    auto stmt = db.Prepare(sql::kNoteInsert);
    if (!stmt.ok()) return stmt.status();
    Note note{0, std::string(doc_id), std::string(editor), NowIsoUtc(), std::string(text)};
    Status run =
        (*stmt)->Bind(1, note.doc_id).Bind(2, note.editor).Bind(3, note.time).Bind(4, text).Run();
    if (!run.ok()) return run;
    note.id = db.LastInsertId();
    return impl_->AuditLocked({0, note.time, note.editor, "note", note.doc_id, "", NoteJson(note)});
  });
}

Result<std::vector<Note>> EditorialStore::Notes(std::string_view doc_id) const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(sql::kNotesFor);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, doc_id);
  std::vector<Note> out;
  while ((*stmt)->Step()) {
    out.push_back(
        {(*stmt)->Int(0), (*stmt)->Text(1), (*stmt)->Text(2), (*stmt)->Text(3), (*stmt)->Text(4)});
  }
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return out;
}

}  // namespace kb::editorial
