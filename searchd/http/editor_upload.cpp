// Upload: PDF and text files into the managed corpus folder, queued for kb-indexer at once.
#include <string>
#include <vector>

#include "editor_service.h"
#include "kb/core/fnv_hash.h"
#include "kb/editing/upload.h"

namespace kb::http {

void EditorService::Upload(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {}); !st.ok()) return SendError(call.res, st);
  if (options_.upload_dir.empty()) {
    return SendError(call.res,
                     kb::Status::FailedPrecondition(
                         "uploaden staat uit: kb-searchd draait zonder --upload-dir MAP"),
                     {.code = "no_upload_dir"});
  }
  if (!call.req.is_multipart_form_data()) {
    return SendError(
        call.res, kb::Status::InvalidArgument("stuur de bestanden als multipart/form-data in delen "
                                              "met de naam \"file\""));
  }
  const auto [first, last] = call.req.files.equal_range("file");
  std::vector<const httplib::MultipartFormData*> parts;
  for (auto it = first; it != last; ++it) parts.push_back(&it->second);
  if (parts.empty()) {
    return SendError(call.res,
                     kb::Status::InvalidArgument("veld \"file\": geen bestand ontvangen"));
  }
  // Every file is checked before any is stored: a refused request stores nothing.
  for (const auto* part : parts) {
    if (part->content.size() > options_.max_upload_bytes) {
      return SendError(
          call.res,
          kb::Status::TooLarge("bestand '" + part->filename.substr(0, 120) + "' is groter dan " +
                               std::to_string(options_.max_upload_bytes >> 20) + " MB"));
    }
    auto type = editing::CheckUpload(part->filename, part->content);
    if (!type.ok()) return SendError(call.res, type.status());
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto* part : parts) {
    auto path = editing::StoreUpload(options_.upload_dir, editing::SafeFileName(part->filename),
                                     part->content);
    if (!path.ok()) return SendError(call.res, path.status());
    const std::string id = DocumentIdForPath(path->string());
    if (auto st = options_.store->queue().Enqueue(path->string()); !st.ok()) {
      return SendError(call.res, st);
    }
    editorial::AuditEntry entry;
    entry.editor = call.editor;
    entry.action = "upload";
    entry.doc_id = id;
    entry.after =
        nlohmann::json{
            {"name", part->filename}, {"path", path->string()}, {"size", part->content.size()}}
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (auto st = options_.store->audit().Append(entry); !st.ok()) {
      return SendError(call.res, st);
    }
    files.push_back({{"name", path->filename().string()},
                     {"path", path->string()},
                     {"id", id},
                     {"status", "queued"}});
  }
  Enqueued();
  SendJsonStatus(call.res, 201, {{"files", std::move(files)}});
}

}  // namespace kb::http
