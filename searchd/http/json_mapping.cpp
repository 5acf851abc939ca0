#include "kb/http/json_mapping.h"

#include <nlohmann/json.hpp>

namespace kb::http {

namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

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

json FacetJson(const std::vector<search::FacetCount>& counts) {
  json out = json::array();
  for (const auto& c : counts) {
    out.push_back({{"value", c.value}, {"label", c.label}, {"count", c.count}});
  }
  return out;
}

}  // namespace

std::string FileUrl(std::string_view id, std::string_view format, int page) {
  std::string url = "/api/documents/" + std::string(id) + "/file";
  if (format == "pdf" && page > 0) url += "#page=" + std::to_string(page);
  return url;
}

std::string SearchResultJson(const search::SearchResult& r) {
  json hits = json::array();
  for (const auto& h : r.hits) {
    hits.push_back({
        {"id", h.id},
        {"title", h.title},
        {"kind", h.kind},
        {"year", h.year > 0 ? json(h.year) : json(nullptr)},
        {"date", h.date},
        {"themes", ThemesJson(h.themes)},
        {"gemeenten", GemeentenJson(h.gemeenten)},
        {"provincies", h.provincies},
        {"snippet", h.snippet},
        {"pages", h.pages},
        {"url", FileUrl(h.id, h.format, h.pages.empty() ? 0 : h.pages.front())},
        {"score", h.score},
    });
  }
  json body = {
      {"query", r.query},
      {"corrected_query", r.corrected_query ? json(*r.corrected_query) : json(nullptr)},
      {"showing_corrected", r.showing_corrected},
      {"total", r.total},
      {"page", r.page},
      {"size", r.size},
      {"hits", std::move(hits)},
  };
  if (r.facets) {
    body["facets"] = {
        {"theme", FacetJson(r.facets->theme)},         {"gemeente", FacetJson(r.facets->gemeente)},
        {"provincie", FacetJson(r.facets->provincie)}, {"year", FacetJson(r.facets->year)},
        {"kind", FacetJson(r.facets->kind)},
    };
  }
  return Dump(body);
}

std::string DocumentJson(const search::DocumentDetail& detail) {
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
  };
  return Dump(body);
}

std::string SuggestionsJson(std::string_view query, const std::vector<search::Suggestion>& list) {
  json suggestions = json::array();
  for (const auto& s : list) {
    suggestions.push_back({{"text", s.text}, {"type", s.type}, {"value", s.value}});
  }
  return Dump({{"query", query}, {"suggestions", std::move(suggestions)}});
}

std::string HealthJson(const search::IndexInfo& info) {
  return Dump({{"status", "ok"},
               {"documents", info.document_count},
               {"last_update", info.last_update},
               {"schema_version", info.schema_version},
               {"revision", info.revision},
               {"index_bytes", info.size_bytes}});
}

}  // namespace kb::http
