#include "kb/http/json_mapping.h"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "json_objects.h"
#include "kb/core/schema.h"
#include "kb/http/json_writer.h"

namespace kb::http {

namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

json ThemesJson(const std::vector<ThemeTag>& themes) {
  json out = json::array();
  for (const auto& t : themes)
    out.push_back({{"slug", t.slug}, {"name", t.name}, {"score", t.score}});
  return out;
}

json GemeentenJson(const std::vector<GemeenteTag>& gemeenten) {
  json out = json::array();
  for (const auto& g : gemeenten) {
    out.push_back(
        {{"code", g.code}, {"name", g.name}, {"provincie", g.provincie}, {"mentions", g.mentions}});
  }
  return out;
}

namespace {

// Other documents a document links to (its attachments, its other formats): each with its id,
// title, format and file URL.
template <typename Linked>
json LinkedDocumentsJson(const std::vector<Linked>& list) {
  json out = json::array();
  for (const Linked& a : list) {
    out.push_back({{"id", a.id},
                   {"title", a.title},
                   {"format", a.format},
                   {"url", FileUrl(a.id, a.format, 0)}});
  }
  return out;
}

}  // namespace

std::string FileUrl(std::string_view id, std::string_view format, int page) {
  std::string url = "/api/documents/" + std::string(id) + "/file";
  if (format == "pdf" && page > 0) url += "#page=" + std::to_string(page);
  return url;
}

namespace {

void WriteThemes(JsonWriter& w, const std::vector<ThemeTag>& themes) {
  w.BeginArray();
  for (const auto& t : themes) {
    w.BeginObject().Key("slug").String(t.slug).Key("name").String(t.name);
    w.Key("score").Double(t.score).EndObject();
  }
  w.EndArray();
}

void WriteFacet(JsonWriter& w, std::string_view name,
                const std::vector<search::FacetCount>& counts) {
  w.Key(name).BeginArray();
  for (const auto& c : counts) {
    w.BeginObject().Key("value").String(c.value).Key("label").String(c.label);
    w.Key("count").UInt(c.count).EndObject();
  }
  w.EndArray();
}

}  // namespace

namespace {

// The query as asked and the spelling correction: the opening fields of a search and of passages.
void QueryFields(JsonWriter& w, const std::string& query,
                 const std::optional<std::string>& corrected, bool showing_corrected) {
  w.Key("query").String(query);
  w.Key("corrected_query");
  corrected ? w.String(*corrected) : w.Null();
  w.Key("showing_corrected").Bool(showing_corrected);
}

}  // namespace

std::string PassagesJson(const search::PassageResult& r) {
  JsonWriter w;
  w.BeginObject();
  QueryFields(w, r.query, r.corrected_query, r.showing_corrected);
  w.Key("passages").BeginArray();
  for (const search::PassageHit& p : r.passages) {
    w.BeginObject();
    w.Key("id").String(p.id).Key("title").String(p.title).Key("format").String(p.format);
    w.Key("year");
    p.year > 0 ? w.Int(p.year) : w.Null();
    w.Key("page").Int(p.page).Key("section").String(p.section).Key("role").String(p.role);
    w.Key("text").String(p.html).Key("key").String(p.key).Key("score").Double(p.score);
    w.Key("ocr").Bool(p.ocr);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string SearchResultJson(const search::SearchResult& r) {
  JsonWriter w;
  w.BeginObject();
  QueryFields(w, r.query, r.corrected_query, r.showing_corrected);
  w.Key("total").UInt(r.total).Key("page").Int(r.page).Key("size").Int(r.size);
  w.Key("all_words_total").UInt(r.all_words_total);
  w.Key("undated_left_out").UInt(r.undated_left_out);
  if (r.shards > 0) {
    // An index in shards: an answer without some of them is partial, and says which.
    w.Key("shards").BeginObject().Key("total").UInt(r.shards);
    w.Key("partial").Bool(!r.failed_shards.empty()).Key("failed").BeginArray();
    for (const auto& shard : r.failed_shards) w.String(shard);
    w.EndArray().EndObject();
  }
  // Partial: there are matches, but none holds every word of the query.
  w.Key("partial").Bool(r.total > 0 && r.all_words_total == 0);
  w.Key("interpreted").BeginObject();
  w.Key("gemeente").BeginArray();
  for (const auto& name : r.interpreted_gemeenten) w.String(name);
  w.EndArray().Key("provincie").BeginArray();
  for (const auto& name : r.interpreted_provincies) w.String(name);
  w.EndArray().EndObject();
  if (r.size_requested > r.size) {
    // A client asking for more than the maximum learns that it got fewer, and why.
    w.Key("notice").BeginObject().Key("code").String("clamped").Key("param").String("size");
    w.Key("message").String("size=" + std::to_string(r.size_requested) +
                            " is meer dan het maximum; er zijn er " + std::to_string(r.size) +
                            " per pagina gegeven, blader verder met page");
    w.EndObject();
  }
  w.Key("hits").BeginArray();
  for (const auto& h : r.hits) {
    w.BeginObject();
    w.Key("id").String(h.id).Key("title").String(h.title).Key("kind").String(h.kind);
    w.Key("evidence").String(h.evidence).Key("language").String(h.language);
    w.Key("year");
    h.year > 0 ? w.Int(h.year) : w.Null();
    w.Key("date").String(h.date);
    w.Key("themes");
    WriteThemes(w, h.themes);
    // A hit lists its most mentioned gemeenten; the document route has all of them.
    w.Key("gemeenten").BeginArray();
    for (size_t i = 0; i < h.gemeenten.size() && i < kHitGemeenten; ++i) {
      const auto& g = h.gemeenten[i];
      w.BeginObject().Key("code").String(g.code).Key("name").String(g.name);
      w.Key("provincie").String(g.provincie).Key("mentions").Int(g.mentions).EndObject();
    }
    w.EndArray();
    w.Key("gemeenten_total").UInt(h.gemeenten.size());
    w.Key("provincies").BeginArray();
    for (const auto& p : h.provincies) w.String(p);
    w.EndArray();
    w.Key("snippet").String(h.snippet);
    w.Key("pages").BeginArray();
    for (int p : h.pages) w.Int(p);
    w.EndArray();
    w.Key("url").String(FileUrl(h.id, h.format, h.pages.empty() ? 0 : h.pages.front()));
    w.Key("score").Double(h.score);
    w.Key("added");
    h.added.empty() ? w.Null() : w.String(h.added);
    if (!h.attachment_of.id.empty()) {
      w.Key("attachment_of").BeginObject().Key("id").String(h.attachment_of.id);
      w.Key("title").String(h.attachment_of.title).EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  if (r.facets) {
    w.Key("facets").BeginObject();
    WriteFacet(w, "theme", r.facets->theme);
    WriteFacet(w, "gemeente", r.facets->gemeente);
    WriteFacet(w, "provincie", r.facets->provincie);
    WriteFacet(w, "year", r.facets->year);
    WriteFacet(w, "kind", r.facets->kind);
    WriteFacet(w, "evidence", r.facets->evidence);
    WriteFacet(w, "language", r.facets->language);
    WriteFacet(w, "organisatie", r.facets->organisation);
    w.Key("year_unknown").UInt(r.facets->year_unknown);
    w.Key("theme_provincie").BeginArray();
    for (const auto& c : r.facets->theme_provincie) {
      w.BeginObject().Key("theme").String(c.theme).Key("provincie").String(c.provincie);
      w.Key("count").UInt(c.count).EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
  return w.Take();
}

nlohmann::json DocumentObject(const search::DocumentDetail& detail) {
  const StoredDocument& d = detail.document;
  json pages = json::array();
  for (size_t i = 0; i < d.pages.size(); ++i) {
    pages.push_back({{"number", i + 1}, {"text", d.pages[i]}});
  }
  json similar = json::array();
  for (const auto& s : detail.similar) {
    similar.push_back({{"id", s.id},
                       {"title", s.title},
                       {"kind", s.kind},
                       {"year", s.year > 0 ? json(s.year) : json(nullptr)},
                       {"score", s.score}});
  }
  json body = {
      {"id", d.id},
      {"title", d.title},
      {"authors", d.authors},
      {"organisation", d.organisation},
      {"date", d.date},
      {"year", d.year > 0 ? json(d.year) : json(nullptr)},
      {"kind", d.kind},
      {"evidence", d.evidence},
      {"language", d.language},
      {"format", d.format},
      {"size", d.size},
      {"encoding", d.encoding},
      {"page_count", d.pages.size()},
      {"themes", ThemesJson(d.themes)},
      {"gemeenten", GemeentenJson(d.gemeenten)},
      {"provincies", d.provincies},
      {"url", FileUrl(d.id, d.format, 0)},
      {"pages", std::move(pages)},
      {"similar", std::move(similar)},
      {"also_published_as", LinkedDocumentsJson(d.also_published_as)},
      // The page of a merged duplicate sends the reader to the kept document.
      {"merged_into", d.merged_into.empty() ? json(nullptr) : json(d.merged_into)},
      // An e-mail and its attachments, each a document of its own, name each other.
      {"attachment_of", d.attachment_of.id.empty()
                            ? json(nullptr)
                            : json{{"id", d.attachment_of.id}, {"title", d.attachment_of.title}}},
      {"attachments", LinkedDocumentsJson(d.attachments)},
  };
  return body;
}

std::string SuggestionsJson(std::string_view query, const std::vector<search::Suggestion>& list) {
  json suggestions = json::array();
  for (const auto& s : list) {
    suggestions.push_back({{"text", s.text}, {"type", s.type}, {"value", s.value}});
  }
  return Dump({{"query", query}, {"suggestions", std::move(suggestions)}});
}

std::string CatalogJson(const search::Catalog& catalog) {
  json themes = json::array();
  for (const auto& entry : catalog.entries()) {
    if (entry.type == "theme") themes.push_back({{"slug", entry.value}, {"name", entry.label}});
  }
  json kinds = json::array();
  for (const search::KindLabel& kind : search::kKindLabels) {
    kinds.push_back({{"value", kind.value}, {"label", kind.label}});
  }
  json evidence = json::array();
  for (const search::KindLabel& type : search::kEvidenceLabels) {
    evidence.push_back({{"value", type.value}, {"label", type.label}});
  }
  json extensions = json::array();
  for (const std::string_view extension : schema::kIndexedExtensions) {
    extensions.push_back(extension);
  }
  return Dump({{"themes", std::move(themes)},
               {"kinds", std::move(kinds)},
               {"evidence", std::move(evidence)},
               {"extensions", std::move(extensions)}});
}

std::string HealthJson(const search::IndexInfo& info) {
  json health = {{"status", "ok"},
                 {"documents", info.document_count},
                 {"last_update", info.last_update},
                 {"schema_version", info.schema_version},
                 {"revision", info.revision},
                 {"index_bytes", info.size_bytes},
                 {"failed_files", info.failed_files},
                 {"indexer",
                  {{"state", info.indexer_state},
                   {"started", info.indexer_started},
                   {"finished", info.indexer_finished},
                   {"files_done", info.indexer_files_done},
                   {"files_total", info.indexer_files_total}}}};
  if (info.shards > 0) {
    health["shards"] = {{"total", info.shards}, {"failed", info.failed_shards}};
  }
  return Dump(health);
}

}  // namespace kb::http
