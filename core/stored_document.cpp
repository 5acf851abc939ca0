#include "kb/core/stored_document.h"

#include <nlohmann/json.hpp>

namespace kb {

using nlohmann::json;

namespace {

json ThemesToJson(const std::vector<ThemeTag>& themes) {
  json out = json::array();
  for (const auto& t : themes)
    out.push_back({{"slug", t.slug}, {"name", t.name}, {"score", t.score}});
  return out;
}

json GemeentenToJson(const std::vector<GemeenteTag>& gemeenten) {
  json out = json::array();
  for (const auto& g : gemeenten) {
    out.push_back(
        {{"code", g.code}, {"name", g.name}, {"provincie", g.provincie}, {"mentions", g.mentions}});
  }
  return out;
}

std::vector<ThemeTag> ThemesFromJson(const json& j) {
  std::vector<ThemeTag> out;
  for (const auto& t : j.value("themes", json::array())) {
    out.push_back({t.value("slug", ""), t.value("name", ""), t.value("score", 0.0)});
  }
  return out;
}

std::vector<GemeenteTag> GemeentenFromJson(const json& j) {
  std::vector<GemeenteTag> out;
  for (const auto& g : j.value("gemeenten", json::array())) {
    out.push_back({g.value("code", ""), g.value("name", ""), g.value("provincie", ""),
                   g.value("mentions", 0)});
  }
  return out;
}

json MachineToJson(const MachineFacts& m) {
  return {{"title", m.title},
          {"date", m.date},
          {"kind", m.kind},
          {"evidence", m.evidence},
          {"organisation", m.organisation},
          {"themes", ThemesToJson(m.themes)},
          {"gemeenten", GemeentenToJson(m.gemeenten)},
          {"provincies", m.provincies}};
}

MachineFacts MachineFromJson(const json& j) {
  MachineFacts m;
  m.title = j.value("title", "");
  m.date = j.value("date", "");
  m.kind = j.value("kind", "");
  m.evidence = j.value("evidence", "");
  m.organisation = j.value("organisation", "");
  m.themes = ThemesFromJson(j);
  m.gemeenten = GemeentenFromJson(j);
  m.provincies = j.value("provincies", std::vector<std::string>{});
  return m;
}

json LinkToJson(const LinkedDocument& d) {
  return {{"id", d.id}, {"title", d.title}, {"format", d.format}};
}

LinkedDocument LinkFromJson(const json& j) {
  return {j.value("id", ""), j.value("title", ""), j.value("format", "")};
}

}  // namespace

std::string StoredDocument::ToJson() const {
  json j;
  j["id"] = id;
  j["title"] = title;
  j["title_source"] = title_source;
  j["authors"] = authors;
  j["organisation"] = organisation;
  j["date"] = date;
  j["year"] = year;
  j["kind"] = kind;
  j["evidence"] = evidence;
  j["language"] = language;
  j["format"] = format;
  j["path"] = path;
  j["size"] = size;
  j["content_hash"] = content_hash;
  j["encoding"] = encoding;
  j["pages"] = pages;
  j["themes"] = ThemesToJson(themes);
  j["gemeenten"] = GemeentenToJson(gemeenten);
  j["provincies"] = provincies;
  j["edited"] = edited;
  j["hidden"] = hidden;
  j["merged_into"] = merged_into;
  json also = json::array();
  for (const auto& a : also_published_as) {
    also.push_back({{"id", a.id}, {"title", a.title}, {"format", a.format}, {"path", a.path}});
  }
  j["also_published_as"] = std::move(also);
  j["machine"] = MachineToJson(machine);
  j["review"] = review;
  if (!ocr_pages.empty()) j["ocr_pages"] = ocr_pages;
  if (!attachment_of.id.empty()) {
    j["attachment_of"] = LinkToJson(attachment_of);
    j["container_path"] = container_path;
  }
  if (!attachments.empty()) {
    json list = json::array();
    for (const LinkedDocument& a : attachments) list.push_back(LinkToJson(a));
    j["attachments"] = std::move(list);
  }
  if (personal_data_count > 0) {
    j["personal_data"] = {{"count", personal_data_count}, {"pages", personal_data_pages}};
  }
  // Replace invalid UTF-8 rather than throw: extraction already converts, this is a last guard.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<StoredDocument> StoredDocument::FromJson(const std::string& text) {
  try {
    const json j = json::parse(text);
    StoredDocument d;
    d.id = j.value("id", "");
    d.title = j.value("title", "");
    d.title_source = j.value("title_source", "");
    d.authors = j.value("authors", std::vector<std::string>{});
    d.organisation = j.value("organisation", "");
    d.date = j.value("date", "");
    d.year = j.value("year", 0);
    d.kind = j.value("kind", "");
    d.evidence = j.value("evidence", "");
    d.language = j.value("language", "");
    d.format = j.value("format", "");
    d.path = j.value("path", "");
    d.size = j.value("size", std::uint64_t{0});
    d.content_hash = j.value("content_hash", "");
    d.encoding = j.value("encoding", "");
    d.pages = j.value("pages", std::vector<std::string>{});
    d.themes = ThemesFromJson(j);
    d.gemeenten = GemeentenFromJson(j);
    d.provincies = j.value("provincies", std::vector<std::string>{});
    // Schema 1 documents have none of the editorial fields; the defaults are right for them.
    d.edited = j.value("edited", false);
    d.hidden = j.value("hidden", false);
    d.merged_into = j.value("merged_into", "");
    for (const auto& a : j.value("also_published_as", json::array())) {
      d.also_published_as.push_back(
          {a.value("id", ""), a.value("title", ""), a.value("format", ""), a.value("path", "")});
    }
    if (auto it = j.find("machine"); it != j.end() && it->is_object()) {
      d.machine = MachineFromJson(*it);
    }
    d.review = j.value("review", std::vector<std::string>{});
    d.ocr_pages = j.value("ocr_pages", std::vector<int>{});
    if (auto it = j.find("attachment_of"); it != j.end() && it->is_object()) {
      d.attachment_of = LinkFromJson(*it);
      d.container_path = j.value("container_path", "");
    }
    for (const auto& a : j.value("attachments", json::array())) {
      d.attachments.push_back(LinkFromJson(a));
    }
    if (auto it = j.find("personal_data"); it != j.end() && it->is_object()) {
      d.personal_data_count = it->value("count", 0);
      d.personal_data_pages = it->value("pages", std::vector<int>{});
    }
    return d;
  } catch (const json::exception& e) {
    return Status::Internal(std::string("stored document data is not valid JSON: ") + e.what());
  }
}

}  // namespace kb
