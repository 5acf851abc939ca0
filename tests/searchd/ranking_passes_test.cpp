// A search in relevance order counts its matches from bitmaps of the terms (match_bitmaps.h)
// and ranks in a pruned pass plus a re-weighing of the candidates (search_steps.h): its answers
// must be those of the single exhaustive pass every search made before. Compared on the corpus
// index for the social-domain queries of bench/relevance/social, questions, queries with
// operators, filters and pages.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "block_bounds.h"
#include "corpus_index.h"
#include "kb/analysis/analyzer.h"
#include "kb/core/schema.h"
#include "kb/search/catalog.h"
#include "kb/search/facets.h"
#include "kb/search/query_builder.h"
#include "kb/search/searcher.h"
#include "match_bitmaps.h"
#include "process.h"

namespace fs = std::filesystem;

namespace {

using kb::search::SearchRequest;
using kb::search::SearchResult;

std::vector<std::string> Queries() {
  std::vector<std::string> out;
  std::ifstream in(fs::path(KB_SOURCE_DIR) / "bench" / "relevance" / "social" / "queries.tsv");
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.rfind('\t');
    if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
  }
  // Questions (a minimum share of the words, the question weighting), explicit syntax (phrases
  // are NEARs of their own), a misspelling, a place, and one word.
  for (const char* q : {"Wat weten we over eenzaamheid onder ouderen in Drenthe?",
                        "hoeveel jongeren hebben schulden", "\"sociaal werk\" OR wijkteam",
                        "jeugdhulp NOT wachtlijst", "schuldhulp*", "mantelzorg NEAR ondersteuning",
                        "participatiewet", "eenzaamhied", "armoede Groningen"}) {
    out.emplace_back(q);
  }
  // Common words whose matches holding all of them fill a page and its margin (60 to 90),
  // which the ranking pass then ranks alone.
  for (const char* q : {"gemeente jeugd", "onderzoek gemeenten", "zorg ondersteuning",
                        "gemeenten onderzoek zorg", "mensen hulp", "werk inkomen"}) {
    out.emplace_back(q);
  }
  return out;
}

// Everything a reader of the answer sees of its counts and order, one line each.
std::string Answer(const SearchResult& r) {
  std::ostringstream out;
  out << "total " << r.total << ", all words " << r.all_words_total << ", undated left out "
      << r.undated_left_out << ", corrected " << r.corrected_query.value_or("-") << "\n";
  for (const auto& hit : r.hits) out << hit.id << " " << hit.score << "\n";
  if (!r.facets) return out.str();
  const kb::search::Facets& facets = *r.facets;
  const auto counts = [&](const char* name, const std::vector<kb::search::FacetCount>& facet) {
    for (const auto& c : facet) out << name << " " << c.value << " " << c.count << "\n";
  };
  counts("theme", facets.theme);
  counts("gemeente", facets.gemeente);
  counts("provincie", facets.provincie);
  counts("year", facets.year);
  counts("kind", facets.kind);
  counts("evidence", facets.evidence);
  counts("language", facets.language);
  counts("organisation", facets.organisation);
  out << "year unknown " << facets.year_unknown << "\n";
  for (const auto& cell : facets.theme_provincie) {
    out << "cell " << cell.theme << " " << cell.provincie << " " << cell.count << "\n";
  }
  return out.str();
}

// A Searcher on a copy of the corpus index, with the repository's analysis data and catalog.
struct CorpusSearcher {
  CorpusSearcher() {
    kb::test::CopyCorpusIndex(db);
    kb::analysis::AnalysisConfig config;
    auto resources = kb::analysis::LoadResources(config);
    REQUIRE(resources.ok());
    options.db_path = db;
    options.resources = *resources;
    options.catalog = std::make_shared<const kb::search::Catalog>(
        kb::search::LoadCatalog(config.data_dir, stderr));
    REQUIRE_FALSE(options.catalog->empty());
    options.shared = std::make_shared<kb::search::SearcherShared>();
    auto opened = kb::search::Searcher::Open(options);
    REQUIRE(opened.ok());
    searcher = std::move(opened).value();
  }

  kb::test::TempDir dir;
  const fs::path db = dir.path() / "db";
  kb::search::SearcherOptions options;
  std::unique_ptr<kb::search::Searcher> searcher;
};

}  // namespace

TEST_CASE("searches in relevance order answer as the single exhaustive pass did") {
  const CorpusSearcher corpus;
  const auto& options = corpus.options;
  const auto& searcher = corpus.searcher;

  const std::vector<std::string> queries = Queries();
  REQUIRE(queries.size() >= 90);
  // Filters, and pages past the first (candidates beyond the page's end matter there).
  const auto settings = std::vector<std::function<void(SearchRequest&)>>{
      [](SearchRequest&) {},
      [](SearchRequest& r) { r.provincies = {"Noord-Holland"}; },
      [](SearchRequest& r) {
        r.themes = {"jeugdhulp", "armoede-en-schulden"};
        r.year_from = 2015;
      },
      [](SearchRequest& r) { r.kinds = {"rapport"}; },
      [](SearchRequest& r) { r.page = 2; },
      [](SearchRequest& r) {
        r.size = 40;
        r.facets = false;
      },
  };
  int compared = 0;
  int with_hits = 0;
  int with_second_pages = 0;
  // The ranking pass on this thread alone, split over two (which kAuto does from 50,000
  // matches on; the corpus has far fewer, so kSplit asks for it), and by blocks of docids
  // (kAuto from 10,000 documents to rank). Here a block is one docid: its bound is then the
  // document's summed weight itself, as tight as a bound can be, and any part that weighed
  // otherwise alone than within the query would show as a wrong answer.
  options.shared->block_shift = 0;
  options.shared->block_split_from = 0;  // each part's bounds weighed in two halves
  for (const auto passes : {SearchRequest::Passes::kSeparate, SearchRequest::Passes::kSplit,
                            SearchRequest::Passes::kBlocks}) {
    const std::uint64_t splits_before = options.shared->split_rankings.load();
    const std::uint64_t covered_before = options.shared->covered_rankings.load();
    const std::uint64_t blocks_before = options.shared->block_rankings.load();
    const std::uint64_t skipped_before = options.shared->block_skipped.load();
    int with_hits_here = 0;
    for (const std::string& q : queries) {
      for (const auto& set : settings) {
        SearchRequest request;
        request.q = q;
        set(request);
        request.passes = passes;
        SearchRequest reference = request;
        reference.passes = SearchRequest::Passes::kOnePass;
        auto fast = searcher->Search(request);
        auto slow = searcher->Search(reference);
        REQUIRE(fast.ok());
        REQUIRE(slow.ok());
        INFO("q=" << q << " page " << request.page << " size " << request.size << " passes "
                  << static_cast<int>(passes));
        CHECK(Answer(*fast) == Answer(*slow));
        ++compared;
        with_hits_here += !slow->hits.empty();
        with_second_pages += request.page == 2 && !slow->hits.empty();
      }
    }
    with_hits += with_hits_here;
    const std::uint64_t splits = options.shared->split_rankings.load() - splits_before;
    // Rankings among the matches holding every group were among those compared.
    CHECK(options.shared->covered_rankings.load() - covered_before >= 20);
    if (passes == SearchRequest::Passes::kSplit) {
      // Every search with a hit to rank was split (one with a single match is not).
      CHECK(splits >= static_cast<std::uint64_t>(with_hits_here) * 9 / 10);
    } else {
      CHECK(splits == 0);
    }
    const std::uint64_t by_blocks = options.shared->block_rankings.load() - blocks_before;
    const std::uint64_t skipped = options.shared->block_skipped.load() - skipped_before;
    if (passes == SearchRequest::Passes::kBlocks) {
      // One word, or the matches holding every group: the rankings the bounds can tell
      // (coverage tiers and a question's minimum share rank as before). Some blocks fell
      // below the bar, or the comparison would not show that leaving them out is safe.
      CHECK(by_blocks >= 100);
      CHECK(skipped >= by_blocks * 10);
    } else {
      CHECK(by_blocks == 0);
    }
  }
  // The comparison means something only if most searches found something.
  CHECK(compared >= 1725);
  CHECK(with_hits >= compared * 3 / 4);
  CHECK(with_second_pages >= 120);
}

// Ranking by blocks (block_bounds.h) bounds a document's weight by the sum of its parts'
// bounds, each from a match of that part alone: a part that weighed otherwise within the whole
// query would make a bound too low and could drop a document from the page. Checked here for
// every document each query of the test matches, as QueryBuilder builds them: with words made
// of compounds, joined forms and the title's stems, one term often stands in two parts.
TEST_CASE("a ranking query weighs each document as the sum of its parts alone") {
  kb::test::TempDir dir;
  const fs::path path = dir.path() / "db";
  kb::test::CopyCorpusIndex(path);
  const Xapian::Database db(path.string());
  kb::analysis::AnalysisConfig config;
  auto resources = kb::analysis::LoadResources(config);
  REQUIRE(resources.ok());
  kb::analysis::Analyzer analyzer(*resources);
  Xapian::QueryParser parser;
  parser.set_database(db);
  analyzer.ConfigureQueryParser(parser);
  kb::search::QueryBuilder builder(analyzer, parser, kb::analysis::Analyzer::kQueryFlags);

  const auto weights = [&](const Xapian::Query& query, const Xapian::Weight& weighting) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weighting);
    std::map<Xapian::docid, double> out;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
  };
  std::vector<std::string> queries = Queries();
  for (const char* q : {"huiselijk geweld", "passend onderwijs", "jeugd zorg",
                        "schuldhulpverlening", "sociaal werk", "wijkteam jeugdzorg"}) {
    queries.emplace_back(q);
  }
  int checked = 0;
  int repeating = 0;  // queries with a term in two places
  int documents = 0;
  for (const std::string& q : queries) {
    auto built = builder.Build(q);
    REQUIRE(built.ok());
    const Xapian::Query query = built->WithoutProximity().query;
    const std::vector<Xapian::Query> parts = kb::search::AdditiveParts(query);
    if (parts.size() < 2) continue;
    const std::unique_ptr<Xapian::Weight> weighting =
        built->natural_language ? std::make_unique<Xapian::BM25Weight>(
                                      kb::search::kQuestionK1, 0, 1, kb::search::kQuestionB, 0.5)
                                : std::make_unique<Xapian::BM25Weight>();
    std::map<Xapian::docid, double> sum;
    for (const Xapian::Query& part : parts) {
      for (const auto& [docid, weight] : weights(part, *weighting)) sum[docid] += weight;
    }
    const std::map<Xapian::docid, double> whole = weights(query, *weighting);
    INFO("q=" << q << " query " << query.get_description());
    CHECK(sum.size() == whole.size());
    for (const auto& [docid, weight] : whole) {
      INFO("docid " << docid);
      CHECK(std::abs(sum[docid] - weight) <= 1e-12 * std::max(1.0, weight));
    }
    std::set<std::string> terms;
    std::size_t leaves = 0;
    const auto walk = [&](const auto& self, const Xapian::Query& sub) -> void {
      if (sub.get_type() == Xapian::Query::LEAF_TERM) {
        terms.insert(*sub.get_terms_begin());
        ++leaves;
      }
      for (std::size_t i = 0; i < sub.get_num_subqueries(); ++i) self(self, sub.get_subquery(i));
    };
    walk(walk, query);
    repeating += leaves > terms.size();
    documents += static_cast<int>(whole.size());
    ++checked;
  }
  CHECK(checked >= 80);
  CHECK(repeating >= 10);
  CHECK(documents >= 5000);
}

// The second thread of a split ranking has an index handle of its own: after a commit it must
// rank the new revision, never the one it opened first.
TEST_CASE("a split ranking follows the index to its next revision") {
  const CorpusSearcher corpus;
  const auto& options = corpus.options;
  const auto& searcher = corpus.searcher;
  const auto search = [&](SearchRequest::Passes passes) {
    SearchRequest request;
    request.q = "jeugdhulp gemeente";
    request.passes = passes;
    auto result = searcher->Search(request);
    REQUIRE(result.ok());
    return *result;
  };
  const SearchResult before = search(SearchRequest::Passes::kSplit);
  REQUIRE(before.hits.size() >= 2);
  CHECK(Answer(before) == Answer(search(SearchRequest::Passes::kOnePass)));
  CHECK(options.shared->split_rankings.load() == 1);

  {  // The first hit leaves the index, as a re-index of its deleted file would have it.
    Xapian::WritableDatabase writer(corpus.db.string());
    writer.delete_document(std::string(kb::schema::kPrefixId) + before.hits.front().id);
    writer.commit();
  }
  options.shared->index_changes.fetch_add(1);  // what kb-searchd's applier does after a run
  const SearchResult after = search(SearchRequest::Passes::kSplit);
  CHECK(after.total == before.total - 1);
  REQUIRE_FALSE(after.hits.empty());
  CHECK(after.hits.front().id == before.hits[1].id);
  CHECK(Answer(after) == Answer(search(SearchRequest::Passes::kOnePass)));
  CHECK(options.shared->split_rankings.load() == 2);
}

// The counting pass takes its matches from MatchBitmaps: each query shape must match what
// Xapian's matcher matches, document for document, also when a tight budget keeps emptying
// the cache between queries.
TEST_CASE("bitmaps of the terms match what Xapian's matcher matches") {
  using Q = Xapian::Query;
  kb::test::TempDir dir;
  const fs::path path = dir.path() / "db";
  kb::test::CopyCorpusIndex(path);
  const Xapian::Database db(path.string());
  // Stems of every frequency: the most common, the middle and the rare.
  std::vector<std::pair<Xapian::doccount, std::string>> stems;
  for (auto it = db.allterms_begin("Z"); it != db.allterms_end("Z"); ++it) {
    stems.emplace_back(it.get_termfreq(), *it);
  }
  REQUIRE(stems.size() > 1000);
  std::sort(stems.rbegin(), stems.rend());
  std::vector<std::string> terms;
  for (std::size_t i : {0, 1, 2, 5, 20, 100, 500, 1000}) terms.push_back(stems[i].second);
  terms.push_back(stems.back().second);
  const Q a(terms[0]), b(terms[1]), c(terms[2]), d(terms[5]), rare(terms[8]);
  const Q everything{std::string()};
  const auto of = [](Q::op op, const std::vector<Q>& parts, Xapian::termcount parameter = 0) {
    return Q(op, parts.begin(), parts.end(), parameter);
  };
  const std::vector<Q> queries = {
      a,
      rare,
      Q("Znotaterminthisindex"),
      everything,
      Q(),
      Q(Q::OP_AND, a, b),
      of(Q::OP_OR, {a, c, rare}),
      Q(Q::OP_AND_NOT, a, Q(Q::OP_OR, b, d)),
      Q(Q::OP_XOR, a, c),
      Q(Q::OP_FILTER, Q(Q::OP_OR, c, d), b),
      Q(Q::OP_AND_MAYBE, d, a),
      Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_SYNONYM, b, rare), 0.3),
      Q(Q::OP_MAX, c, d),
      Q(Q::OP_AND_NOT, everything, Q(Q::OP_AND_NOT, everything, Q(Q::OP_AND, a, c))),
      // Left to Xapian: positions, values, wildcards, a subset of the terms.
      of(Q::OP_PHRASE, {Q("sociaal"), Q("werk")}),
      Q(Q::OP_FILTER, of(Q::OP_PHRASE, {Q("sociaal"), Q("werk")}), b),
      Q(Q::OP_AND, of(Q::OP_PHRASE, {Q("sociaal"), Q("werk")}),
        of(Q::OP_NEAR, {Q("wijk"), Q("team")}, 3)),
      Q(Q::OP_AND, of(Q::OP_NEAR, {Q("jeugd"), Q("hulp")}, 4), Q(Q::OP_OR, a, b)),
      Q(Q::OP_VALUE_RANGE, kb::schema::kSlotYear, Xapian::sortable_serialise(2015),
        Xapian::sortable_serialise(2020)),
      Q(Q::OP_WILDCARD, "Zschuld"),
      of(Q::OP_ELITE_SET, {a, b, c, d, rare}, 2),
  };
  for (const std::size_t budget : {kb::search::MatchBitmaps::kDefaultBudget, std::size_t{4096}}) {
    const kb::search::MatchBitmaps bitmaps(budget);
    for (int round = 0; round < 2; ++round) {  // the second round from the cache
      for (const Q& query : queries) {
        INFO(query.get_description() << ", budget " << budget << ", round " << round);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        kb::search::DocidCollector collector;
        enquire.add_matchspy(&collector);
        enquire.get_mset(0, 0, db.get_doccount());
        std::vector<Xapian::docid> expected = collector.docids();
        std::sort(expected.begin(), expected.end());
        CHECK(kb::search::DocidsOf(*bitmaps.Match(db, query)) == expected);
        CHECK(bitmaps.cached_bytes() <= budget);
      }
    }
  }
}

// Large result sets are counted by two threads, a half each (FacetTable::Count): the counts must
// be those of one. Every document of the corpus index 200 times over is a result set past the
// two-thread threshold, and each of its counts is 200 times the count over the documents once.
TEST_CASE("facets counted by two threads are the counts of one") {
  kb::test::TempDir dir;
  const fs::path path = dir.path() / "db";
  kb::test::CopyCorpusIndex(path);
  const Xapian::Database db(path.string());
  kb::analysis::AnalysisConfig config;
  const kb::search::Catalog catalog = kb::search::LoadCatalog(config.data_dir, stderr);
  const kb::search::FacetTable table = kb::search::FacetTable::Build(db, catalog);
  std::vector<Xapian::docid> once;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) once.push_back(*it);
  constexpr std::uint64_t kTimes = 200;
  std::vector<Xapian::docid> many;
  for (std::uint64_t i = 0; i < kTimes; ++i) many.insert(many.end(), once.begin(), once.end());
  REQUIRE(many.size() >= 50000);

  const kb::search::Facets single = table.Count(once, catalog);
  const kb::search::Facets both = table.Count(many, catalog);
  CHECK(both.year_unknown == kTimes * single.year_unknown);
  const auto same = [&](const std::vector<kb::search::FacetCount>& a,
                        const std::vector<kb::search::FacetCount>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      INFO(a[i].value);
      CHECK(a[i].value == b[i].value);
      CHECK(a[i].count == kTimes * b[i].count);
    }
  };
  REQUIRE_FALSE(single.theme.empty());
  same(both.theme, single.theme);
  same(both.gemeente, single.gemeente);
  same(both.provincie, single.provincie);
  same(both.year, single.year);
  same(both.kind, single.kind);
  same(both.organisation, single.organisation);
  REQUIRE(both.theme_provincie.size() == single.theme_provincie.size());
  REQUIRE_FALSE(single.theme_provincie.empty());
  for (std::size_t i = 0; i < single.theme_provincie.size(); ++i) {
    CHECK(both.theme_provincie[i].count == kTimes * single.theme_provincie[i].count);
  }
}
