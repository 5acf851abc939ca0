// SearchRequest: the typed, validated form of a search, built from query parameters.
//
// ParseSearchRequest is the only way in: it rejects unknown parameters, malformed numbers and
// unknown enumerations with InvalidArgument naming the parameter in a Dutch message
// ("parameter 'page': moet een getal van 1 tot en met 1000 zijn"), and
// clamps `size` into [1, kMaxSize]. It knows nothing of HTTP; the caller hands it the decoded
// name/value pairs in request order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/core/status.h"

namespace kb::search {

enum class SortOrder {
  kRelevance,  // default when there is a query
  kDate,       // newest first; the default when `q` is empty (browsing)
  kAdded,      // newest in the index first (schema::kSlotAdded), for feeds and "nieuw"
};

struct SearchRequest {
  static constexpr int kDefaultSize = 10;
  static constexpr int kMaxSize = 100;
  static constexpr int kMaxPage = 1000;
  static constexpr int kMaxExport = 10000;  // documents in one export (metadata_only)
  // Characters a word needs before a '*': at a million documents "a*" (the 200 most frequent
  // words starting with a) took 3 to 5 s and "ge*" 2.5 s, "gem*" 0.45 s (BENCHMARKS.md §6).
  static constexpr std::size_t kMinWildcardPrefix = 3;
  static constexpr size_t kMaxQueryBytes = 1000;
  static constexpr size_t kMaxFilterValues = 50;

  std::string q;                          // free text, Dutch query syntax; may be empty
  std::vector<std::string> themes;        // theme slugs or names; OR within, AND across facets
  std::vector<std::string> gemeenten;     // CBS codes ("GM0014") or names ("Groningen")
  std::vector<std::string> provincies;    // names or slugs; includes their gemeenten
  std::vector<std::string> kinds;         // one of schema::kKinds
  std::vector<std::string> evidence;      // one of schema::kEvidenceTypes (checked)
  std::vector<std::string> languages;     // ISO 639-1 codes, two lower-case letters (checked)
  std::vector<std::string> organisaties;  // organisation names or slugs (facets.organisation)
  std::optional<int> year_from;           // inclusive
  std::optional<int> year_to;             // inclusive
  // undated=1: a year filter keeps the documents whose year is unknown too (the page's "ook
  // tonen"); without it they are left out, and SearchResult::undated_left_out counts them.
  bool undated = false;
  std::optional<SortOrder> sort;      // unset: relevance with q, date without
  int page = 1;                       // 1-based, [1, kMaxPage]
  int size = kDefaultSize;            // clamped to [0, kMaxSize]; 0: total and facets, no hits
  int size_requested = kDefaultSize;  // `size` as asked, before clamping
  bool facets = true;                 // facets=0 skips facet counting
  // spell=0 searches the words as typed even when a spelling correction finds more (the
  // page's "zoek toch naar ..." link); the correction is still reported.
  bool spell = true;
  // Exports: the matches come back as SearchResult::documents (stored data without page text)
  // instead of hits, and `size` may be up to kMaxExport (set by the caller, not a parameter).
  bool metadata_only = false;
  // The editors' search: hidden and merged documents are found too (set by the caller, never a
  // URL parameter).
  bool include_hidden = false;
  // How a search in relevance order counts and ranks (search_steps.h): by the size of the
  // query's posting lists and its matches (kAuto), in one match that weighs every match
  // (kOnePass), in an unweighted counting pass and a pruned ranking pass (kSeparate), or so
  // with the ranking pass split over two threads (kSplit; kAuto does so for many matches), or
  // with the ranking pass weighing only the blocks of docids whose weight bounds can reach the
  // page (kBlocks; kAuto does so for many documents to rank). Tests compare them with kOnePass;
  // set by the caller, never a URL parameter.
  enum class Passes { kAuto, kOnePass, kSeparate, kSplit, kBlocks };
  Passes passes = Passes::kAuto;

  bool HasFilters() const;
  SortOrder EffectiveSort() const;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Validates `params` (decoded, in request order; repeated names allowed for the filters).
Result<SearchRequest> ParseSearchRequest(const QueryParams& params);

// Parses a whole decimal number in [min, max]; InvalidArgument naming `parameter` otherwise.
Result<int> ParseIntParameter(std::string_view parameter, std::string_view value, int min, int max);

// The InvalidArgument for a parameter that may be given once but came more often; shared so
// every route words it the same.
Status RepeatedParameter(std::string_view parameter);

// Parameters every route ignores: a cache-buster "_" and the campaign tags "utm_*" that links in
// newsletters and portals carry.
bool IsIgnoredParameter(std::string_view name);

}  // namespace kb::search
