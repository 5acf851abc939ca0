// JSON bodies of the editors' API (private to kb_http).
#pragma once

#include <nlohmann/json.hpp>

#include "kb/editorial/audit_log.h"
#include "kb/editorial/notes.h"
#include "kb/editorial/override.h"
#include "kb/editorial/review.h"
#include "kb/search/search_result.h"

namespace kb::http {

// Themes below this score and gemeenten mentioned once wait for an editor's confirmation: the
// rule of kb-indexer's "low-confidence" flag.
using editorial::review::kConfidentThemeScore;

nlohmann::json OverrideObject(const editorial::Override& value);
nlohmann::json NoteObject(const editorial::Note& note);
nlohmann::json AuditObject(const editorial::AuditEntry& entry);
// The public document JSON with "pages" as plain texts, plus path, machine, edited, hidden,
// merged_into, also_published_as (with paths) and review.
nlohmann::json EditorDocumentObject(const search::DocumentDetail& detail);
// A review-queue item: id, title, date, kind, format, path, review, themes, gemeenten and
// to_confirm {themes, gemeenten} (the tags the editor has neither confirmed nor decided on).
nlohmann::json QueueItemObject(const StoredDocument& doc, const editorial::Override& value);
// {id, title, format, path} for the duplicates queue.
nlohmann::json DocumentSummary(const StoredDocument& doc);

}  // namespace kb::http
