#include "kb/search/catalog.h"

#include <cctype>

#include "kb/analysis/text_fold.h"
#include "kb/core/schema.h"

namespace kb::search {

namespace {

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Catalog::Catalog(const std::vector<analysis::Theme>& themes,
                 const std::vector<analysis::Gemeente>& gemeenten,
                 const std::vector<analysis::PlaceName>& places) {
  for (const auto& theme : themes) {
    theme_names_[theme.slug] = theme.name;
    theme_by_name_[analysis::Slug(theme.name)] = theme.slug;
    entries_.push_back({theme.slug, theme.name, "theme"});
  }
  for (const auto& g : gemeenten) {
    const std::string code = UpperAscii(g.code);
    const std::string provincie = analysis::Slug(g.provincie);
    gemeente_names_[code] = g.name;
    gemeente_by_name_[analysis::Slug(g.name)] = code;
    gemeente_provincie_[code] = provincie;
    provincie_gemeenten_[provincie].push_back(code);
    if (provincie_names_.emplace(provincie, g.provincie).second) {
      entries_.push_back({g.provincie, g.provincie, "provincie"});
    }
    entries_.push_back({code, g.name, "gemeente"});
  }
  // Official names win over an alias or former name that folds the same way (emplace).
  for (const auto& place : places) {
    const std::string slug = analysis::Slug(place.name);
    if (!place.gemeente_code.empty())
      gemeente_by_name_.emplace(slug, UpperAscii(place.gemeente_code));
    if (!place.provincie.empty()) provincie_by_name_.emplace(slug, analysis::Slug(place.provincie));
  }
}

Catalog::Catalog(const std::vector<analysis::Theme>& themes, analysis::RegionTagger regions)
    : Catalog(themes, regions.gemeenten(), regions.names()) {
  regions_ = std::move(regions);
}

std::vector<analysis::QueryPlace> Catalog::PlacesIn(std::string_view query) const {
  return regions_ ? regions_->TagQuery(query) : std::vector<analysis::QueryPlace>();
}

std::vector<std::string> Catalog::FilterTermsOf(const analysis::QueryPlace& place) const {
  if (!place.gemeente_code.empty()) {
    return {std::string(schema::kPrefixGemeente) + UpperAscii(place.gemeente_code)};
  }
  const std::string slug = analysis::Slug(place.provincie);
  std::vector<std::string> terms = {std::string(schema::kPrefixProvincie) + slug};
  for (const std::string& code : GemeentenOf(slug)) {
    terms.push_back(std::string(schema::kPrefixGemeente) + code);
  }
  return terms;
}

std::string Catalog::ThemeSlug(std::string_view value) const {
  const std::string slug = analysis::Slug(value);
  if (theme_names_.empty() || theme_names_.count(slug)) return slug;
  auto it = theme_by_name_.find(slug);
  return it == theme_by_name_.end() ? std::string() : it->second;
}

std::string Catalog::GemeenteCode(std::string_view value) const {
  const std::string upper = UpperAscii(value);
  if (gemeente_names_.count(upper)) return upper;
  auto it = gemeente_by_name_.find(analysis::Slug(value));
  if (it != gemeente_by_name_.end()) return it->second;
  // Without a gazetteer, a well-formed CBS code is taken as it is.
  const bool looks_like_code = upper.size() == 6 && upper.rfind("GM", 0) == 0 &&
                               std::isdigit(static_cast<unsigned char>(upper[2]));
  return gemeente_names_.empty() && looks_like_code ? upper : std::string();
}

std::string Catalog::ProvincieSlug(std::string_view value) const {
  const std::string slug = analysis::Slug(value);
  if (provincie_names_.empty() || provincie_names_.count(slug)) return slug;
  auto it = provincie_by_name_.find(slug);
  return it == provincie_by_name_.end() ? std::string() : it->second;
}

const std::vector<std::string>& Catalog::GemeentenOf(const std::string& provincie_slug) const {
  static const std::vector<std::string> kNone;
  auto it = provincie_gemeenten_.find(provincie_slug);
  return it == provincie_gemeenten_.end() ? kNone : it->second;
}

std::string Catalog::ProvincieOf(const std::string& gemeente_code) const {
  auto it = gemeente_provincie_.find(gemeente_code);
  return it == gemeente_provincie_.end() ? std::string() : it->second;
}

std::string Catalog::ThemeName(const std::string& slug) const {
  auto it = theme_names_.find(slug);
  return it == theme_names_.end() ? slug : it->second;
}

std::string Catalog::GemeenteName(const std::string& code) const {
  auto it = gemeente_names_.find(code);
  return it == gemeente_names_.end() ? code : it->second;
}

std::string Catalog::ProvincieName(const std::string& slug) const {
  auto it = provincie_names_.find(slug);
  return it == provincie_names_.end() ? slug : it->second;
}

}  // namespace kb::search

namespace kb::search {

Catalog LoadCatalog(const std::filesystem::path& data_dir, std::FILE* warnings) {
  std::vector<analysis::Theme> themes;
  auto theme_tagger = analysis::ThemeTagger::Load(data_dir / "themes.toml");
  if (theme_tagger.ok()) {
    themes = theme_tagger->themes();
  } else if (warnings) {
    std::fprintf(warnings, "warning: %s; theme names will show as slugs\n",
                 theme_tagger.status().message().c_str());
  }
  auto regions = analysis::RegionTagger::Load(data_dir / "gazetteer.tsv");
  if (regions.ok()) return Catalog(themes, std::move(regions).value());
  if (warnings) {
    std::fprintf(warnings,
                 "warning: %s; gemeente names and provincie filters by gemeente are "
                 "unavailable\n",
                 regions.status().message().c_str());
  }
  return Catalog(themes, std::vector<analysis::Gemeente>{});
}

}  // namespace kb::search
