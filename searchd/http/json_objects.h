// JSON objects shared by the public and the editors' responses (private to kb_http).
#pragma once

#include <nlohmann/json.hpp>

#include "kb/search/search_result.h"

namespace kb::http {

// The body of GET /api/documents/{id}: metadata, pages [{number, text}], similar documents,
// also_published_as [{id, title, format, url}] and merged_into (a kept id or null).
nlohmann::json ThemesJson(const std::vector<ThemeTag>& themes);  // [{slug, name, score}]
nlohmann::json GemeentenJson(
    const std::vector<GemeenteTag>& gemeenten);  // [{code, name, provincie, mentions}]

nlohmann::json DocumentObject(const search::DocumentDetail& detail);

}  // namespace kb::http
