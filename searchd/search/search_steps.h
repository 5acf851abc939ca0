// Searcher's search steps, shared by searcher.cpp (documents) and searcher_passages.cpp
// (passages): one run of a query with the request's filters. Not part of the public interface.
#pragma once

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <future>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "block_bounds.h"
#include "docid_set.h"
#include "kb/core/schema.h"
#include "match_bitmaps.h"
#include "searcher_impl.h"

namespace kb::search {

// Nothing but white space: a query that asks for everything.
inline bool IsBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

// Counts a search in flight (SearcherShared::searches) for its span.
class InFlight {
 public:
  explicit InFlight(std::atomic<int>& count) : count_(count) { ++count_; }
  ~InFlight() { --count_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::atomic<int>& count_;
};

struct Searcher::Impl::Run {
  Xapian::MSet mset;
  std::vector<Xapian::docid> matched;  // one index: every match, for the facets
  // One index, ranked in passes: the facets of `matched`, counted on another thread while this
  // one ranks (invalid: count them from `matched`). Declared after `matched`, so a run that is
  // dropped waits for the count before its matches go.
  std::future<Facets> facets;
  FacetSpies spies;  // shards
  std::uint64_t total = 0;
};

// The steps of one search on one Searcher, each a job of its own: build a query from text, run
// it with the request's filters, count the documents holding all its words.
class Searcher::Impl::SearchSteps {
 public:
  SearchSteps(Searcher::Impl& impl, const SearchRequest& request, Xapian::Query filter)
      : impl_(impl),
        request_(request),
        filter_(std::move(filter)),
        offset_(static_cast<Xapian::doccount>((request.page - 1) * request.size)) {}

  Xapian::doccount offset() const { return offset_; }
  const Xapian::Query& filter() const { return filter_; }

  // The places a query names become QueryRegions (a boost, not a filter), and are reported.
  Result<BuiltQuery> Build(const std::string& text) const {
    std::vector<QueryRegion> regions;
    if (!HasExplicitSyntax(text)) {
      for (const analysis::QueryPlace& place : impl_.options.catalog->PlacesIn(text)) {
        regions.push_back(QueryRegion{place, impl_.options.catalog->FilterTermsOf(place)});
      }
    }
    return impl_.builder.Build(text, regions);
  }

  std::unique_ptr<Run> Execute(const BuiltQuery& built) const {
    const bool by_relevance = request_.EffectiveSort() == SortOrder::kRelevance;
    if (impl_.shards || !by_relevance) return ExecuteInOnePass(built);
    switch (request_.passes) {
      case SearchRequest::Passes::kOnePass:
        return ExecuteInOnePass(built);
      case SearchRequest::Passes::kSeparate:
      case SearchRequest::Passes::kSplit:
      case SearchRequest::Passes::kBlocks:
        return ExecuteInPasses(built);
      case SearchRequest::Passes::kAuto:
        break;
    }
    return FewPostings(built.query) ? ExecuteInOnePass(built) : ExecuteInPasses(built);
  }

  std::uint64_t AllWords(const BuiltQuery& built, std::uint64_t total) const {
    if (built.all_words.empty() || built.coverage.empty()) return total;
    return impl_.CountMatches(built.all_words, filter_);
  }

 private:
  using WeighedDocids = std::vector<std::pair<double, Xapian::docid>>;

  // How many candidates beyond the page the ranking pass keeps for the proximity bonus to
  // reorder (ExecuteInPasses).
  static constexpr Xapian::doccount kRankingMargin = 50;
  // From this many matches on, the ranking pass runs in two halves on two threads
  // (RankInHalves; BENCHMARKS.md §2).
  static constexpr std::uint64_t kSplitMatches = 50000;
  // From this many documents to rank on, the ranking pass goes by blocks of docids
  // (RankByBlocks; BENCHMARKS.md §2).
  static constexpr std::uint64_t kBlockMatches = 10000;
  // The first batch of blocks ranked holds this many times the documents wanted; each next
  // batch kBatchGrowth times the one before (RankByBlocks).
  static constexpr std::uint64_t kFirstBatch = 4;
  static constexpr std::uint64_t kBatchGrowth = 4;
  // Up to this many postings of the query's terms, one pass (FewPostings).
  static constexpr Xapian::doccount kOnePassPostings = 5000;

  // Whether the query's terms index so few documents together that one pass weighing each
  // of them costs less than the passes' fixed cost of opening every posting list two or three
  // times (BENCHMARKS.md §2: at 10,000 documents and 1,855 matches per query the passes were
  // slower; at 100,000 and 18,788 matches they took 20% off the median, 15% off the p99).
  bool FewPostings(const Xapian::Query& query) const {
    Xapian::doccount postings = 0;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
      postings += impl_.db.get_termfreq(*t);
      if (postings > kOnePassPostings) return false;
    }
    return true;
  }

  // Hidden and merged documents leave every public result here, so the facets (counted from
  // the matches) leave them out too.
  Xapian::Query Visible(const Xapian::Query& query) const {
    return Visible(request_.include_hidden, query);
  }

  static Xapian::Query Visible(bool include_hidden, const Xapian::Query& query) {
    return include_hidden ? query : WithoutHidden(query);
  }

  // BM25, with a question's own parameters.
  static std::unique_ptr<Xapian::Weight> Weighting(const BuiltQuery& built) {
    if (built.natural_language) {
      return std::make_unique<Xapian::BM25Weight>(kQuestionK1, 0, 1, kQuestionB, 0.5);
    }
    return std::make_unique<Xapian::BM25Weight>();
  }

  static void Weigh(Xapian::Enquire& enquire, const BuiltQuery& built) {
    enquire.set_weighting_scheme(*Weighting(built));
  }

  // One match that weighs and counts every match (checkatleast = doccount): shards (where each
  // pass is a round trip to every shard), orders by date or addition (where relevance only
  // breaks ties), and the reference the passes below are tested against.
  std::unique_ptr<Run> ExecuteInOnePass(const BuiltQuery& built) const {
    auto out = std::make_unique<Run>();
    Xapian::Enquire enquire(impl_.db);
    const bool by_relevance = request_.EffectiveSort() == SortOrder::kRelevance;
    // By date or addition, relevance only breaks ties: the coverage tiers would be wasted work.
    enquire.set_query(Visible(by_relevance ? built.Ranked(filter_) : built.Matching(filter_)));
    Weigh(enquire, built);
    if (request_.EffectiveSort() == SortOrder::kDate) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    } else if (request_.EffectiveSort() == SortOrder::kAdded) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotAdded, true);
    }
    if (request_.facets && impl_.shards && !by_relevance) {
      // Xapian 1.4's remote backend shows a spy more documents than match when the match sorts
      // by value (47 for 40 matches here): the facets are counted by a match in relevance order.
      Xapian::Enquire counting(impl_.db);
      counting.set_query(enquire.get_query());
      counting.set_weighting_scheme(Xapian::BoolWeight());
      out->spies.AddTo(counting);
      counting.get_mset(0, 0, impl_.db.get_doccount());
    } else if (request_.facets && impl_.shards) {
      out->spies.AddTo(enquire);
    }
    DocidCollector collector;
    if (request_.facets && !impl_.shards) enquire.add_matchspy(&collector);
    // checkatleast = doccount: every match is counted, so totals and facets are exact.
    out->mset = enquire.get_mset(offset_, static_cast<Xapian::doccount>(request_.size),
                                 impl_.db.get_doccount());
    out->total = out->mset.get_matches_estimated();
    out->matched = collector.Take();
    return out;
  }

  // Relevance order on one index: the answer of ExecuteInOnePass, without weighing every match.
  //  1. Count: every match, for the exact total and the facets, from the revision's bitmaps
  //     of the terms (MatchBitmaps: unions and intersections instead of Xapian merging every
  //     posting list again). The proximity bonus is left out: it adds no match, and its
  //     positions are the costliest reads of all.
  //  2. Rank without the proximity bonus, keeping the page and kRankingMargin more; with
  //     checkatleast 0, Xapian skips the documents that cannot reach them. When the matches
  //     holding every group (BuiltQuery::covered) are that many, only they are ranked, and
  //     without the coverage tiers (the same for each of them): the other matches rank below
  //     them, a group's kCoverageWeight short. From kBlockMatches documents to rank on, only
  //     the blocks of docids whose weight bounds reach the page are ranked (RankByBlocks);
  //     from kSplitMatches documents to rank at once, two threads rank a half each
  //     (RankInHalves).
  //  3. Weigh those candidates with the whole query, every one (checkatleast), and take the
  //     page from them. Pass 2's list is the page itself only when it ranked all matches with
  //     the query's every part but a proximity bonus it has none of (one word, say).
  //     Pass 2 cannot rank with the whole query: once Xapian 1.4 skips, it turns
  //     an OR into an AND-like operator, under which an OR of NEAR pairs gains weight where its
  //     words are not near (BENCHMARKS.md §2); a phrase the user typed is such a NEAR too.
  // A document outside the candidates could still have won a place on the page by proximity
  // alone; the margin makes that as good as impossible, and test_searchd_ranking_passes
  // compares the answers with ExecuteInOnePass's on the corpus.
  std::unique_ptr<Run> ExecuteInPasses(const BuiltQuery& built) const {
    auto out = std::make_unique<Run>();
    BuiltQuery plain = built.WithoutProximity();
    // The filter's documents, once: Matching(filter) and Ranked(filter) would repeat the
    // filter under every branch of the query (Within), and Xapian would check it (a value
    // range for the years) again in each.
    const std::shared_ptr<const MatchBitmaps> bitmaps = impl_.Bitmaps();
    const std::shared_ptr<const Roaring> within =
        filter_.empty() ? nullptr : bitmaps->Match(impl_.db, filter_);
    Roaring matched = *bitmaps->Match(impl_.db, Visible(plain.Matching()));
    if (within) matched &= *within;
    out->total = matched.cardinality();
    if (request_.facets) {
      out->matched = DocidsOf(matched);
      out->facets = CountFacetsAside(out->matched);
    }
    const auto size = static_cast<Xapian::doccount>(request_.size);
    if (size == 0 || offset_ >= out->total) return out;  // counts only, or past the end

    const Xapian::doccount wanted = offset_ + size + kRankingMargin;
    std::shared_ptr<const Roaring> ranked = within;  // the documents pass 2 ranks (null: all)
    const Roaring* to_rank = &matched;               // the same, as a set of matches
    bool page_from_pass_2 = !ReadsPositions(built.query);
    if (!plain.covered.empty() && out->total >= wanted) {
      auto top =
          std::make_shared<const Roaring>(matched & *bitmaps->Match(impl_.db, plain.covered));
      if (top->cardinality() >= wanted) {
        to_rank = top.get();
        ranked = std::move(top);
        plain.coverage = Xapian::Query();
        page_from_pass_2 = false;
        impl_.options.shared->covered_rankings.fetch_add(1, std::memory_order_relaxed);
      }
    }
    std::vector<Xapian::docid> candidates;
    std::optional<WeighedDocids> by_blocks;
    if (RanksByBlocks(to_rank->cardinality())) by_blocks = RankByBlocks(plain, *to_rank, wanted);
    if (by_blocks) {
      candidates = RankedDocids(*by_blocks);
    } else if (Xapian::Database* second = SplitsRanking(to_rank->cardinality())) {
      candidates = RankedDocids(RankInHalves(*second, plain, *to_rank, wanted));
    } else {
      Xapian::Enquire ranking(impl_.db);
      ranking.set_query(Visible(plain.Ranked(ranked ? DocidSet(ranked) : Xapian::Query())));
      Weigh(ranking, built);
      if (page_from_pass_2) {
        out->mset = ranking.get_mset(offset_, size);
        return out;
      }
      const Xapian::MSet mset = ranking.get_mset(0, wanted);
      candidates.assign(mset.begin(), mset.end());
    }
    const auto count = static_cast<Xapian::doccount>(candidates.size());
    const Xapian::Query among = DocidSet(std::move(candidates));
    Xapian::Enquire weighing(impl_.db);
    weighing.set_query(Visible(built.Ranked(
        filter_.empty() ? among : Xapian::Query(Xapian::Query::OP_AND, filter_, among))));
    Weigh(weighing, built);
    out->mset = weighing.get_mset(offset_, size, count);
    return out;
  }

 private:
  // The facets of `matched` counted on a thread of their own, beside the ranking passes, when
  // this is the only search in flight: the count reads memory only, while pass 3 waits on
  // position reads (BENCHMARKS.md §2). Invalid when other searches keep the cores busy or no
  // thread is to be had: Search counts them after the passes.
  std::future<Facets> CountFacetsAside(const std::vector<Xapian::docid>& matched) const {
    if (impl_.options.shared->searches.load(std::memory_order_relaxed) > 1) return {};
    std::shared_ptr<const FacetTable> table = impl_.FacetRows();  // builds read the index: here
    const Catalog* catalog = impl_.options.catalog.get();
    try {
      return std::async(std::launch::async,
                        [table, catalog, &matched] { return table->Count(matched, *catalog); });
    } catch (const std::system_error&) {
      return {};
    }
  }

  // Whether this search's ranking pass goes by blocks of docids (kBlocks, or kAuto from
  // kBlockMatches documents to rank on).
  bool RanksByBlocks(std::uint64_t matches) const {
    return request_.passes == SearchRequest::Passes::kBlocks ||
           (request_.passes == SearchRequest::Passes::kAuto && matches >= kBlockMatches);
  }

  // Pass 2 by blocks of docids (block_bounds.h): the first `wanted` of `plain` among
  // `to_rank`, as ranking all of them gives. The blocks with the highest summed bounds are
  // weighed first; the `wanted`-th weight found so far is the bar, and a block whose bound
  // falls below it is never weighed: each of its documents weighs less than `wanted`
  // documents already found. Nothing when the bounds cannot tell: no additive parts, or
  // coverage tiers or a minimum share (weights or matches that are not the parts' own).
  std::optional<WeighedDocids> RankByBlocks(const BuiltQuery& plain, const Roaring& to_rank,
                                            Xapian::doccount wanted) const {
    if (!plain.coverage.empty() || !plain.minimum.empty()) return std::nullopt;
    const std::vector<Xapian::Query> parts = AdditiveParts(plain.query);
    if (parts.empty()) return std::nullopt;
    const std::shared_ptr<const BlockBounds> bounds = impl_.Bounds();
    const std::unique_ptr<Xapian::Weight> weighting = Weighting(plain);
    // A search alone in the daemon weighs the bounds it lacks on both cores.
    Xapian::Database* second = impl_.options.shared->searches.load(std::memory_order_relaxed) > 1
                                   ? nullptr
                                   : impl_.Helper();
    std::vector<BlockBounds::Bounds> of_parts;
    for (const Xapian::Query& part : parts) {
      of_parts.push_back(bounds->Of(impl_.db, part, *weighting, second));
    }
    const BlockOrder blocks(of_parts, bounds->shift(), to_rank);
    if (!blocks.ok()) return std::nullopt;
    // In batches down the blocks, each kBatchGrowth times the one before, until no block left
    // can reach the bar; once there is a bar and the blocks that still reach it hold no more
    // than the next batch would, they are ranked at once (on two threads when they are many).
    // Bounds are summed in doubles from floats rounded up; Xapian's weight of a document may
    // differ from the sum of its parts' by rounding (1.8e-15 measured): the bar keeps a margin
    // far above that.
    WeighedDocids ranked;
    double bar = -std::numeric_limits<double>::infinity();
    std::uint64_t weighed = 0;
    // kBlocks (tests) starts at `wanted`, so that a small index leaves blocks out too.
    std::uint64_t batch =
        (request_.passes == SearchRequest::Passes::kBlocks ? 1 : kFirstBatch) * wanted;
    for (std::size_t next = 0; next < blocks.size();) {
      const std::size_t reaching = blocks.Reaching(next, bar);
      if (reaching == next) break;
      std::size_t end = next;
      std::uint64_t held = 0;
      while (end < reaching && held < batch) held += blocks.documents(end++);
      std::uint64_t left = 0;
      for (std::size_t i = end; i < reaching && left <= batch * kBatchGrowth; ++i) {
        left += blocks.documents(i);
      }
      if (ranked.size() >= wanted && left <= batch * kBatchGrowth) end = reaching;  // at once
      const std::shared_ptr<const Roaring> among = blocks.DocumentsIn(next, end);
      weighed += among->cardinality();
      ranked = Merged(std::move(ranked), RankSet(plain, among, wanted), wanted);
      if (ranked.size() >= wanted) {
        bar = ranked.back().first - 1e-9 * std::max(1.0, std::abs(ranked.back().first));
      }
      next = end;
      batch *= kBatchGrowth;
    }
    SearcherShared& shared = *impl_.options.shared;
    shared.block_rankings.fetch_add(1, std::memory_order_relaxed);
    shared.block_skipped.fetch_add(to_rank.cardinality() - weighed, std::memory_order_relaxed);
    return ranked;
  }

  // The first `wanted` of `plain` among `among`, on two threads from kSplitMatches on.
  WeighedDocids RankSet(const BuiltQuery& plain, const std::shared_ptr<const Roaring>& among,
                        Xapian::doccount wanted) const {
    if (Xapian::Database* second = SplitsRanking(among->cardinality())) {
      return RankInHalves(*second, plain, *among, wanted);
    }
    return RankAmong(impl_.db, plain, request_.include_hidden, among, wanted);
  }

  // The second handle on the index when this search's ranking pass is split (kSplit, or kAuto
  // from kSplitMatches matches on); nullptr to rank on this thread alone.
  Xapian::Database* SplitsRanking(std::uint64_t matches) const {
    const bool split =
        request_.passes == SearchRequest::Passes::kSplit ||
        (request_.passes == SearchRequest::Passes::kAuto && matches >= kSplitMatches);
    return split && matches >= 2 ? impl_.Helper() : nullptr;
  }

  // A BuiltQuery's ranking parts as bytes: Xapian::Query trees share reference counts that are
  // not atomic, so another thread gets its own copy, rebuilt from these.
  struct PortableQuery {
    std::string query, minimum, coverage;
    bool natural_language = false;

    static std::string Bytes(const Xapian::Query& q) { return q.empty() ? "" : q.serialise(); }
    static Xapian::Query Parse(const std::string& s) {
      return s.empty() ? Xapian::Query() : Xapian::Query::unserialise(s);
    }
    explicit PortableQuery(const BuiltQuery& built)
        : query(Bytes(built.query)),
          minimum(Bytes(built.minimum)),
          coverage(Bytes(built.coverage)),
          natural_language(built.natural_language) {}
    BuiltQuery Rebuild() const {
      BuiltQuery out;
      out.query = Parse(query);
      out.minimum = Parse(minimum);
      out.coverage = Parse(coverage);
      out.natural_language = natural_language;
      return out;
    }
  };

  // The first `wanted` of `plain` ranked among the documents of `among` on `db`.
  static WeighedDocids RankAmong(const Xapian::Database& db, const BuiltQuery& plain,
                                 bool include_hidden, std::shared_ptr<const Roaring> among,
                                 Xapian::doccount wanted) {
    Xapian::Enquire ranking(db);
    ranking.set_query(Visible(include_hidden, plain.Ranked(DocidSet(std::move(among)))));
    Weigh(ranking, plain);
    const Xapian::MSet ranked = ranking.get_mset(0, wanted);
    WeighedDocids out;
    for (auto it = ranked.begin(); it != ranked.end(); ++it) out.emplace_back(it.get_weight(), *it);
    return out;
  }

  // Pass 2 in two halves at once: the lower docids of `matched` on this thread, the upper ones
  // on another thread with `second`, the index at the same revision. Weights depend on the
  // index's statistics alone, so the merged lists hold the first `wanted` of the whole; pass 3
  // weighs them again for the page, as it does a list with a proximity bonus to apply.
  WeighedDocids RankInHalves(Xapian::Database& second, const BuiltQuery& plain,
                             const Roaring& matched, Xapian::doccount wanted) const {
    std::uint32_t pivot = 0;
    matched.select(static_cast<std::uint32_t>(matched.cardinality() / 2), &pivot);
    Roaring below;
    below.addRange(0, pivot);
    auto lower = std::make_shared<const Roaring>(matched & below);
    auto upper = std::make_shared<const Roaring>(matched - *lower);
    const bool include_hidden = request_.include_hidden;
    std::future<WeighedDocids> other;
    try {
      other = std::async(std::launch::async, [&second, portable = PortableQuery(plain),
                                              include_hidden, upper, wanted] {
        return RankAmong(second, portable.Rebuild(), include_hidden, upper, wanted);
      });
    } catch (const std::system_error&) {  // no thread to be had: this one ranks both halves
    }
    const bool threaded = other.valid();
    WeighedDocids merged = RankAmong(impl_.db, plain, include_hidden, lower, wanted);
    WeighedDocids more =
        threaded ? other.get() : RankAmong(impl_.db, plain, include_hidden, upper, wanted);
    if (threaded) impl_.options.shared->split_rankings.fetch_add(1, std::memory_order_relaxed);
    return Merged(std::move(merged), std::move(more), wanted);
  }

  // The first `wanted` of two lists of one ranking, in Xapian's order: weight, then docid.
  static WeighedDocids Merged(WeighedDocids merged, WeighedDocids more, Xapian::doccount wanted) {
    merged.insert(merged.end(), more.begin(), more.end());
    std::sort(merged.begin(), merged.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (merged.size() > wanted) merged.resize(wanted);
    return merged;
  }

  static std::vector<Xapian::docid> RankedDocids(const WeighedDocids& ranked) {
    std::vector<Xapian::docid> out;
    out.reserve(ranked.size());
    for (const auto& [weight, docid] : ranked) out.push_back(docid);
    return out;
  }

  Searcher::Impl& impl_;
  const SearchRequest& request_;
  const Xapian::Query filter_;
  const Xapian::doccount offset_;
};

}  // namespace kb::search
