#include "kb/core/facet_values.h"

#include "kb/core/schema.h"

namespace kb {

void SetFacetValues(Xapian::Document& doc, std::string_view organisation_name) {
  // One pass over the filter terms (a document's term list is sorted; the facet prefixes all
  // lie between "XG" and "XW"), each value appended to its prefix's list.
  struct List {
    std::string_view prefix;
    std::string values;
  };
  List lists[] = {{schema::kPrefixTheme, {}},       {schema::kPrefixProvincie, {}},
                  {schema::kPrefixGemeente, {}},    {schema::kPrefixKind, {}},
                  {schema::kPrefixEvidence, {}},    {schema::kPrefixLanguage, {}},
                  {schema::kPrefixOrganisation, {}}};
  auto t = doc.termlist_begin();
  for (t.skip_to("XG"); t != doc.termlist_end() && (*t).compare(0, 2, "XW") < 0; ++t) {
    const std::string term = *t;
    for (List& list : lists) {
      if (term.size() <= list.prefix.size() || term.compare(0, list.prefix.size(), list.prefix))
        continue;
      if (!list.values.empty()) list.values += kFacetItemSeparator;
      list.values.append(term, list.prefix.size());
      break;
    }
  }
  const auto& [themes, provincies, gemeenten, kind, evidence, language, organisation] = lists;
  // An empty value removes the slot's value (Document::add_value).
  doc.add_value(schema::kSlotFacetThemesProvincies,
                themes.values.empty() && provincies.values.empty()
                    ? ""
                    : themes.values + kFacetListSeparator + provincies.values);
  doc.add_value(schema::kSlotFacetGemeenten, gemeenten.values);
  doc.add_value(schema::kSlotFacetKind,
                kind.values.empty() && evidence.values.empty() && language.values.empty()
                    ? ""
                    : kind.values + kFacetListSeparator + evidence.values + kFacetListSeparator +
                          language.values);
  doc.add_value(schema::kSlotFacetOrganisation,
                organisation.values.empty()
                    ? ""
                    : organisation.values + kFacetListSeparator + std::string(organisation_name));
}

std::vector<std::string> SplitFacetValue(std::string_view value, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = value.find(separator, start);
    parts.emplace_back(
        value.substr(start, end == std::string_view::npos ? value.npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace kb
