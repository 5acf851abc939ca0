// A search in relevance order counts in one unweighted pass and ranks in a pruned one plus a
// re-weighing of the candidates (search_steps.h): its answers must be those of the single
// exhaustive pass every search made before. Compared on the corpus index for the social-domain
// queries of bench/relevance/social, questions, queries with operators, filters and pages.
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "corpus_index.h"
#include "kb/analysis/analyzer.h"
#include "kb/search/catalog.h"
#include "kb/search/searcher.h"
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

}  // namespace

TEST_CASE("searches in relevance order answer as the single exhaustive pass did") {
  kb::test::TempDir dir;
  const fs::path db = dir.path() / "db";
  kb::test::CopyCorpusIndex(db);
  kb::analysis::AnalysisConfig config;
  auto resources = kb::analysis::LoadResources(config);
  REQUIRE(resources.ok());
  kb::search::SearcherOptions options;
  options.db_path = db;
  options.resources = *resources;
  options.catalog =
      std::make_shared<const kb::search::Catalog>(kb::search::LoadCatalog(config.data_dir, stderr));
  REQUIRE_FALSE(options.catalog->empty());
  options.shared = std::make_shared<kb::search::SearcherShared>();
  auto searcher = kb::search::Searcher::Open(options);
  REQUIRE(searcher.ok());

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
  for (const std::string& q : queries) {
    for (const auto& set : settings) {
      SearchRequest request;
      request.q = q;
      set(request);
      request.passes = SearchRequest::Passes::kSeparate;
      SearchRequest reference = request;
      reference.passes = SearchRequest::Passes::kOnePass;
      auto fast = (*searcher)->Search(request);
      auto slow = (*searcher)->Search(reference);
      REQUIRE(fast.ok());
      REQUIRE(slow.ok());
      INFO("q=" << q << " page " << request.page << " size " << request.size);
      CHECK(Answer(*fast) == Answer(*slow));
      ++compared;
      with_hits += !slow->hits.empty();
      with_second_pages += request.page == 2 && !slow->hits.empty();
    }
  }
  // The comparison means something only if most searches found something.
  CHECK(compared >= 540);
  CHECK(with_hits >= compared * 3 / 4);
  CHECK(with_second_pages >= 60);
}
