#include "kb/core/stored_document.h"

#include <nlohmann/json.hpp>

namespace kb {

using nlohmann::json;

std::string StoredDocument::ToJson() const {
  json j;
  j["id"] = id;
  j["title"] = title;
  j["authors"] = authors;
  j["organisation"] = organisation;
  j["date"] = date;
  j["year"] = year;
  j["kind"] = kind;
  j["language"] = language;
  j["format"] = format;
  j["path"] = path;
  j["size"] = size;
  j["content_hash"] = content_hash;
  j["encoding"] = encoding;
  j["pages"] = pages;
  json themes_json = json::array();
  for (const auto& t : themes)
    themes_json.push_back({{"slug", t.slug}, {"name", t.name}, {"score", t.score}});
  j["themes"] = std::move(themes_json);
  json gemeenten_json = json::array();
  for (const auto& g : gemeenten) {
    gemeenten_json.push_back(
        {{"code", g.code}, {"name", g.name}, {"provincie", g.provincie}, {"mentions", g.mentions}});
  }
  j["gemeenten"] = std::move(gemeenten_json);
  j["provincies"] = provincies;
  // Replace invalid UTF-8 rather than throw: extraction already converts, this is a last guard.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<StoredDocument> StoredDocument::FromJson(const std::string& text) {
  try {
    const json j = json::parse(text);
    StoredDocument d;
    d.id = j.value("id", "");
    d.title = j.value("title", "");
    d.authors = j.value("authors", std::vector<std::string>{});
    d.organisation = j.value("organisation", "");
    d.date = j.value("date", "");
    d.year = j.value("year", 0);
    d.kind = j.value("kind", "");
    d.language = j.value("language", "");
    d.format = j.value("format", "");
    d.path = j.value("path", "");
    d.size = j.value("size", std::uint64_t{0});
    d.content_hash = j.value("content_hash", "");
    d.encoding = j.value("encoding", "");
    d.pages = j.value("pages", std::vector<std::string>{});
    for (const auto& t : j.value("themes", json::array())) {
      d.themes.push_back({t.value("slug", ""), t.value("name", ""), t.value("score", 0.0)});
    }
    for (const auto& g : j.value("gemeenten", json::array())) {
      d.gemeenten.push_back({g.value("code", ""), g.value("name", ""), g.value("provincie", ""),
                             g.value("mentions", 0)});
    }
    d.provincies = j.value("provincies", std::vector<std::string>{});
    return d;
  } catch (const json::exception& e) {
    return Status::Internal(std::string("stored document data is not valid JSON: ") + e.what());
  }
}

}  // namespace kb
