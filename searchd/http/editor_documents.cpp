// Documents: read with everything an editor needs, save an override, add a note; merges and
// rejected duplicate pairs.
#include <algorithm>
#include <string>

#include "editor_json.h"
#include "editor_service.h"
#include "kb/editing/override_check.h"
#include "kb/editorial/duplicates.h"
#include "kb/editorial/merge_rules.h"

namespace kb::http {

namespace {

// The stored documents of `ids` (in order), NotFound naming the first one missing.
Result<std::vector<StoredDocument>> RequireDocuments(search::SearcherPool& pool,
                                                     const std::vector<std::string>& ids) {
  auto docs = pool.Acquire()->Documents(ids);
  if (!docs.ok()) return docs.status();
  for (const auto& id : ids) {
    const bool found = std::any_of(docs->begin(), docs->end(),
                                   [&](const StoredDocument& d) { return d.id == id; });
    if (!found) {
      return kb::Status::NotFound("document '" + id.substr(0, 70) + "' staat niet in de index");
    }
  }
  std::vector<StoredDocument> ordered;
  for (const auto& id : ids) {
    ordered.push_back(*std::find_if(docs->begin(), docs->end(),
                                    [&](const StoredDocument& d) { return d.id == id; }));
  }
  return ordered;
}

// A document's merge standing as the index shows it.
editorial::MergeSide MergeSideOf(const StoredDocument& doc) {
  return {doc.id, doc.merged_into, !doc.also_published_as.empty()};
}

}  // namespace

void EditorService::GetDocument(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {}); !st.ok()) return SendError(call.res, st);
  const std::string id = call.req.matches[1].str();
  auto detail = pool_.Acquire()->GetDocument(id, search::Audience::kEditor);
  if (!detail.ok()) return SendError(call.res, detail.status());
  auto value = options_.store->edits().GetOverride(id);
  if (!value.ok()) return SendError(call.res, value.status());
  auto notes = options_.store->notes().For(id);
  if (!notes.ok()) return SendError(call.res, notes.status());
  auto audit = options_.store->audit().Recent(id, 50);
  if (!audit.ok()) return SendError(call.res, audit.status());
  nlohmann::json notes_json = nlohmann::json::array();
  for (const auto& n : *notes) notes_json.push_back(NoteObject(n));
  nlohmann::json audit_json = nlohmann::json::array();
  for (const auto& e : *audit) audit_json.push_back(AuditObject(e));
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200,
                 {{"document", EditorDocumentObject(*detail)},
                  {"override", OverrideObject(*value)},
                  {"notes", std::move(notes_json)},
                  {"audit", std::move(audit_json)}});
}

void EditorService::PutDocument(EditorCall& call) {
  const std::string id = call.req.matches[1].str();
  auto docs = RequireDocuments(pool_, {id});
  if (!docs.ok()) return SendError(call.res, docs.status());
  auto value = editorial::Override::FromJson(call.req.body);
  if (!value.ok()) return SendError(call.res, value.status());
  if (auto st = editing::CheckOverride(*value, *options_.catalog); !st.ok()) {
    return SendError(call.res, st);
  }
  if (auto st =
          options_.store->edits().SaveOverride(id, docs->front().SourcePath(), *value, call.editor);
      !st.ok()) {
    return SendError(call.res, st);
  }
  Enqueued();
  SendJsonStatus(call.res, 200, {{"override", OverrideObject(*value)}, {"pending", true}});
}

void EditorService::AddNote(EditorCall& call) {
  const std::string id = call.req.matches[1].str();
  auto body = BodyObject(call.req);
  if (!body.ok()) return SendError(call.res, body.status());
  auto text = StringField(*body, "text");
  if (!text.ok()) return SendError(call.res, text.status());
  if (text->size() > 10000) {
    return SendError(call.res, kb::Status::InvalidArgument(
                                   "veld \"text\": een notitie heeft hoogstens 10000 tekens"));
  }
  auto docs = RequireDocuments(pool_, {id});
  if (!docs.ok()) return SendError(call.res, docs.status());
  if (auto st = options_.store->notes().Add(id, *text, call.editor); !st.ok()) {
    return SendError(call.res, st);
  }
  auto notes = options_.store->notes().For(id);
  if (!notes.ok()) return SendError(call.res, notes.status());
  // The note just written: the newest of this editor's with this text.
  auto newest = std::max_element(notes->begin(), notes->end(),
                                 [](const auto& a, const auto& b) { return a.id < b.id; });
  if (newest == notes->end()) {
    return SendError(call.res, kb::Status::Internal("de notitie is niet teruggevonden"));
  }
  SendJsonStatus(call.res, 201, NoteObject(*newest));
}

void EditorService::Merge(EditorCall& call) {
  auto body = BodyObject(call.req);
  if (!body.ok()) return SendError(call.res, body.status());
  auto kept = StringField(*body, "kept");
  if (!kept.ok()) return SendError(call.res, kept.status());
  auto duplicate = StringField(*body, "duplicate");
  if (!duplicate.ok()) return SendError(call.res, duplicate.status());
  if (auto st = editorial::CheckMergeIds(*kept, *duplicate); !st.ok()) {
    return SendError(call.res, st);
  }
  auto docs = RequireDocuments(pool_, {*kept, *duplicate});
  if (!docs.ok()) return SendError(call.res, docs.status());
  const StoredDocument& kept_doc = (*docs)[0];
  const StoredDocument& dup_doc = (*docs)[1];
  // The index's view; the store checks again against its own, which may be newer.
  if (auto st = editorial::CheckMerge(MergeSideOf(kept_doc), MergeSideOf(dup_doc)); !st.ok()) {
    return SendError(call.res, st);
  }
  editorial::Merge merge;
  merge.kept = kept_doc.id;
  merge.duplicate = dup_doc.id;
  merge.duplicate_title = dup_doc.title;
  merge.duplicate_format = dup_doc.format;
  merge.duplicate_path = dup_doc.SourcePath();
  merge.editor = call.editor;
  if (auto st = options_.store->edits().SaveMerge(merge, kept_doc.SourcePath(), call.editor);
      !st.ok()) {
    return SendError(call.res, st);
  }
  Enqueued();
  SendJsonStatus(call.res, 201,
                 {{"kept", merge.kept}, {"duplicate", merge.duplicate}, {"pending", true}});
}

void EditorService::Unmerge(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {}); !st.ok()) return SendError(call.res, st);
  const std::string id = call.req.matches[1].str();
  if (auto st = options_.store->edits().Unmerge(id, call.editor); !st.ok()) {
    return SendError(call.res, st);
  }
  Enqueued();
  call.res.status = 204;
}

void EditorService::RejectDuplicate(EditorCall& call) {
  auto body = BodyObject(call.req);
  if (!body.ok()) return SendError(call.res, body.status());
  auto a = StringField(*body, "a");
  if (!a.ok()) return SendError(call.res, a.status());
  auto b = StringField(*body, "b");
  if (!b.ok()) return SendError(call.res, b.status());
  if (auto st = editorial::CheckPair(*a, *b); !st.ok()) return SendError(call.res, st);
  auto docs = RequireDocuments(pool_, {*a, *b});
  if (!docs.ok()) return SendError(call.res, docs.status());
  if (auto st = options_.store->duplicates().Reject(*a, *b, call.editor); !st.ok()) {
    return SendError(call.res, st);
  }
  call.res.status = 204;
}

}  // namespace kb::http
