#include "kb/editing/override_check.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "kb/core/schema.h"

namespace kb::editing {

namespace {

Status Bad(std::string_view field, std::string_view value, std::string_view why) {
  return Status::InvalidArgument("veld \"" + std::string(field) + "\": '" +
                                 std::string(value.substr(0, 80)) + "' " + std::string(why))
      .WithDetail(std::string(field), "invalid_value");
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// Each value of `list` must be known (`known(v)`); none may also be in `opposite`.
template <typename Known>
Status CheckList(std::string_view field, const std::vector<std::string>& list,
                 const std::vector<std::string>& opposite, std::string_view opposite_field,
                 Known known, std::string_view hint) {
  for (const auto& v : list) {
    if (!known(v)) return Bad(field, v, hint);
    if (std::find(opposite.begin(), opposite.end(), v) != opposite.end()) {
      return Bad(field, v,
                 "staat ook in '" + std::string(opposite_field) + "'; kies een van beide");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckOverride(const editorial::Override& o, const search::Catalog& catalog) {
  if (o.title && (IsBlank(*o.title) || o.title->size() > 500)) {
    return Bad("title", *o.title, "mag niet leeg zijn en hoogstens 500 tekens hebben");
  }
  if (o.organisation && o.organisation->size() > 300) {
    return Bad("organisation", *o.organisation, "is langer dan 300 tekens");
  }
  if (o.date && !editorial::IsValidDate(*o.date)) {
    return Bad("date", *o.date, "is geen datum; gebruik JJJJ-MM-DD, JJJJ-MM, JJJJ of leeg");
  }
  if (o.kind && std::find(std::begin(schema::kKinds), std::end(schema::kKinds), *o.kind) ==
                    std::end(schema::kKinds)) {
    return Bad("kind", *o.kind, "is geen soort; kies rapport, interview, artikel, wet of overig");
  }
  if (o.evidence && !schema::IsEvidenceType(*o.evidence)) {
    return Bad("evidence", *o.evidence,
               "is geen soort kennis; kies " + schema::EvidenceTypeChoices());
  }
  auto theme = [&](const std::string& v) { return catalog.ThemeSlug(v) == v; };
  auto gemeente = [&](const std::string& v) { return catalog.GemeenteCode(v) == v; };
  auto provincie = [&](const std::string& v) {
    const std::string slug = catalog.ProvincieSlug(v);
    return !slug.empty() && catalog.ProvincieName(slug) == v;
  };
  const std::string_view theme_hint = "is geen bekend thema; gebruik de slug, bijv. 'jeugdhulp'";
  const std::string_view gemeente_hint = "is geen bekende CBS-code; bijv. 'GM0106' voor Assen";
  const std::string_view provincie_hint = "is geen provincie; gebruik de naam, bijv. 'Drenthe'";
  const std::vector<std::string> none;
  Status checks[] = {
      CheckList("themes_added", o.themes_added, o.themes_removed, "themes_removed", theme,
                theme_hint),
      CheckList("themes_removed", o.themes_removed, none, "", theme, theme_hint),
      CheckList("themes_confirmed", o.themes_confirmed, o.themes_removed, "themes_removed", theme,
                theme_hint),
      CheckList("gemeenten_added", o.gemeenten_added, o.gemeenten_removed, "gemeenten_removed",
                gemeente, gemeente_hint),
      CheckList("gemeenten_removed", o.gemeenten_removed, none, "", gemeente, gemeente_hint),
      CheckList("gemeenten_confirmed", o.gemeenten_confirmed, o.gemeenten_removed,
                "gemeenten_removed", gemeente, gemeente_hint),
      CheckList("provincies_added", o.provincies_added, o.provincies_removed, "provincies_removed",
                provincie, provincie_hint),
      CheckList("provincies_removed", o.provincies_removed, none, "", provincie, provincie_hint),
  };
  for (auto& st : checks) {
    if (!st.ok()) return std::move(st);
  }
  return Status::Ok();
}

}  // namespace kb::editing
