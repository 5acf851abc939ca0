// JSON bodies of the API, in one place. UTF-8 in, UTF-8 out; invalid UTF-8 in document text is
// replaced rather than failing a response.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/search/catalog.h"
#include "kb/search/search_result.h"

namespace kb::http {

// "/api/documents/{id}/file", with "#page=N" for a PDF when `page` > 0.
std::string FileUrl(std::string_view id, std::string_view format, int page);

// Hits list at most this many gemeenten (most mentioned first) and say how many there are.
inline constexpr size_t kHitGemeenten = 10;

std::string SearchResultJson(const search::SearchResult& result);
// {query, corrected_query, showing_corrected, passages: [{id, title, format, year, page, section,
// role, text, score}]}; `text` is HTML-escaped with the query's words in <mark>.
std::string PassagesJson(const search::PassageResult& result);
std::string SuggestionsJson(std::string_view query, const std::vector<search::Suggestion>& list);
std::string HealthJson(const search::IndexInfo& info);
// GET /api/catalog (and the editors' theme list): {themes: [{slug, name}], kinds: [{value,
// label}], extensions: [".pdf", ...]}, the names the page shows and the files it may upload.
std::string CatalogJson(const search::Catalog& catalog);

}  // namespace kb::http
