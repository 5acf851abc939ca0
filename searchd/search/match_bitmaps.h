// MatchBitmaps: the documents a boolean query matches, as a compressed bitmap (CRoaring), from
// cached bitmaps of its terms. The exact totals and facets of a search need every match; Xapian's
// matcher finds them by merging the posting lists of every term again for each search, which
// costs as much as the BM25 ranking itself (BENCHMARKS.md §2). A term's bitmap is read from its
// posting list once per index revision and shared by every search after it, so counting a search
// becomes a few bitmap unions and intersections.
//
// What is combined here: terms (the empty term is every document), AND, OR, SYNONYM, MAX,
// FILTER, AND_NOT, AND_MAYBE (its left side), XOR and SCALE_WEIGHT. Any other subquery (a
// phrase, NEAR, value range, wildcard, posting source) is matched by Xapian, unweighted, and
// its bitmap cached like a term's: the answer is always exact.
//
// Memory: at most `budget_bytes` of cached bitmaps per instance; past it the cache is emptied
// and fills again with what the next searches use. One instance per index revision
// (SearcherShared::match_bitmaps), so a commit never serves stale bitmaps.
//
// Thread-safety: Match may be called from several threads at once, each with its own Database
// of the revision the instance belongs to. For one local index only: docids are per database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>
#include <roaring/roaring.hh>

#include "bounded_memo.h"

namespace kb::search {

class MatchBitmaps {
 public:
  // 64 MB: the bitmaps of a few thousand common terms at a million documents.
  static constexpr std::size_t kDefaultBudget = std::size_t{64} << 20;

  explicit MatchBitmaps(std::size_t budget_bytes = kDefaultBudget);

  // The documents of `db` that `query` matches: a cached bitmap itself when the query is one
  // term or left to Xapian, else one of its own. Throws Xapian::Error as a match would.
  std::shared_ptr<const Roaring> Match(const Xapian::Database& db,
                                       const Xapian::Query& query) const;

  // Bytes of bitmaps cached now.
  std::size_t cached_bytes() const;

 private:
  using Bitmap = std::shared_ptr<const Roaring>;

  Bitmap Cached(const std::string& key, const std::function<Roaring()>& build) const;
  Bitmap Evaluate(const Xapian::Database& db, const Xapian::Query& query) const;

  mutable BoundedMemo<Roaring> memo_;
};

// The docids of `bitmap` in ascending order.
std::vector<Xapian::docid> DocidsOf(const Roaring& bitmap);

}  // namespace kb::search
