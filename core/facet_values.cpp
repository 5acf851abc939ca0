#include "kb/core/facet_values.h"

#include "kb/core/schema.h"

namespace kb {

namespace {

// The values of the terms of `doc` with `prefix`, joined by kFacetItemSeparator (term order).
// (An empty value removes the slot's value: Document::add_value.)
std::string ValuesOf(const Xapian::Document& doc, std::string_view prefix) {
  std::string out;
  auto t = doc.termlist_begin();
  for (t.skip_to(std::string(prefix)); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.compare(0, prefix.size(), prefix) != 0) break;
    const std::string value = term.substr(prefix.size());
    if (value.empty()) continue;
    if (!out.empty()) out += kFacetItemSeparator;
    out += value;
  }
  return out;
}

}  // namespace

void SetFacetValues(Xapian::Document& doc, std::string_view organisation_name) {
  const std::string themes = ValuesOf(doc, schema::kPrefixTheme);
  const std::string provincies = ValuesOf(doc, schema::kPrefixProvincie);
  doc.add_value(
      schema::kSlotFacetThemesProvincies,
      themes.empty() && provincies.empty() ? "" : themes + kFacetListSeparator + provincies);
  doc.add_value(schema::kSlotFacetGemeenten, ValuesOf(doc, schema::kPrefixGemeente));
  const std::string kind = ValuesOf(doc, schema::kPrefixKind);
  const std::string evidence = ValuesOf(doc, schema::kPrefixEvidence);
  const std::string language = ValuesOf(doc, schema::kPrefixLanguage);
  doc.add_value(schema::kSlotFacetKind,
                kind.empty() && evidence.empty() && language.empty()
                    ? ""
                    : kind + kFacetListSeparator + evidence + kFacetListSeparator + language);
  const std::string organisation = ValuesOf(doc, schema::kPrefixOrganisation);
  doc.add_value(schema::kSlotFacetOrganisation,
                organisation.empty()
                    ? ""
                    : organisation + kFacetListSeparator + std::string(organisation_name));
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
