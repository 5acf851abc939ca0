// EditorialStore: opening, and the helpers every part of the store shares (generation, pending
// queue, audit). The other parts live in store_editors.cpp, store_edits.cpp, store_queue.cpp and
// store_export.cpp.
#include "kb/editorial/store.h"

#include <nlohmann/json.hpp>

#include "store_impl.h"
#include "store_schema.h"
#include "store_sql.h"
#include "utc_time.h"

namespace kb::editorial {

// Long enough to ride out the other process's transaction (each is a handful of rows), short
// enough that an HTTP request does not hang when the file is really stuck.
constexpr int kBusyTimeoutMs = 5000;

Result<std::unique_ptr<EditorialStore>> EditorialStore::Open(const std::filesystem::path& file) {
  auto db = Database::Open(file, kBusyTimeoutMs);
  if (!db.ok()) return db.status();
  if (Status s = PrepareSchema(**db); !s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  return std::unique_ptr<EditorialStore>(new EditorialStore(std::move(impl)));
}

std::filesystem::path EditorialStore::DefaultPathFor(const std::filesystem::path& index_dir) {
  std::filesystem::path dir = index_dir.lexically_normal();
  // "build/index/" has an empty file name; the store goes beside the folder, not inside it.
  if (dir.filename().empty()) dir = dir.parent_path();
  dir += ".editorial.sqlite";
  return dir;
}

EditorialStore::EditorialStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EditorialStore::~EditorialStore() = default;

Result<std::int64_t> EditorialStore::Impl::BumpGeneration() {
  auto stmt = db->Prepare(sql::kGenerationBump);
  if (!stmt.ok()) return stmt.status();
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return Status::Internal("de generatieteller ontbreekt in " + db->file().string());
  }
  const std::int64_t value = (*stmt)->Int(0);
  (void)(*stmt)->Run();  // finish RETURNING so the update completes before the reset
  return value;
}

Status EditorialStore::Impl::EnqueueLocked(std::string_view path) {
  if (path.empty()) return Status::Ok();
  auto generation = BumpGeneration();
  if (!generation.ok()) return generation.status();
  auto stmt = db->Prepare(sql::kPendingUpsert);
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Bind(1, path).Bind(2, *generation).Run();
}

Status EditorialStore::Impl::AuditLocked(const AuditEntry& entry) {
  auto stmt = db->Prepare(sql::kAuditInsert);
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

Result<Override> EditorialStore::Impl::OverrideLocked(std::string_view doc_id) {
  auto stmt = db->Prepare(sql::kOverrideGet);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, doc_id);
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return Override{};
  }
  return Override::FromJson((*stmt)->Text(0));
}

Result<std::optional<Merge>> EditorialStore::Impl::MergeOfDuplicate(std::string_view duplicate_id) {
  auto stmt = db->Prepare(sql::kMergeGet);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, duplicate_id);
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return std::optional<Merge>();
  }
  return std::optional<Merge>(ReadMerge(**stmt, nullptr));
}

Status EditorialStore::Impl::AuditPairLocked(AuditEntry entry, std::string_view first,
                                             std::string_view second) {
  entry.doc_id = first;
  if (Status s = AuditLocked(entry); !s.ok()) return s;
  entry.doc_id = second;
  return AuditLocked(entry);
}

Status EditorialStore::Impl::DecidePairLocked(std::string_view x, std::string_view y,
                                              std::string_view status) {
  if (x > y) std::swap(x, y);  // pairs are stored sorted, like the indexer's proposals
  auto stmt = db->Prepare(sql::kDuplicateDecide);
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Bind(1, x).Bind(2, y).Bind(3, 0.0).Bind(4, status).Bind(5, NowIsoUtc()).Run();
}

Status RequireEditor(std::string_view editor) {
  if (editor.empty()) {
    return Status::InvalidArgument("een wijziging zonder redacteur is niet toegestaan");
  }
  return Status::Ok();
}

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

Status EditorialStore::Enqueue(std::string_view path) {
  std::lock_guard lock(impl_->mutex);
  return InTransaction(*impl_->db, [&] { return impl_->EnqueueLocked(path); });
}

Status EditorialStore::AppendAudit(const AuditEntry& entry) {
  std::lock_guard lock(impl_->mutex);
  // No new generation: the audit log alone changes nothing kb-indexer applies.
  return InTransaction(*impl_->db, [&] { return impl_->AuditLocked(entry); });
}

Result<std::int64_t> EditorialStore::Generation() const {
  std::lock_guard lock(impl_->mutex);
  auto stmt = impl_->db->Prepare(sql::kGenerationGet);
  if (!stmt.ok()) return stmt.status();
  if (!(*stmt)->Step()) {
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return Status::Internal("de generatieteller ontbreekt in " + impl_->db->file().string());
  }
  return (*stmt)->Int(0);
}

}  // namespace kb::editorial
