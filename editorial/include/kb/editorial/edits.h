// Edits: the editors' decisions kb-indexer applies to documents, overrides and merges. Every
// save is one transaction holding the change, its audit entries and the pending-queue entries of
// the documents' paths, so kb-indexer never sees an edit without the request to apply it (or the
// reverse).
//
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"
#include "kb/editorial/override.h"

namespace kb::editorial {

// A merge: `duplicate` disappears from results, `kept` shows "ook gepubliceerd als" with it.
// The duplicate's title, format and path are a snapshot taken at merge time.
struct Merge {
  std::string kept;
  std::string duplicate;
  std::string duplicate_title;
  std::string duplicate_format;
  std::string duplicate_path;
  std::string editor;
  std::string time;  // ISO 8601 UTC
};

// Everything kb-indexer applies to one document.
struct DocumentEdits {
  Override override;
  std::optional<Merge> merged_into;  // set when this document is a merged duplicate
  std::vector<Merge> merged_here;    // duplicates merged into this document
  bool empty() const { return override.empty() && !merged_into && merged_here.empty(); }
};

class Edits {
 public:
  explicit Edits(Connection& connection) : connection_(connection) {}

  // The document's override (empty when it has none).
  Result<Override> GetOverride(std::string_view doc_id) const;
  // Replaces the document's whole override, audits before/after under `editor` (action
  // "override"; "" for no override) and enqueues `path` for re-indexing. Saving an empty
  // override removes it (the machine's values return). InvalidArgument for an empty doc_id or
  // editor.
  Status SaveOverride(std::string_view doc_id, std::string_view path, const Override& value,
                      std::string_view editor);
  // All edits of every document that has any, by document id (kb-indexer loads this once per
  // run and again when the pending queue changes).
  Result<std::map<std::string, DocumentEdits>> AllEdits() const;
  Result<DocumentEdits> EditsFor(std::string_view doc_id) const;

  // Records a merge and enqueues both documents' paths; kept_path is the kept document's
  // source. merge.editor and merge.time are ignored (the store records `editor` and now). The
  // pair's duplicate candidate becomes "merged"; the audit gets a "merge" entry under each
  // document. InvalidArgument naming the field for an empty id or editor, and for a merge the
  // rules of merge_rules.h refuse given the merges already in the store.
  Status SaveMerge(const Merge& merge, std::string_view kept_path, std::string_view editor);
  // Undoes a merge, enqueues both paths and marks the pair "rejected" (an editor has judged it);
  // NotFound when `duplicate_id` is not merged.
  Status Unmerge(std::string_view duplicate_id, std::string_view editor);
  Result<std::vector<Merge>> Merges() const;

 private:
  Connection& connection_;
};

}  // namespace kb::editorial
