#include "editor_json.h"

#include <algorithm>

#include "json_objects.h"

namespace kb::http {

namespace {

using nlohmann::json;

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// before/after are JSON texts in the store; shown as JSON, or as text when they are not.
json Embedded(const std::string& text) {
  if (text.empty()) return nullptr;
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
}

// How many identifying numbers the privacy guard masked, and on which pages; never the numbers.
json PersonalDataJson(const StoredDocument& d) {
  return {{"count", d.personal_data_count}, {"pages", d.personal_data_pages}};
}

}  // namespace

json OverrideObject(const editorial::Override& value) {
  json parsed = json::parse(value.ToJson(), nullptr, false);
  return parsed.is_discarded() ? json::object() : parsed;
}

json NoteObject(const editorial::Note& note) {
  return {{"id", note.id}, {"editor", note.editor}, {"time", note.time}, {"text", note.text}};
}

json AuditObject(const editorial::AuditEntry& e) {
  return {{"id", e.id},
          {"time", e.time},
          {"editor", e.editor},
          {"action", e.action},
          {"doc_id", e.doc_id},
          {"before", Embedded(e.before)},
          {"after", Embedded(e.after)}};
}

json EditorDocumentObject(const search::DocumentDetail& detail) {
  const StoredDocument& d = detail.document;
  json out = DocumentObject(detail);
  out["pages"] = d.pages;
  out["path"] = d.path;
  out["edited"] = d.edited;
  out["hidden"] = d.hidden;
  out["review"] = d.review;
  out["personal_data"] = PersonalDataJson(d);
  // The pages read by OCR: their text may hold recognition errors an editor should know of.
  out["ocr_pages"] = d.ocr_pages;
  json also = json::array();
  for (const auto& a : d.also_published_as) {
    also.push_back({{"id", a.id}, {"title", a.title}, {"format", a.format}, {"path", a.path}});
  }
  out["also_published_as"] = std::move(also);
  // Without an override the document's own values are the machine's.
  const MachineFacts m =
      d.edited ? d.machine : MachineFacts{d.title,        d.date,   d.kind,      d.evidence,
                                          d.organisation, d.themes, d.gemeenten, d.provincies};
  out["machine"] = json{{"title", m.title},
                        {"date", m.date},
                        {"kind", m.kind},
                        {"evidence", m.evidence},
                        {"organisation", m.organisation},
                        {"themes", ThemesJson(m.themes)},
                        {"gemeenten", GemeentenJson(m.gemeenten)},
                        {"provincies", m.provincies}};
  return out;
}

json QueueItemObject(const StoredDocument& d, const editorial::Override& o) {
  json themes_to_confirm = json::array();
  for (const auto& t : d.themes) {
    if (t.score < kConfidentThemeScore && !Contains(o.themes_confirmed, t.slug) &&
        !Contains(o.themes_added, t.slug)) {
      themes_to_confirm.push_back({{"slug", t.slug}, {"name", t.name}, {"score", t.score}});
    }
  }
  json gemeenten_to_confirm = json::array();
  for (const auto& g : d.gemeenten) {
    if (g.mentions == 1 && !Contains(o.gemeenten_confirmed, g.code) &&
        !Contains(o.gemeenten_added, g.code)) {
      gemeenten_to_confirm.push_back(
          {{"code", g.code}, {"name", g.name}, {"mentions", g.mentions}});
    }
  }
  return {{"id", d.id},
          {"title", d.title},
          {"date", d.date},
          {"kind", d.kind},
          {"evidence", d.evidence},
          {"format", d.format},
          {"path", d.path},
          {"review", d.review},
          {"personal_data", PersonalDataJson(d)},
          {"themes", ThemesJson(d.themes)},
          {"gemeenten", GemeentenJson(d.gemeenten)},
          {"to_confirm", {{"themes", themes_to_confirm}, {"gemeenten", gemeenten_to_confirm}}}};
}

json DocumentSummary(const StoredDocument& d) {
  return {{"id", d.id}, {"title", d.title}, {"format", d.format}, {"path", d.path}};
}

}  // namespace kb::http
