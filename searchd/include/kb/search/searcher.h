// Searcher: answers searches, document lookups and suggestions from one Xapian database.
//
// Thread ownership: a Searcher owns its Xapian::Database, QueryParser, Enquire and Analyzer and is
// used by one thread at a time (SearcherPool hands one to each request). Everything it shares
// with other Searchers (Catalog, SearcherShared) is immutable or internally locked.
//
// Freshness: before each call the Searcher checks, at most once per reopen_interval, whether
// kb-indexer committed a new revision (Database::reopen()); a call that races a commit
// (DatabaseModifiedError) reopens and retries once, so no request fails because of indexing.
//
// Errors: InvalidArgument names the parameter (q, page, theme, gemeente, provincie, kind, id);
// NotFound for an unknown document id; Unavailable when the index cannot be read.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/core/status.h"
#include "kb/search/catalog.h"
#include "kb/search/document_cache.h"
#include "kb/search/facets.h"
#include "kb/search/search_request.h"
#include "kb/search/search_result.h"
#include "kb/search/shards.h"
#include "kb/search/spelling.h"

namespace kb::search {

class BlockBounds;   // search/block_bounds.h
class MatchBitmaps;  // search/match_bitmaps.h

// State shared by every Searcher of one index: thread-safe caches keyed by index revision.
struct SearcherShared {
  RevisionCache<FacetTable> facet_tables;
  RevisionCache<SpellingVocabulary> spelling;
  RevisionCache<MatchBitmaps> match_bitmaps;  // the terms' documents, for exact counts
  RevisionCache<BlockBounds> block_bounds;    // weight bounds per block of docids, for ranking
  // Docids per block of those bounds, as a power of two (BlockBounds::kDefaultShift), and the
  // postings from which a part's bounds are weighed on two threads (kDefaultSplitFrom). Tests
  // take small blocks and splits on a small index. Read when a revision's bounds are first built.
  unsigned block_shift = 6;
  Xapian::doccount block_split_from = 50000;
  DocumentCache documents;
  // Bumped by whoever knows the index just changed (kb-searchd's applier after a kb-indexer
  // run): every Searcher then reopens before its next call instead of waiting for
  // reopen_interval.
  std::atomic<std::uint64_t> index_changes{0};
  // Bumped by SearcherPool's warmer each time it has built the caches of a new revision. Once it
  // is non-zero, Searchers move to a new revision only then (a search never waits for a cache
  // build while kb-indexer commits); before, each reopens every reopen_interval on its own.
  std::atomic<std::uint64_t> warmed{0};
  // Ranking passes so far (search_steps.h) split over two threads, and among the matches
  // holding every group only (tests read them).
  std::atomic<std::uint64_t> split_rankings{0};
  std::atomic<std::uint64_t> covered_rankings{0};
  // Ranking passes that went by blocks of docids, and the documents they left unweighed.
  std::atomic<std::uint64_t> block_rankings{0};
  std::atomic<std::uint64_t> block_skipped{0};
  // Searches in flight on the index's Searchers. A search alone counts its facets on a thread
  // of its own beside the ranking (search_steps.h); under load the cores are already busy.
  std::atomic<int> searches{0};
  // Shards: which do not answer (kb/search/shards.h).
  ShardHealth shard_health;
  // Shards: the synonym table, written by the first Searcher (kb/search/shards.h).
  std::mutex synonyms_mutex;
  std::shared_ptr<const SynonymTable> synonyms;
};

// The revision a Searcher's caches are keyed by.
std::string RevisionOf(const Xapian::Database& db);

struct SearcherOptions {
  std::filesystem::path db_path;  // the index, unless `shards` are given
  // The index as shards, each a xapian-tcpsrv (kb/search/shards.h); empty: db_path.
  std::vector<ShardAddress> shards;
  std::chrono::milliseconds shard_timeout{2000};
  std::shared_ptr<const analysis::AnalysisResources> resources;  // required
  std::shared_ptr<const Catalog> catalog;                        // required; may be empty
  std::shared_ptr<SearcherShared> shared;                        // required
  std::chrono::milliseconds reopen_interval{1000};
};

// Who asks: the public never sees a hidden document; editors see every document.
enum class Audience { kPublic, kEditor };

class Searcher {
 public:
  // Opens the index (or connects to its shards) and checks its schema (InvalidArgument with what
  // to do when it differs; Unavailable when no shard answers).
  static Result<std::unique_ptr<Searcher>> Open(const SearcherOptions& options);
  ~Searcher();

  Result<SearchResult> Search(const SearchRequest& request);
  // The passages that best answer `request.q` among the documents its filters allow, at most
  // `request.size`. The documents are ranked as by Search; their passages by their own words,
  // with the document's rank and the passage's section (findings first) weighing in.
  // InvalidArgument for a blank q; Unavailable for an index built before passages.
  Result<PassageResult> Passages(const SearchRequest& request);
  // The passages of these (document id, PassageKey) pairs, in the same order; a pair whose
  // passage is not in the index (its document changed or went) is left out. Unavailable for an
  // index built before passages. Visibility is the caller's: see GetDocument.
  Result<std::vector<MarkedPassage>> Marked(
      const std::vector<std::pair<std::string, std::string>>& marks);

  // Document id: the hex id of the Q term. Includes up to 10 similar documents (never hidden
  // ones). For the public, a hidden document that is not a merged duplicate is NotFound.
  Result<DocumentDetail> GetDocument(std::string_view id, Audience audience = Audience::kPublic);
  // The source path of an indexed document (never a path taken from the request); the same
  // visibility as GetDocument.
  Result<std::filesystem::path> DocumentFile(std::string_view id,
                                             Audience audience = Audience::kPublic);

  // The public documents in index order, `limit` from `offset` (the sitemap), without reading
  // their stored data.
  Result<DocumentListing> List(size_t offset, size_t limit);

  // --- Editors' views (searcher_editor_views.cpp) ---
  // Documents carrying the review flag `flag` (the XR term, kb/editorial/review.h), hidden ones
  // left out, in index order. InvalidArgument for an unknown flag.
  Result<ReviewPage> ReviewQueue(std::string_view flag, size_t offset, size_t limit);
  // The number of documents ReviewQueue(flag, ...) would list in all.
  Result<std::uint64_t> ReviewCount(std::string_view flag);
  // The stored documents of these ids, in the same order; ids not in the index are left out.
  Result<std::vector<StoredDocument>> Documents(const std::vector<std::string>& ids);

  // Completions of the last word of `prefix` from the index vocabulary and catalog names.
  Result<std::vector<Suggestion>> Suggest(std::string_view prefix, size_t limit = 10);

  Result<IndexInfo> Info();
  // The index revision this searcher answers from, after reopening when a commit is due (so an
  // answer computed next comes from this revision or a later one). Cheap: for ETags.
  Result<std::string> Revision();

  // The names behind the filter terms (SearcherOptions::catalog); shared by every Searcher.
  const Catalog& catalog() const;

 private:
  explicit Searcher(const SearcherOptions& options, Xapian::Database db);
  static Result<std::unique_ptr<Searcher>> OpenShards(const SearcherOptions& options);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::search
