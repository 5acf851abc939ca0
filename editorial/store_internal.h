// What the parts of the editors' store share (private to kb_editorial). A function named *In
// runs inside a transaction its caller holds (Connection::InTransaction).
#pragma once

#include <string>
#include <string_view>

#include "kb/core/status.h"
#include "kb/editorial/audit_log.h"
#include "kb/editorial/edits.h"
#include "kb/editorial/sqlite_db.h"

namespace kb::editorial {

// InvalidArgument when no editor is named: every change is attributed.
inline Status RequireEditor(std::string_view editor) {
  if (!editor.empty()) return Status::Ok();
  return Status::InvalidArgument("een wijziging zonder redacteur is niet toegestaan");
}

// InvalidArgument naming `field` when a document id is empty.
inline Status RequireDocumentId(std::string_view value, std::string_view field) {
  if (!value.empty()) return Status::Ok();
  return Status::InvalidArgument("veld \"" + std::string(field) + "\": een document-id is nodig");
}

// Audits a change concerning two documents once under each, so each document's history is whole.
Status AuditBothIn(Database& db, AuditEntry entry, std::string_view first, std::string_view second);

// Reads the merge columns in store_sql.h's order into a Merge; kept_path goes to *kept_path.
Merge ReadMerge(const Statement& row, std::string* kept_path);
// The JSON of a merge as the audit log and the export write it.
std::string MergeJson(const Merge& merge, std::string_view kept_path);

}  // namespace kb::editorial
