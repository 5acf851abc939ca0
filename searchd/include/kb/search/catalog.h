// Catalog: the names behind the index's filter terms (themes, gemeenten, provincies), taken from
// the same corpus data the indexer tags with (themes.toml, gazetteer.tsv).
//
// It turns what a user types into filter terms ("Groningen" -> XPgroningen plus the XG terms of
// its gemeenten), labels facet values and feeds suggestions. Immutable after construction; safe
// to share between threads. An empty Catalog still works: values are then used as given.
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"

namespace kb::search {

// The kinds of document (schema::kKinds, in that order) with the names the page shows.
struct KindLabel {
  std::string_view value;
  std::string_view label;
};
inline constexpr KindLabel kKindLabels[] = {{"rapport", "Rapport"},
                                            {"interview", "Interview"},
                                            {"artikel", "Artikel"},
                                            {"wet", "Wet- en regelgeving"},
                                            {"overig", "Overig"}};

// The evidence types (schema::kEvidenceTypes, in that order) with the names the page shows as
// "Soort kennis".
inline constexpr KindLabel kEvidenceLabels[] = {{"effectonderzoek", "Effectonderzoek"},
                                                {"monitor-cijfers", "Monitor en cijfers"},
                                                {"procesevaluatie", "Procesevaluatie"},
                                                {"praktijkbeschrijving", "Praktijkbeschrijving"},
                                                {"beleid-regelgeving", "Beleid en regelgeving"},
                                                {"opinie-interview", "Opinie en interview"},
                                                {"nieuws", "Nieuws"}};

struct CatalogEntry {
  std::string value;  // filter value: theme slug, CBS code, provincie name
  std::string label;  // display name
  std::string type;   // "theme", "gemeente", "provincie"
};

class Catalog {
 public:
  Catalog() = default;
  // `places`: other names filters may use (aliases such as "Den Haag" or "Friesland", former
  // gemeenten); official names are known from `gemeenten` already.
  Catalog(const std::vector<analysis::Theme>& themes,
          const std::vector<analysis::Gemeente>& gemeenten,
          const std::vector<analysis::PlaceName>& places = {});
  // The same, with the tagger that finds places named in a query (PlacesIn).
  Catalog(const std::vector<analysis::Theme>& themes, analysis::RegionTagger regions);

  bool empty() const { return entries_.empty(); }

  // Theme slug for a slug or a display name; empty when unknown (and the catalog is not empty).
  std::string ThemeSlug(std::string_view value) const;
  // CBS code for a code ("GM0014", any case) or a name ("Groningen"); empty when unknown.
  std::string GemeenteCode(std::string_view value) const;
  // Provincie slug for a name or slug; empty when unknown.
  std::string ProvincieSlug(std::string_view value) const;
  // CBS codes of the gemeenten in a provincie (by slug).
  const std::vector<std::string>& GemeentenOf(const std::string& provincie_slug) const;
  // Provincie slug of a gemeente (by CBS code); empty when unknown.
  std::string ProvincieOf(const std::string& gemeente_code) const;

  // Display names; the value itself when unknown.
  std::string ThemeName(const std::string& slug) const;
  std::string GemeenteName(const std::string& code) const;
  std::string ProvincieName(const std::string& slug) const;

  // The places query text names (RegionTagger::TagQuery); none without a gazetteer.
  std::vector<analysis::QueryPlace> PlacesIn(std::string_view query) const;
  // The filter terms of the documents about `place`: its gemeente, or its provincie and every
  // gemeente in it.
  std::vector<std::string> FilterTermsOf(const analysis::QueryPlace& place) const;

  // Every theme, gemeente and provincie, for suggestions.
  const std::vector<CatalogEntry>& entries() const { return entries_; }

 private:
  std::map<std::string, std::string> theme_names_;                       // slug -> name
  std::map<std::string, std::string> theme_by_name_;                     // Slug(name) -> slug
  std::map<std::string, std::string> gemeente_names_;                    // code -> name
  std::map<std::string, std::string> gemeente_by_name_;                  // Slug(name) -> code
  std::map<std::string, std::string> gemeente_provincie_;                // code -> provincie slug
  std::map<std::string, std::string> provincie_names_;                   // slug -> name
  std::map<std::string, std::string> provincie_by_name_;                 // Slug(alias) -> slug
  std::map<std::string, std::vector<std::string>> provincie_gemeenten_;  // slug -> codes
  std::vector<CatalogEntry> entries_;
  std::optional<analysis::RegionTagger> regions_;
};

// The catalog of corpus/themes.toml and corpus/gazetteer.tsv in `data_dir`. A missing or bad file
// only costs names (slugs show instead), so it is a warning on `warnings`, not an error.
Catalog LoadCatalog(const std::filesystem::path& data_dir, std::FILE* warnings);

}  // namespace kb::search
