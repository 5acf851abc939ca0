// Exact facet counts over a whole result set.
//
// FacetTable maps every document of one index revision to its facet values, read once from the
// postings of the boolean filter terms (XT, XG, XP, XY, XK, XO). A search collects the docids of
// all its matches with DocidCollector (a MatchSpy; the match must run with checkatleast = doccount)
// and FacetTable::Count turns them into counts, so no document data or termlist is read per
// query. The provincie facet counts a document for a provincie when it carries the XP term or
// a gemeente of that provincie, matching the provincie filter. The same counting fills the
// theme x provincie matrix (Facets::theme_provincie).
//
// On shards (Xapian's remote backend, which runs no spy of ours) FacetSpies counts the same
// from the facet value slots (kb/core/facet_values.h) with Xapian's ValueCountMatchSpy.
//
// FacetTable is immutable after Build and safe to share; DocidCollector and FacetSpies belong to
// one search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <xapian.h>

#include "kb/search/catalog.h"
#include "kb/search/search_result.h"

namespace kb::search {

// The organisation facet lists at most this many organisations, the most frequent first.
inline constexpr size_t kMaxOrganisations = 50;

enum class FacetKind : std::uint8_t {
  kTheme,
  kGemeente,
  kProvincie,
  kYear,
  kKind,
  kOrganisation,
  kEvidence,
  kLanguage
};

// One facet value and the matches that hold it. `value` as the filter term holds it (slug, CBS
// code, provincie slug, year, kind, organisation slug, evidence type, language); `label` is an
// organisation's name.
struct CountedValue {
  FacetKind kind;
  std::string value;
  std::string label;
  std::uint64_t count = 0;
};

// The matches about one theme (slug) in one provincie (slug).
struct CountedCell {
  std::string theme;
  std::string provincie;
  std::uint64_t count = 0;
};

// The facets a page shows from these counts (values with a count of 0 left out): names from the
// catalog, each facet in its order (search_result.h), the organisations cut to
// kMaxOrganisations.
Facets AssembleFacets(std::vector<CountedValue> values, std::vector<CountedCell> cells,
                      std::uint64_t year_unknown, const Catalog& catalog);

class DocidCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::vector<Xapian::docid>& docids() const { return docids_; }
  std::vector<Xapian::docid> Take() { return std::move(docids_); }

 private:
  std::vector<Xapian::docid> docids_;
};

// Counts the facets of one search from the facet value slots, over one index or shards.
class FacetSpies {
 public:
  FacetSpies();
  // Adds the spies to `enquire`; they must outlive its get_mset, which must count every match
  // (checkatleast = doccount).
  void AddTo(Xapian::Enquire& enquire);
  // The facets of the `total` matches the spies saw.
  Facets Count(std::uint64_t total, const Catalog& catalog) const;

 private:
  Xapian::ValueCountMatchSpy themes_provincies_, gemeenten_, kinds_, organisations_, years_;
};

class FacetTable {
 public:
  // Throws Xapian::Error.
  static FacetTable Build(const Xapian::Database& db, const Catalog& catalog);

  // From kTwoThreadsFrom matches on, two threads count a half each (the result is the same).
  Facets Count(const std::vector<Xapian::docid>& docids, const Catalog& catalog) const;

 private:
  // At a million documents a search matching 190,000 spent 10 ms counting them on one thread
  // (BENCHMARKS.md §2); below this, a second thread's start costs more than it saves.
  static constexpr std::size_t kTwoThreadsFrom = 50000;
  struct Tally {
    std::vector<std::uint64_t> counts;  // by value id
    std::vector<std::uint64_t> cells;   // the matrix, row by row
    std::uint64_t year_unknown = 0;
  };
  Tally CountSome(std::span<const Xapian::docid> docids) const;

  struct Value {
    FacetKind kind;
    std::string value;  // slug, CBS code, provincie slug, year, kind, organisation slug, evidence
    std::string label;  // organisations: the name as a document states it
  };
  std::vector<Value> values_;
  // Compressed rows: the value ids of docid d are ids_[offsets_[d] .. offsets_[d + 1]), sorted.
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint32_t> ids_;
  // Value ids by kind: themes [0, themes_end_) (the matrix's rows), provincies [themes_end_,
  // provincies_end_) (its columns), years [provincies_end_, years_end_), then the rest.
  std::uint32_t themes_end_ = 0;
  std::uint32_t provincies_end_ = 0;
  std::uint32_t years_end_ = 0;
};

}  // namespace kb::search
