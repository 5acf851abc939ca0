#include "kb/index/edit_applier.h"

#include <algorithm>
#include <set>

#include "kb/index/document_builder.h"

namespace kb::index {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

MachineFacts FactsOf(const StoredDocument& doc) {
  return MachineFacts{doc.title,        doc.date,   doc.kind,      doc.evidence,
                      doc.organisation, doc.themes, doc.gemeenten, doc.provincies};
}

void AddOnce(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && !Contains(list, value)) list.push_back(value);
}

}  // namespace

void EditApplier::Apply(const editorial::DocumentEdits& edits, StoredDocument& doc) const {
  const editorial::Override& o = edits.override;
  if (!o.empty()) {
    doc.edited = true;
    doc.machine = FactsOf(doc);
    if (o.title && !o.title->empty()) doc.title = *o.title;
    if (o.date) {
      doc.date = *o.date;
      doc.year = YearOfDate(doc.date);
    }
    if (o.kind && !o.kind->empty()) doc.kind = *o.kind;
    if (o.evidence && !o.evidence->empty()) doc.evidence = *o.evidence;
    if (o.organisation) doc.organisation = *o.organisation;
    ApplyThemes(o, doc);
    ApplyRegions(o, doc);
    doc.hidden = o.hidden;
  }
  if (edits.merged_into) {
    doc.hidden = true;
    doc.merged_into = edits.merged_into->kept;
  }
  for (const auto& merge : edits.merged_here) {
    doc.also_published_as.push_back(AlsoPublishedAs{merge.duplicate, merge.duplicate_title,
                                                    merge.duplicate_format, merge.duplicate_path});
  }
}

void EditApplier::ApplyThemes(const editorial::Override& o, StoredDocument& doc) const {
  std::erase_if(doc.themes, [&](const ThemeTag& t) { return Contains(o.themes_removed, t.slug); });
  for (const auto& slug : o.themes_added) {
    auto known = std::find_if(themes_.themes().begin(), themes_.themes().end(),
                              [&](const analysis::Theme& t) { return t.slug == slug; });
    if (known == themes_.themes().end()) continue;
    auto present = std::find_if(doc.themes.begin(), doc.themes.end(),
                                [&](const ThemeTag& t) { return t.slug == slug; });
    if (present != doc.themes.end()) {
      present->score = 1.0;
    } else {
      doc.themes.push_back(ThemeTag{slug, known->name, 1.0});
    }
  }
}

void EditApplier::ApplyRegions(const editorial::Override& o, StoredDocument& doc) const {
  // Provincies brought in by a removed gemeente, unless a remaining gemeente lies there too.
  std::set<std::string> dropped;
  for (const auto& g : doc.gemeenten) {
    if (Contains(o.gemeenten_removed, g.code)) dropped.insert(g.provincie);
  }
  std::erase_if(doc.gemeenten,
                [&](const GemeenteTag& g) { return Contains(o.gemeenten_removed, g.code); });
  for (const auto& code : o.gemeenten_added) {
    auto known = std::find_if(regions_.gemeenten().begin(), regions_.gemeenten().end(),
                              [&](const analysis::Gemeente& g) { return g.code == code; });
    if (known == regions_.gemeenten().end()) continue;
    const bool present = std::any_of(doc.gemeenten.begin(), doc.gemeenten.end(),
                                     [&](const GemeenteTag& g) { return g.code == code; });
    if (!present) doc.gemeenten.push_back(GemeenteTag{code, known->name, known->provincie, 0});
  }
  for (const auto& g : doc.gemeenten) dropped.erase(g.provincie);
  std::erase_if(doc.provincies, [&](const std::string& p) { return dropped.count(p) > 0; });
  for (const auto& g : doc.gemeenten) AddOnce(doc.provincies, g.provincie);

  const std::vector<std::string> known_provincies = regions_.provincies();
  for (const auto& p : o.provincies_added) {
    if (Contains(known_provincies, p)) AddOnce(doc.provincies, p);
  }
  std::erase_if(doc.provincies,
                [&](const std::string& p) { return Contains(o.provincies_removed, p); });
}

}  // namespace kb::index
