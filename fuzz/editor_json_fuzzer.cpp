// Fuzzes the JSON bodies editors send to kb-searchd, as the handlers read them:
//  - PUT /api/editor/documents/{id}: Override::FromJson, then CheckOverride against the real
//    catalogue (corpus/themes.toml, gazetteer.tsv), then the reply with OverrideObject;
//  - the small bodies of notes, merges, duplicate rejections and the login: BodyObject and
//    StringField for each field those routes read.
// Errors are answered with the handlers' own SendError. An accepted override must come
// back unchanged from its own JSON (what the store saves and the export writes).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <httplib.h>

#include "editor_json.h"
#include "editor_service.h"
#include "kb/editing/override_check.h"
#include "kb/editorial/override.h"
#include "kb/http/error_mapper.h"
#include "kb/search/catalog.h"

namespace {

void Require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "broken contract: %s\n", what);
  std::abort();
}

// The catalogue for the whole run (libFuzzer gives the callback no context).
const kb::search::Catalog& TheCatalog() {
  static const kb::search::Catalog catalog = kb::search::LoadCatalog(KB_DATA_DIR, stderr);
  return catalog;
}

void PutOverride(const httplib::Request& req) {
  httplib::Response res;
  auto value = kb::editorial::Override::FromJson(req.body);
  if (!value.ok()) return kb::http::SendError(res, value.status());
  const std::string saved = value->ToJson();
  auto reread = kb::editorial::Override::FromJson(saved);
  Require(reread.ok(), "an accepted override does not read back from its own JSON");
  Require(reread->ToJson() == saved, "an override changed when read back from its JSON");
  // OverrideObject answers {} when the override's JSON does not parse.
  Require(kb::http::OverrideObject(*value).contains("hidden"), "the reply lost the override");
  if (auto st = kb::editing::CheckOverride(*value, TheCatalog()); !st.ok()) {
    return kb::http::SendError(res, st);
  }
  kb::http::SendJsonStatus(res, 200,
                           {{"override", kb::http::OverrideObject(*value)}, {"pending", true}});
}

void SmallBody(const httplib::Request& req) {
  httplib::Response res;
  auto body = kb::http::BodyObject(req);
  if (!body.ok()) return kb::http::SendError(res, body.status());
  for (const char* field : {"text", "kept", "duplicate", "a", "b", "token"}) {
    auto value = kb::http::StringField(*body, field);
    if (!value.ok()) kb::http::SendError(res, value.status());
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Require(!TheCatalog().empty(), "the catalogue did not load");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  httplib::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  PutOverride(req);
  SmallBody(req);
  return 0;
}
