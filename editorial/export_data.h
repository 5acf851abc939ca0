// The content of an export file, parsed and checked before anything is written, so a bad file
// changes nothing and the error names the entry and field (e.g. "overrides[2].path").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/editorial/audit_log.h"
#include "kb/editorial/duplicates.h"
#include "kb/editorial/edits.h"
#include "kb/editorial/notes.h"
#include "kb/editorial/override.h"

namespace kb::editorial {

struct ExportedEditor {
  std::string name;
  std::string created;
  bool active = true;
  std::string token_sha256;
};

struct ExportedOverride {
  std::string doc_id;
  std::string path;
  std::string editor;
  std::string time;
  Override value;
};

struct ExportedMerge {
  Merge merge;  // editor and time as recorded
  std::string kept_path;
};

struct ExportData {
  std::vector<ExportedEditor> editors;
  std::vector<ExportedOverride> overrides;
  std::vector<ExportedMerge> merges;
  std::vector<Note> notes;
  std::vector<DuplicateCandidate> duplicates;
  std::vector<AuditEntry> audit;  // oldest first

  // InvalidArgument naming the entry and field when `json` is not a valid export.
  static Result<ExportData> Parse(std::string_view json);
  // What an import of this data brings, as the JSON of its audit entry.
  std::string Summary() const;
};

}  // namespace kb::editorial
