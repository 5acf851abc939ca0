#include "kb/search/facets.h"

#include <algorithm>
#include <future>
#include <map>
#include <thread>
#include <utility>

#include "kb/core/facet_values.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"

namespace kb::search {

namespace {

// FacetTable's order of value ids by kind (see its members).
int KindRank(FacetKind kind) {
  switch (kind) {
    case FacetKind::kTheme:
      return 0;
    case FacetKind::kProvincie:
      return 1;
    case FacetKind::kYear:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

void DocidCollector::operator()(const Xapian::Document& doc, double /*weight*/) {
  docids_.push_back(doc.get_docid());
}

FacetTable FacetTable::Build(const Xapian::Database& db, const Catalog& catalog) {
  FacetTable table;
  using enum FacetKind;
  const std::pair<std::string_view, FacetKind> prefixes[] = {
      {schema::kPrefixTheme, kTheme},         {schema::kPrefixGemeente, kGemeente},
      {schema::kPrefixProvincie, kProvincie}, {schema::kPrefixYear, kYear},
      {schema::kPrefixKind, kKind},           {schema::kPrefixOrganisation, kOrganisation},
      {schema::kPrefixEvidence, kEvidence},   {schema::kPrefixLanguage, kLanguage},
  };
  std::map<std::pair<FacetKind, std::string>, std::uint32_t> id_of;
  auto value_id = [&](FacetKind kind, const std::string& value) {
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
  // Value ids renumbered by kind: the themes, then the provincies, then the years, then the
  // rest (each in the order found), so that a document's sorted ids hold each of the three as
  // one run (CountSome).
  const auto rank = [&](std::uint32_t id) { return KindRank(table.values_[id].kind); };
  std::vector<std::uint32_t> order(table.values_.size());
  for (std::uint32_t id = 0; id < order.size(); ++id) order[id] = id;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return rank(a) < rank(b); });
  std::vector<std::uint32_t> renumbered(order.size());
  std::vector<Value> values;
  for (std::uint32_t id : order) {
    renumbered[id] = static_cast<std::uint32_t>(values.size());
    values.push_back(std::move(table.values_[id]));
  }
  table.values_ = std::move(values);
  for (auto& pair : pairs) pair.second = renumbered[pair.second];
  const auto end_of = [&](FacetKind kind) {
    return static_cast<std::uint32_t>(
        std::find_if(table.values_.begin(), table.values_.end(),
                     [&](const Value& v) { return KindRank(v.kind) > KindRank(kind); }) -
        table.values_.begin());
  };
  table.themes_end_ = end_of(kTheme);
  table.provincies_end_ = end_of(kProvincie);
  table.years_end_ = end_of(kYear);

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
  return table;
}

FacetTable::Tally FacetTable::CountSome(std::span<const Xapian::docid> docids) const {
  Tally tally;
  tally.counts.assign(values_.size(), 0);
  const std::uint32_t themes = themes_end_;
  const std::uint32_t provincies = provincies_end_ - themes_end_;
  tally.cells.assign(static_cast<std::size_t>(themes) * provincies, 0);
  std::uint64_t* const counts = tally.counts.data();
  std::uint64_t* const cells = tally.cells.data();
  std::uint64_t year_unknown = 0;
  const std::uint32_t* const ids = ids_.data();
  for (Xapian::docid d : docids) {
    if (static_cast<size_t>(d) + 1 >= offsets_.size()) {  // newer than this table
      ++year_unknown;
      continue;
    }
    const std::uint32_t* const begin = ids + offsets_[d];
    const std::uint32_t* const end = ids + offsets_[d + 1];
    for (const std::uint32_t* id = begin; id < end; ++id) ++counts[*id];
    // The ids are sorted: the document's themes, then its provincies, then its year.
    const std::uint32_t* themes_end = begin;
    while (themes_end < end && *themes_end < themes_end_) ++themes_end;
    const std::uint32_t* provincies_end = themes_end;
    while (provincies_end < end && *provincies_end < provincies_end_) ++provincies_end;
    for (const std::uint32_t* t = begin; t < themes_end; ++t) {
      for (const std::uint32_t* p = themes_end; p < provincies_end; ++p) {
        ++cells[*t * provincies + (*p - themes_end_)];
      }
    }
    year_unknown += provincies_end < end && *provincies_end < years_end_ ? 0 : 1;
  }
  tally.year_unknown = year_unknown;
  return tally;
}

Facets FacetTable::Count(const std::vector<Xapian::docid>& docids, const Catalog& catalog) const {
  const std::span<const Xapian::docid> all(docids);
  Tally tally;
  if (docids.size() < kTwoThreadsFrom || std::thread::hardware_concurrency() < 2) {
    tally = CountSome(all);
  } else {
    // Two halves at once: the table is immutable, and each half has a tally of its own.
    const std::size_t half = docids.size() / 2;
    auto second = std::async(std::launch::async, [&] { return CountSome(all.subspan(half)); });
    tally = CountSome(all.first(half));
    const Tally other = second.get();
    for (std::size_t i = 0; i < tally.counts.size(); ++i) tally.counts[i] += other.counts[i];
    for (std::size_t i = 0; i < tally.cells.size(); ++i) tally.cells[i] += other.cells[i];
    tally.year_unknown += other.year_unknown;
  }
  const auto& counts = tally.counts;
  const auto& cells = tally.cells;
  std::vector<CountedValue> values;
  for (size_t id = 0; id < values_.size(); ++id) {
    if (counts[id] == 0) continue;
    values.push_back({values_[id].kind, values_[id].value, values_[id].label, counts[id]});
  }
  std::vector<CountedCell> counted_cells;
  const std::size_t provincies = provincies_end_ - themes_end_;
  for (std::size_t r = 0; r < themes_end_; ++r) {
    for (std::size_t c = 0; c < provincies; ++c) {
      const std::uint64_t n = cells[r * provincies + c];
      if (n == 0) continue;
      counted_cells.push_back({values_[r].value, values_[themes_end_ + c].value, n});
    }
  }
  return AssembleFacets(std::move(values), std::move(counted_cells), tally.year_unknown, catalog);
}

Facets AssembleFacets(std::vector<CountedValue> values, std::vector<CountedCell> cells,
                      std::uint64_t year_unknown, const Catalog& catalog) {
  Facets facets;
  facets.year_unknown = year_unknown;
  for (const CountedCell& cell : cells) {
    if (cell.count == 0) continue;
    facets.theme_provincie.push_back(
        {cell.theme, catalog.ProvincieName(cell.provincie), cell.count});
  }
  std::sort(facets.theme_provincie.begin(), facets.theme_provincie.end(),
            [](const FacetCell& a, const FacetCell& b) {
              return a.theme != b.theme ? a.theme < b.theme : a.provincie < b.provincie;
            });
  for (const CountedValue& v : values) {
    if (v.count == 0) continue;
    switch (v.kind) {
      case FacetKind::kTheme:
        facets.theme.push_back({v.value, catalog.ThemeName(v.value), v.count});
        break;
      case FacetKind::kGemeente:
        facets.gemeente.push_back({v.value, catalog.GemeenteName(v.value), v.count});
        break;
      case FacetKind::kProvincie: {
        const std::string name = catalog.ProvincieName(v.value);
        facets.provincie.push_back({name, name, v.count});
        break;
      }
      case FacetKind::kYear:
        facets.year.push_back({v.value, v.value, v.count});
        break;
      case FacetKind::kKind:
        facets.kind.push_back({v.value, v.value, v.count});
        break;
      case FacetKind::kEvidence:
        facets.evidence.push_back({v.value, v.value, v.count});
        break;
      case FacetKind::kLanguage:
        facets.language.push_back({v.value, v.value, v.count});
        break;
      case FacetKind::kOrganisation:
        // The name is the filter value too: the organisatie filter takes names (and slugs).
        facets.organisation.push_back({v.label, v.label, v.count});
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

FacetSpies::FacetSpies()
    : themes_provincies_(schema::kSlotFacetThemesProvincies),
      gemeenten_(schema::kSlotFacetGemeenten),
      kinds_(schema::kSlotFacetKind),
      organisations_(schema::kSlotFacetOrganisation),
      years_(schema::kSlotYear) {}

void FacetSpies::AddTo(Xapian::Enquire& enquire) {
  for (Xapian::MatchSpy* spy :
       {static_cast<Xapian::MatchSpy*>(&themes_provincies_),
        static_cast<Xapian::MatchSpy*>(&gemeenten_), static_cast<Xapian::MatchSpy*>(&kinds_),
        static_cast<Xapian::MatchSpy*>(&organisations_), static_cast<Xapian::MatchSpy*>(&years_)}) {
    enquire.add_matchspy(spy);
  }
}

namespace {

// The non-empty items of one list of a facet slot.
std::vector<std::string> Items(const std::string& list) {
  std::vector<std::string> items = SplitFacetValue(list, kFacetItemSeparator);
  std::erase(items, std::string());
  return items;
}

}  // namespace

Facets FacetSpies::Count(std::uint64_t total, const Catalog& catalog) const {
  using enum FacetKind;
  std::map<std::pair<FacetKind, std::string>, std::uint64_t> counts;
  std::map<std::pair<std::string, std::string>, std::uint64_t> cells;
  // Per organisation slug, the names its documents give and how often.
  std::map<std::string, std::map<std::string, std::uint64_t>> names;
  for (auto v = themes_provincies_.values_begin(); v != themes_provincies_.values_end(); ++v) {
    const auto lists = SplitFacetValue(*v, kFacetListSeparator);
    const auto themes = Items(lists[0]);
    const auto provincies = Items(lists.size() > 1 ? lists[1] : std::string());
    const std::uint64_t n = v.get_termfreq();
    for (const auto& theme : themes) counts[{kTheme, theme}] += n;
    for (const auto& provincie : provincies) counts[{kProvincie, provincie}] += n;
    for (const auto& theme : themes) {
      for (const auto& provincie : provincies) cells[{theme, provincie}] += n;
    }
  }
  for (auto v = gemeenten_.values_begin(); v != gemeenten_.values_end(); ++v) {
    for (const auto& code : Items(*v)) counts[{kGemeente, code}] += v.get_termfreq();
  }
  for (auto v = kinds_.values_begin(); v != kinds_.values_end(); ++v) {
    const auto lists = SplitFacetValue(*v, kFacetListSeparator);
    const FacetKind kinds[] = {kKind, kEvidence, kLanguage};
    for (size_t i = 0; i < lists.size() && i < std::size(kinds); ++i) {
      for (const auto& item : Items(lists[i])) counts[{kinds[i], item}] += v.get_termfreq();
    }
  }
  for (auto v = organisations_.values_begin(); v != organisations_.values_end(); ++v) {
    const auto lists = SplitFacetValue(*v, kFacetListSeparator);
    if (lists[0].empty()) continue;
    counts[{kOrganisation, lists[0]}] += v.get_termfreq();
    names[lists[0]][lists.size() > 1 ? lists[1] : lists[0]] += v.get_termfreq();
  }
  std::uint64_t dated = 0;
  for (auto v = years_.values_begin(); v != years_.values_end(); ++v) {
    const auto year = static_cast<long long>(Xapian::sortable_unserialise(*v));
    counts[{kYear, std::to_string(year)}] += v.get_termfreq();
    dated += v.get_termfreq();
  }

  std::vector<CountedValue> values;
  for (const auto& [key, n] : counts) {
    std::string label;
    if (key.first == kOrganisation) {
      // The name most of its documents give (the first in order among equals).
      std::uint64_t most = 0;
      for (const auto& [name, m] : names[key.second]) {
        if (m > most) {
          most = m;
          label = name;
        }
      }
    }
    values.push_back({key.first, key.second, std::move(label), n});
  }
  std::vector<CountedCell> counted_cells;
  for (const auto& [key, n] : cells) counted_cells.push_back({key.first, key.second, n});
  return AssembleFacets(std::move(values), std::move(counted_cells),
                        total > dated ? total - dated : 0, catalog);
}

}  // namespace kb::search
