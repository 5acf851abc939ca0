#include "kb/search/search_request.h"

#include <catch2/catch.hpp>

using kb::search::ParseSearchRequest;
using kb::search::QueryParams;
using kb::search::SearchRequest;
using kb::search::SortOrder;

TEST_CASE("a full request is parsed into typed fields") {
  auto r = ParseSearchRequest({{"q", "jeugdhulp"},
                               {"theme", "jeugdhulp"},
                               {"provincie", "Groningen"},
                               {"provincie", "Drenthe"},
                               {"gemeente", "GM0014"},
                               {"kind", "rapport"},
                               {"evidence", "procesevaluatie"},
                               {"evidence", "monitor-cijfers"},
                               {"year_from", "2015"},
                               {"year_to", "2020"},
                               {"sort", "date"},
                               {"page", "3"},
                               {"size", "20"},
                               {"facets", "0"}});
  REQUIRE(r.ok());
  CHECK(r->q == "jeugdhulp");
  CHECK(r->provincies == std::vector<std::string>{"Groningen", "Drenthe"});
  CHECK(r->evidence == std::vector<std::string>{"procesevaluatie", "monitor-cijfers"});
  CHECK(r->year_from == 2015);
  CHECK(r->year_to == 2020);
  CHECK(r->EffectiveSort() == SortOrder::kDate);
  CHECK(r->page == 3);
  CHECK(r->size == 20);
  CHECK_FALSE(r->facets);
  CHECK(r->HasFilters());
}

TEST_CASE("defaults: relevance with a query, date when browsing") {
  auto with_q = ParseSearchRequest({{"q", "wmo"}});
  REQUIRE(with_q.ok());
  CHECK(with_q->EffectiveSort() == SortOrder::kRelevance);
  CHECK(with_q->page == 1);
  CHECK(with_q->size == SearchRequest::kDefaultSize);
  CHECK(with_q->facets);
  auto browse = ParseSearchRequest({});
  REQUIRE(browse.ok());
  CHECK(browse->EffectiveSort() == SortOrder::kDate);
}

TEST_CASE("an evidence filter alone is a filter") {
  auto r = ParseSearchRequest({{"evidence", "nieuws"}});
  REQUIRE(r.ok());
  CHECK(r->HasFilters());
}

TEST_CASE("a wildcard needs three characters before its star") {
  for (const std::string q :
       {"jeu*", "gem*", "jeugdhulp OR mantelzorg*", "\xc3\xa9\xc3\xa9n*", "2019", "a * b", "*"}) {
    INFO(q);
    CHECK(ParseSearchRequest({{"q", q}}).ok());
  }
}

TEST_CASE("size is clamped, not rejected; 0 asks for counts only") {
  CHECK(ParseSearchRequest({{"size", "5000"}})->size == SearchRequest::kMaxSize);
  CHECK(ParseSearchRequest({{"size", "0"}})->size == 0);
  CHECK(ParseSearchRequest({{"size", "-3"}})->size == 0);
}

TEST_CASE("a cache-buster and campaign tags are ignored, other unknown parameters refused") {
  auto ignored = ParseSearchRequest({{"q", "wmo"}, {"_", "1733530000"}, {"utm_source", "x"}});
  REQUIRE(ignored.ok());
  CHECK(ignored->q == "wmo");
  auto unknown = ParseSearchRequest({{"q", "wmo"}, {"utm", "x"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().param() == "utm");
  CHECK(unknown.status().code() == "unknown_parameter");
}

TEST_CASE("bad parameters are rejected with a message naming them") {
  const std::vector<std::pair<QueryParams, std::string>> cases = {
      {{{"colour", "red"}}, "'colour': onbekend; gebruik q, "},
      {{{"page", "0"}}, "'page'"},
      {{{"page", "1001"}}, "'page': moet een getal van 1 tot en met 1000 zijn"},
      {{{"page", "2x"}}, "'page': '2x' is geen geheel getal"},
      {{{"page", ""}}, "'page'"},
      {{{"page", "99999999999999999999"}}, "'page'"},
      {{{"size", "many"}}, "'size'"},
      {{{"sort", "popular"}}, "'sort': moet 'relevance', 'date' of 'added' zijn"},
      {{{"facets", "maybe"}}, "'facets'"},
      {{{"year_from", "20"}}, "'year_from'"},
      {{{"year_from", "2020"}, {"year_to", "2010"}}, "'year_from': is later dan year_to"},
      {{{"year_to", "2020"}, {"year_to", "2021"}}, "'year_to': komt meer dan één keer voor"},
      {{{"q", "a"}, {"q", "b"}}, "'q'"},
      {{{"q", std::string(2000, 'a')}}, "'q': langer dan 1000 bytes"},
      {{{"q", "a*"}}, "'q': 'a*' is te kort voor een *; zet er 3 of meer tekens voor"},
      {{{"q", "jeugd ge*"}}, "'ge*' is te kort"},
      {{{"q", "\xc3\xa9\xc3\xa9*"}}, "te kort"},
      {{{"theme", ""}}, "'theme': lege waarde"},
      {{{"evidence", "rapport"}},
       "'evidence': 'rapport' is geen soort kennis; kies effectonderzoek, "},
      {{{"evidence", "Nieuws"}}, "opinie-interview of nieuws"},
  };
  for (const auto& [params, mentions] : cases) {
    auto r = ParseSearchRequest(params);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().kind() == kb::ErrorKind::kInvalidArgument);
    INFO(r.status().message());
    CHECK(r.status().message().find(mentions) != std::string::npos);
  }
}
