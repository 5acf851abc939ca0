// Notes on documents.
#include "kb/editorial/notes.h"

#include <nlohmann/json.hpp>

#include "kb/editorial/audit_log.h"
#include "kb/editorial/utc_time.h"
#include "store_internal.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

std::string NoteJson(const Note& note) {
  return nlohmann::json({{"id", note.id}, {"text", note.text}})
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status Notes::Add(std::string_view doc_id, std::string_view text, std::string_view editor) {
  if (Status s = RequireDocumentId(doc_id, "id"); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::InvalidArgument("veld \"text\": een notitie mag niet leeg zijn")
        .WithDetail("text", "invalid_value");
  }
  return connection_.InTransaction([&](Database& db) -> Status {
    auto stmt = db.Prepare(sql::kNoteInsert);
    if (!stmt.ok()) return stmt.status();
    Note note{0, std::string(doc_id), std::string(editor), NowIsoUtc(), std::string(text)};
    Status run =
        (*stmt)->Bind(1, note.doc_id).Bind(2, note.editor).Bind(3, note.time).Bind(4, text).Run();
    if (!run.ok()) return run;
    note.id = db.LastInsertId();
    return AuditLog::AppendIn(db,
                              {0, note.time, note.editor, "note", note.doc_id, "", NoteJson(note)});
  });
}

Result<std::vector<Note>> Notes::For(std::string_view doc_id) const {
  return connection_.WithLock([&](Database& db) -> Result<std::vector<Note>> {
    auto stmt = db.Prepare(sql::kNotesFor);
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, doc_id);
    std::vector<Note> out;
    while ((*stmt)->Step()) {
      out.push_back({(*stmt)->Int(0), (*stmt)->Text(1), (*stmt)->Text(2), (*stmt)->Text(3),
                     (*stmt)->Text(4)});
    }
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return out;
  });
}

}  // namespace kb::editorial
