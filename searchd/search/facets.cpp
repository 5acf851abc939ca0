#include "kb/search/facets.h"

#include <algorithm>
#include <map>
#include <utility>

#include "kb/core/schema.h"
#include "kb/core/stored_document.h"

namespace kb::search {

void DocidCollector::operator()(const Xapian::Document& doc, double /*weight*/) {
  docids_.push_back(doc.get_docid());
}

FacetTable FacetTable::Build(const Xapian::Database& db, const Catalog& catalog) {
  FacetTable table;
  const std::pair<std::string_view, Kind> prefixes[] = {
      {schema::kPrefixTheme, kTheme},         {schema::kPrefixGemeente, kGemeente},
      {schema::kPrefixProvincie, kProvincie}, {schema::kPrefixYear, kYear},
      {schema::kPrefixKind, kKind},           {schema::kPrefixOrganisation, kOrganisation},
      {schema::kPrefixEvidence, kEvidence},   {schema::kPrefixLanguage, kLanguage},
  };
  std::map<std::pair<Kind, std::string>, std::uint32_t> id_of;
  auto value_id = [&](Kind kind, const std::string& value) {
    auto [it, inserted] = id_of.emplace(std::make_pair(kind, value), 0);
    if (inserted) {
      it->second = static_cast<std::uint32_t>(table.values_.size());
      table.values_.push_back({kind, value, std::string()});
    }
    return it->second;
  };

  std::vector<std::pair<Xapian::docid, std::uint32_t>> pairs;
  for (const auto& [prefix, kind] : prefixes) {
    const std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
      const std::string value = (*t).substr(p.size());
      if (value.empty()) continue;
      const std::uint32_t id = value_id(kind, value);
      if (kind == kOrganisation && table.values_[id].label.empty()) {
        // The term holds a slug; the name is in the stored data of any document carrying it.
        auto stored = StoredDocument::FromJson(db.get_document(*db.postlist_begin(*t)).get_data());
        table.values_[id].label =
            stored.ok() && !stored->organisation.empty() ? stored->organisation : value;
      }
      // A gemeente also counts for its provincie.
      const std::string provincie = kind == kGemeente ? catalog.ProvincieOf(value) : "";
      const std::uint32_t provincie_id = provincie.empty() ? 0 : value_id(kProvincie, provincie);
      for (auto d = db.postlist_begin(*t); d != db.postlist_end(*t); ++d) {
        pairs.emplace_back(*d, id);
        if (!provincie.empty()) pairs.emplace_back(*d, provincie_id);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  const Xapian::docid last = db.get_lastdocid();
  table.offsets_.assign(static_cast<size_t>(last) + 2, 0);
  for (const auto& [docid, id] : pairs) {
    if (docid <= last) ++table.offsets_[docid + 1];
  }
  for (size_t i = 1; i < table.offsets_.size(); ++i) table.offsets_[i] += table.offsets_[i - 1];
  table.ids_.reserve(pairs.size());
  for (const auto& [docid, id] : pairs) {
    if (docid <= last) table.ids_.push_back(id);
  }
  table.row_of_.assign(table.values_.size(), kNotInMatrix);
  table.column_of_.assign(table.values_.size(), kNotInMatrix);
  for (std::uint32_t id = 0; id < table.values_.size(); ++id) {
    if (table.values_[id].kind == kTheme) {
      table.row_of_[id] = static_cast<std::uint32_t>(table.theme_ids_.size());
      table.theme_ids_.push_back(id);
    }
    if (table.values_[id].kind == kProvincie) {
      table.column_of_[id] = static_cast<std::uint32_t>(table.provincie_ids_.size());
      table.provincie_ids_.push_back(id);
    }
  }
  return table;
}

Facets FacetTable::Count(const std::vector<Xapian::docid>& docids, const Catalog& catalog) const {
  std::vector<std::uint64_t> counts(values_.size(), 0);
  // The matrix's cells, row by row.
  std::vector<std::uint64_t> cells(theme_ids_.size() * provincie_ids_.size(), 0);
  std::vector<std::uint32_t> rows, columns;
  Facets facets;
  for (Xapian::docid d : docids) {
    bool dated = false;
    rows.clear();
    columns.clear();
    if (static_cast<size_t>(d) + 1 < offsets_.size()) {  // else newer than this table
      for (std::uint32_t i = offsets_[d]; i < offsets_[d + 1]; ++i) {
        const std::uint32_t id = ids_[i];
        ++counts[id];
        dated |= values_[id].kind == kYear;
        if (row_of_[id] != kNotInMatrix) rows.push_back(row_of_[id]);
        if (column_of_[id] != kNotInMatrix) columns.push_back(column_of_[id]);
      }
    }
    facets.year_unknown += dated ? 0 : 1;
    for (std::uint32_t r : rows) {
      for (std::uint32_t c : columns) ++cells[r * provincie_ids_.size() + c];
    }
  }
  for (size_t r = 0; r < theme_ids_.size(); ++r) {
    for (size_t c = 0; c < provincie_ids_.size(); ++c) {
      const std::uint64_t n = cells[r * provincie_ids_.size() + c];
      if (n == 0) continue;
      facets.theme_provincie.push_back({values_[theme_ids_[r]].value,
                                        catalog.ProvincieName(values_[provincie_ids_[c]].value),
                                        n});
    }
  }
  std::sort(facets.theme_provincie.begin(), facets.theme_provincie.end(),
            [](const FacetCell& a, const FacetCell& b) {
              return a.theme != b.theme ? a.theme < b.theme : a.provincie < b.provincie;
            });
  for (size_t id = 0; id < values_.size(); ++id) {
    if (counts[id] == 0) continue;
    const Value& v = values_[id];
    switch (v.kind) {
      case kTheme:
        facets.theme.push_back({v.value, catalog.ThemeName(v.value), counts[id]});
        break;
      case kGemeente:
        facets.gemeente.push_back({v.value, catalog.GemeenteName(v.value), counts[id]});
        break;
      case kProvincie: {
        const std::string name = catalog.ProvincieName(v.value);
        facets.provincie.push_back({name, name, counts[id]});
        break;
      }
      case kYear:
        facets.year.push_back({v.value, v.value, counts[id]});
        break;
      case kKind:
        facets.kind.push_back({v.value, v.value, counts[id]});
        break;
      case kEvidence:
        facets.evidence.push_back({v.value, v.value, counts[id]});
        break;
      case kLanguage:
        facets.language.push_back({v.value, v.value, counts[id]});
        break;
      case kOrganisation:
        // The name is the filter value too: the organisatie filter takes names (and slugs).
        facets.organisation.push_back({v.label, v.label, counts[id]});
        break;
    }
  }
  auto by_count = [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.label < b.label;
  };
  std::sort(facets.theme.begin(), facets.theme.end(), by_count);
  std::sort(facets.gemeente.begin(), facets.gemeente.end(), by_count);
  std::sort(facets.provincie.begin(), facets.provincie.end(), by_count);
  std::sort(facets.kind.begin(), facets.kind.end(), by_count);
  std::sort(facets.evidence.begin(), facets.evidence.end(), by_count);
  std::sort(facets.language.begin(), facets.language.end(), by_count);
  std::sort(facets.organisation.begin(), facets.organisation.end(), by_count);
  // Organisations are as many as the documents name; the page shows the most frequent.
  if (facets.organisation.size() > kMaxOrganisations) facets.organisation.resize(kMaxOrganisations);
  std::sort(facets.year.begin(), facets.year.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
  return facets;
}

}  // namespace kb::search
