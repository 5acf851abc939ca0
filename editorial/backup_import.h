// Writing a parsed export into the store (private to kb_editorial).
#pragma once

#include "export_data.h"
#include "kb/core/status.h"
#include "kb/editorial/sqlite_db.h"

namespace kb::editorial {

// Writes `data` inside the caller's transaction, so the whole file is imported or nothing is:
// the file wins for the same key, notes and audit entries already present are not doubled, and
// the paths of the overrides and merges it brings are enqueued for kb-indexer.
Status ImportIn(Database& db, const ExportData& data);

}  // namespace kb::editorial
