#include "kb/search/search_request.h"

#include <algorithm>
#include <charconv>

#include "kb/analysis/charset.h"
#include "kb/analysis/query_words.h"
#include "kb/core/schema.h"

namespace kb::search {

namespace {

// A word before a '*' needs SearchRequest::kMinWildcardPrefix characters: a shorter one expands to
// the most frequent words of the index and matches nearly every document, slowly.
Status CheckWildcards(const std::string& q) {
  for (const analysis::QueryWord& w : analysis::ScanQueryWords(q)) {
    if (!w.is_wildcard) continue;
    const std::string_view word = std::string_view(q).substr(w.begin, w.end - w.begin);
    if (analysis::Utf8Length(word) < SearchRequest::kMinWildcardPrefix) {
      return InvalidParameter("q", "'" + std::string(word) + "*' is te kort voor een *; zet er " +
                                       std::to_string(SearchRequest::kMinWildcardPrefix) +
                                       " of meer tekens voor (bijv. jeugd*) of laat de * weg");
    }
  }
  return Status::Ok();
}

Status AddFilterValue(std::string_view parameter, const std::string& value,
                      std::vector<std::string>& values) {
  if (value.empty()) return InvalidParameter(parameter, "lege waarde; laat de parameter dan weg");
  if (value.size() > 200) {
    return InvalidParameter(parameter,
                            "de waarde is langer dan 200 bytes; geef een kortere waarde");
  }
  if (values.size() >= SearchRequest::kMaxFilterValues) {
    const std::string most = std::to_string(SearchRequest::kMaxFilterValues);
    return InvalidParameter(parameter, "meer dan " + most + " waarden; geef er hoogstens " + most);
  }
  values.push_back(value);
  return Status::Ok();
}

}  // namespace

bool SearchRequest::HasFilters() const {
  return !themes.empty() || !gemeenten.empty() || !provincies.empty() || !kinds.empty() ||
         !evidence.empty() || !languages.empty() || !organisaties.empty() ||
         year_from.has_value() || year_to.has_value();
}

SortOrder SearchRequest::EffectiveSort() const {
  if (sort) return *sort;
  return q.empty() ? SortOrder::kDate : SortOrder::kRelevance;
}

Result<int> ParseIntParameter(std::string_view parameter, std::string_view value, int min,
                              int max) {
  int number = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, number);
  if (value.empty() || ec == std::errc::invalid_argument || ptr != end) {
    return InvalidParameter(parameter, "'" + std::string(value.substr(0, 40)) +
                                           "' is geen geheel getal; schrijf het getal in cijfers");
  }
  if (ec == std::errc::result_out_of_range || number < min || number > max) {
    return InvalidParameter(parameter,
                            "moet een getal van " + std::to_string(min) + " tot en met " +
                                std::to_string(max) + " zijn",
                            "out_of_range");
  }
  return number;
}

bool IsIgnoredParameter(std::string_view name) { return name == "_" || name.starts_with("utm_"); }

Status RepeatedParameter(std::string_view parameter) {
  return InvalidParameter(parameter, "komt meer dan één keer voor; geef de parameter maar één keer",
                          "repeated_parameter");
}

Result<SearchRequest> ParseSearchRequest(const QueryParams& params) {
  SearchRequest r;
  bool seen_q = false, seen_page = false, seen_size = false, seen_sort = false;
  // The 0/1 parameters: name, field, seen.
  struct Flag {
    std::string_view name;
    bool SearchRequest::*field;
    bool seen = false;
  };
  Flag flags[] = {{"facets", &SearchRequest::facets},
                  {"spell", &SearchRequest::spell},
                  {"undated", &SearchRequest::undated}};
  auto once = [](bool& seen, std::string_view name) -> Status {
    if (seen) return RepeatedParameter(name);
    seen = true;
    return Status::Ok();
  };
  // Named references rather than a structured binding: the lambda below captures `name`, which
  // clang before 16 refuses for a binding.
  for (const auto& param : params) {
    const std::string& name = param.first;
    const std::string& value = param.second;
    if (IsIgnoredParameter(name)) continue;
    Status status;
    if (!analysis::IsValidUtf8(value)) {
      return InvalidParameter(
          name.substr(0, 60),
          "bevat tekens die geen UTF-8 zijn; stuur de waarde als UTF-8 (URL-gecodeerd)");
    }
    if (name == "q") {
      status = once(seen_q, name);
      if (status.ok() && value.size() > SearchRequest::kMaxQueryBytes) {
        status =
            InvalidParameter(name, "langer dan " + std::to_string(SearchRequest::kMaxQueryBytes) +
                                       " bytes; maak de zoekvraag korter");
      }
      if (status.ok()) status = CheckWildcards(value);
      r.q = value;
    } else if (name == "theme") {
      status = AddFilterValue(name, value, r.themes);
    } else if (name == "gemeente") {
      status = AddFilterValue(name, value, r.gemeenten);
    } else if (name == "provincie") {
      status = AddFilterValue(name, value, r.provincies);
    } else if (name == "kind") {
      status = AddFilterValue(name, value, r.kinds);
    } else if (name == "evidence") {
      if (!schema::IsEvidenceType(value)) {
        return InvalidParameter(name, "'" + value.substr(0, 60) + "' is geen soort kennis; kies " +
                                          schema::EvidenceTypeChoices());
      }
      status = AddFilterValue(name, value, r.evidence);
    } else if (name == "language") {
      if (value.size() != 2 || !std::islower(static_cast<unsigned char>(value[0])) ||
          !std::islower(static_cast<unsigned char>(value[1]))) {
        return InvalidParameter(name,
                                "'" + value.substr(0, 60) +
                                    "' is geen taalcode; geef twee kleine letters (ISO 639-1), "
                                    "zoals nl, fy of en");
      }
      status = AddFilterValue(name, value, r.languages);
    } else if (name == "year_from" || name == "year_to") {
      auto& slot = name == "year_from" ? r.year_from : r.year_to;
      if (slot) return RepeatedParameter(name);
      auto year = ParseIntParameter(name, value, 1000, 2999);
      if (!year.ok()) return year.status();
      slot = *year;
    } else if (name == "sort") {
      status = once(seen_sort, name);
      if (value == "relevance") {
        r.sort = SortOrder::kRelevance;
      } else if (value == "date") {
        r.sort = SortOrder::kDate;
      } else if (value == "added") {
        r.sort = SortOrder::kAdded;
      } else if (status.ok()) {
        status = InvalidParameter(name, "moet 'relevance', 'date' of 'added' zijn");
      }
    } else if (name == "page") {
      status = once(seen_page, name);
      auto page = ParseIntParameter(name, value, 1, SearchRequest::kMaxPage);
      if (!page.ok()) return page.status();
      r.page = *page;
    } else if (name == "size") {
      status = once(seen_size, name);
      // Clamped, not rejected: a client asking for 500 gets the most we give; size=0 asks for
      // the total and the facets without hits.
      auto size = ParseIntParameter(name, value, -1'000'000'000, 1'000'000'000);
      if (!size.ok()) return size.status();
      r.size = std::clamp(*size, 0, SearchRequest::kMaxSize);
      r.size_requested = *size;
    } else if (name == "organisatie") {
      status = AddFilterValue(name, value, r.organisaties);
    } else if (Flag* flag = std::find_if(std::begin(flags), std::end(flags),
                                         [&](const Flag& f) { return f.name == name; });
               flag != std::end(flags)) {
      status = once(flag->seen, name);
      bool& field = r.*(flag->field);
      if (value == "1" || value == "true") {
        field = true;
      } else if (value == "0" || value == "false") {
        field = false;
      } else if (status.ok()) {
        status = InvalidParameter(name, "moet 1 of 0 zijn");
      }
    } else {
      return InvalidParameter(
          name.substr(0, 60),
          "onbekend; gebruik q, theme, gemeente, provincie, organisatie, kind, evidence, language, "
          "year_from, year_to, undated, sort, page, size, facets of spell",
          "unknown_parameter");
    }
    if (!status.ok()) return status;
  }
  if (r.year_from && r.year_to && *r.year_from > *r.year_to) {
    return InvalidParameter("year_from",
                            "is later dan year_to; zet het vroegste jaar in year_from");
  }
  return r;
}

}  // namespace kb::search
