// Export and import: the store as one readable JSON file (backup.h).
#include "kb/editorial/backup.h"

#include <nlohmann/json.hpp>

#include "backup_import.h"
#include "export_data.h"
#include "kb/editorial/audit_log.h"
#include "kb/editorial/pending_queue.h"
#include "kb/editorial/utc_time.h"
#include "store_internal.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kFormat = "kb-editorial-export";
constexpr int kFormatVersion = 1;

// An audit before/after is stored as JSON text; the export shows it as JSON (null when empty)
// so a reader sees the change rather than an escaped string.
Json EmbeddedJson(const std::string& text) {
  if (text.empty()) return nullptr;
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(text) : parsed;
}

template <typename RowToJson>
Result<Json> Rows(Database& db, const char* sql_text, RowToJson row_to_json) {
  auto stmt = db.Prepare(sql_text);
  if (!stmt.ok()) return stmt.status();
  Json out = Json::array();
  while ((*stmt)->Step()) out.push_back(row_to_json(**stmt));
  if (!(*stmt)->status().ok()) return (*stmt)->status();
  return out;
}

Json EditorRow(const Statement& r) {
  return {{"name", r.Text(0)},
          {"created", r.Text(1)},
          {"active", r.Int(2) != 0},
          {"token_sha256", r.Text(3)}};
}

Json OverrideRow(const Statement& r) {
  return {{"id", r.Text(0)},
          {"path", r.Text(1)},
          {"editor", r.Text(3)},
          {"time", r.Text(4)},
          {"override", Json::parse(r.Text(2), nullptr, false)}};
}

Json MergeRow(const Statement& r) {
  std::string kept_path;
  const Merge m = ReadMerge(r, &kept_path);
  return {{"kept", m.kept},
          {"kept_path", kept_path},
          {"duplicate", m.duplicate},
          {"duplicate_title", m.duplicate_title},
          {"duplicate_format", m.duplicate_format},
          {"duplicate_path", m.duplicate_path},
          {"editor", m.editor},
          {"time", m.time}};
}

Json NoteRow(const Statement& r) {
  return {{"doc_id", r.Text(1)}, {"editor", r.Text(2)}, {"time", r.Text(3)}, {"text", r.Text(4)}};
}

Json DuplicateRow(const Statement& r) {
  return {{"a", r.Text(0)},
          {"b", r.Text(1)},
          {"similarity", r.Real(2)},
          {"status", r.Text(3)},
          {"time", r.Text(4)}};
}

Json AuditRow(const Statement& r) {
  return {{"time", r.Text(1)},
          {"editor", r.Text(2)},
          {"action", r.Text(3)},
          {"doc_id", r.Text(4)},
          {"before", EmbeddedJson(r.Text(5))},
          {"after", EmbeddedJson(r.Text(6))}};
}

}  // namespace

Result<std::string> Backup::ExportJson() const {
  Json out = {{"format", kFormat}, {"version", kFormatVersion}, {"exported", NowIsoUtc()}};
  struct Section {
    const char* name;
    const char* sql_text;
    Json (*row)(const Statement&);
  };
  const Section sections[] = {{"editors", sql::kEditorsExport, EditorRow},
                              {"overrides", sql::kOverridesAll, OverrideRow},
                              {"merges", sql::kMergesAll, MergeRow},
                              {"notes", sql::kNotesAll, NoteRow},
                              {"duplicates", sql::kDuplicatesAll, DuplicateRow},
                              {"audit", sql::kAuditOldestFirst, AuditRow}};
  Status read = connection_.WithLock([&](Database& db) -> Status {
    // One read transaction, so the sections are one consistent snapshot.
    if (Status s = db.Exec("BEGIN"); !s.ok()) return s;
    for (const auto& section : sections) {
      auto rows = Rows(db, section.sql_text, section.row);
      if (!rows.ok()) {
        (void)db.Exec("ROLLBACK");
        return rows.status();
      }
      out[section.name] = std::move(*rows);
    }
    return db.Exec("COMMIT");
  });
  if (!read.ok()) return read;
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Status Backup::ImportJson(std::string_view json, std::string_view editor) {
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  auto data = ExportData::Parse(json);
  if (!data.ok()) return data.status();
  return connection_.InTransaction([&](Database& db) -> Status {
    if (Status s = ImportIn(db, *data); !s.ok()) return s;
    // Always a new generation, so a running kb-indexer reloads the edits.
    if (Status s = PendingQueue::BumpGenerationIn(db); !s.ok()) return s;
    return AuditLog::AppendIn(db, {0, "", std::string(editor), "import", "", "", data->Summary()});
  });
}

}  // namespace kb::editorial
