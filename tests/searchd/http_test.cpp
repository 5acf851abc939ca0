// kb-searchd over real HTTP, on an index that the real kb-indexer builds from
// ../shared/corpus/docs plus one extra document with hostile markup.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "corpus_index.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/version.h"
#include "searchd_fixture.h"

namespace {

namespace fs = std::filesystem;
using kb::test::GetJson;
using nlohmann::json;

struct Fixture {
  kb::test::TempDir dir;
  fs::path db;
  std::unique_ptr<kb::test::InProcessServer> server;

  Fixture() {
    const fs::path extra = dir.path() / "extra";
    kb::test::WriteFile(
        extra / "script-test.txt",
        "# Toezicht op jeugdhulp in Groningen\n\n"
        "Een verslag over jeugdhulp met <script>alert('xsstestwoord')</script> erin, "
        "en een vergelijking: 3 < 4 & 5 > 2 bij de gemeente Groningen.\n");
    // Query semantics: a question answered almost word for word, and two documents for a
    // two-word query, one with both words and one with only one of them (many times).
    kb::test::WriteFile(extra / "kinderbijslag-pleegkind.txt",
                        "Kinderbijslag voor een pleegkind\n\n"
                        "Een ouder heeft recht op kinderbijslag voor een pleegkind dat tot zijn "
                        "huishouden behoort en jonger is dan achttien jaar.\n");
    kb::test::WriteFile(extra / "beide-woorden.txt",
                        "Verslag uit de wijk\n\n"
                        "De bemiddelaarskamer ligt naast de tuinwerkplaats van het buurthuis.\n");
    kb::test::WriteFile(extra / "een-woord.txt",
                        "De tuinwerkplaats\n\n"
                        "De tuinwerkplaats is open. In de tuinwerkplaats wordt gewerkt; de "
                        "tuinwerkplaats heeft vrijwilligers en de tuinwerkplaats groeit.\n");
    // A document about a gemeente (Heerenveen) that never names its provincie (Fryslân).
    kb::test::WriteFile(extra / "buurtsoep-heerenveen.txt",
                        "Buurtsoep in het dorpshuis\n\n"
                        "In Heerenveen koken vrijwilligers elke week buurtsoep voor de ouderen "
                        "uit de wijk.\n");
    db = dir.path() / "index";
    // The corpus as indexed once per test run, then an incremental run adds `extra`.
    kb::test::CopyCorpusIndex(db);
    kb::test::RunIndexer(db, {kb::test::CorpusDocsDir(), extra}, dir.path() / "indexer.log");
    server = std::make_unique<kb::test::InProcessServer>(db);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

httplib::Client Client() { return Shared().server->Client(); }

using kb::test::EncodeUrl;

json Search(const std::string& query) {
  auto client = Client();
  auto r = GetJson(client, "/api/search?" + query);
  INFO(query << " -> " << r.body.dump().substr(0, 500));
  REQUIRE(r.status == 200);
  return r.body;
}

// Every hit of a query, page by page (size 100).
std::vector<json> AllHits(const std::string& query) {
  std::vector<json> hits;
  for (int page = 1;; ++page) {
    json body = Search(query + "&facets=0&size=100&page=" + std::to_string(page));
    for (const auto& h : body["hits"]) hits.push_back(h);
    if (hits.size() >= body["total"].get<size_t>()) break;
  }
  return hits;
}

// All gemeenten of a hit: hits list the ten most mentioned, the document route has them all.
json AllGemeenten(const json& hit) {
  if (hit["gemeenten_total"].get<size_t>() == hit["gemeenten"].size()) return hit["gemeenten"];
  auto client = Client();
  auto r = GetJson(client, "/api/documents/" + hit["id"].get<std::string>());
  REQUIRE(r.status == 200);
  REQUIRE(r.body["gemeenten"].size() == hit["gemeenten_total"].get<size_t>());
  return r.body["gemeenten"];
}

std::map<std::string, std::uint64_t> FacetMap(const json& facet) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& e : facet) out[e["value"].get<std::string>()] = e["count"].get<std::uint64_t>();
  return out;
}

void ExpectError(const std::string& target, int status, const std::string& mentions) {
  auto client = Client();
  auto r = GetJson(client, target);
  INFO(target << " -> " << r.status << " " << r.body.dump());
  CHECK(r.status == status);
  REQUIRE(r.body.is_object());
  REQUIRE(r.body.contains("error"));
  CHECK(r.body["error"]["code"].is_string());
  CHECK(r.body["error"]["message"].get<std::string>().find(mentions) != std::string::npos);
  CHECK(r.content_type.find("application/json") == 0);
}

}  // namespace

TEST_CASE("a search returns hits with highlighted snippets, pages and file urls") {
  json body = Search("q=jeugdhulp");
  CHECK(body["query"] == "jeugdhulp");
  CHECK(body["corrected_query"].is_null());
  REQUIRE(body["total"].get<int>() > 5);
  CHECK(body["hits"].size() == 10);
  bool some_pages = false;
  for (const auto& h : body["hits"]) {
    CHECK(h["id"].get<std::string>().size() == 16);
    CHECK(!h["title"].get<std::string>().empty());
    CHECK(h["snippet"].get<std::string>().find("<mark>") != std::string::npos);
    CHECK(h["url"].get<std::string>().rfind(
              "/api/documents/" + h["id"].get<std::string>() + "/file", 0) == 0);
    if (!h["pages"].empty()) some_pages = true;
    for (const char* field : {"kind", "year", "date", "themes", "gemeenten", "provincies"}) {
      CHECK(h.contains(field));
    }
    CHECK(kb::schema::IsEvidenceType(h["evidence"].get<std::string>()));
  }
  CHECK(some_pages);
  for (const char* facet : {"theme", "gemeente", "provincie", "year", "kind", "evidence"}) {
    CHECK(body["facets"][facet].is_array());
  }
}

TEST_CASE("a PDF hit links to its best page") {
  json body = Search("q=jeugdhulp&provincie=Groningen");
  bool found = false;
  for (const auto& h : body["hits"]) {
    if (h["pages"].empty()) continue;
    const std::string url = h["url"];
    if (url.find("#page=") == std::string::npos) continue;
    CHECK(url.substr(url.find("#page=") + 6) == std::to_string(h["pages"][0].get<int>()));
    found = true;
  }
  CHECK(found);
}

TEST_CASE("facet counts equal a brute-force count over all matching documents") {
  for (const std::string query :
       {"q=jeugdhulp&provincie=Groningen", "q=eenzaamheid", "theme=jeugdhulp",
        "q=gemeente&kind=rapport", "q=jeugdzorg&evidence=nieuws"}) {
    INFO(query);
    json body = Search(query + "&size=1");
    const std::vector<json> hits = AllHits(query);
    REQUIRE(hits.size() == body["total"].get<size_t>());
    std::map<std::string, std::uint64_t> theme, gemeente, provincie, year, kind, evidence, language;
    std::map<std::string, std::uint64_t> theme_provincie;  // "theme|provincie"
    for (const auto& h : hits) {
      for (const auto& t : h["themes"]) ++theme[t["slug"].get<std::string>()];
      std::set<std::string> provincies;
      for (const auto& g : AllGemeenten(h)) {
        ++gemeente[g["code"].get<std::string>()];
        provincies.insert(g["provincie"].get<std::string>());
      }
      for (const auto& p : h["provincies"]) provincies.insert(p.get<std::string>());
      for (const auto& p : provincies) ++provincie[p];
      for (const auto& t : h["themes"]) {
        for (const auto& p : provincies) ++theme_provincie[t["slug"].get<std::string>() + "|" + p];
      }
      if (!h["year"].is_null()) ++year[std::to_string(h["year"].get<int>())];
      ++kind[h["kind"].get<std::string>()];
      ++evidence[h["evidence"].get<std::string>()];
      ++language[h["language"].get<std::string>()];
    }
    CHECK(FacetMap(body["facets"]["theme"]) == theme);
    CHECK(FacetMap(body["facets"]["gemeente"]) == gemeente);
    CHECK(FacetMap(body["facets"]["provincie"]) == provincie);
    CHECK(FacetMap(body["facets"]["year"]) == year);
    CHECK(FacetMap(body["facets"]["kind"]) == kind);
    CHECK(FacetMap(body["facets"]["evidence"]) == evidence);
    CHECK(FacetMap(body["facets"]["language"]) == language);
    std::map<std::string, std::uint64_t> cells;
    for (const auto& c : body["facets"]["theme_provincie"]) {
      cells[c["theme"].get<std::string>() + "|" + c["provincie"].get<std::string>()] =
          c["count"].get<std::uint64_t>();
    }
    CHECK(cells == theme_provincie);
  }
  // A cell is what the theme and provincie filters together find.
  const json body = Search("q=jeugdhulp&size=1");
  REQUIRE(body["facets"]["theme_provincie"].size() >= 3);
  for (size_t i = 0; i < 3; ++i) {
    const json& cell = body["facets"]["theme_provincie"][i];
    const json both = Search("q=jeugdhulp&size=1&theme=" + cell["theme"].get<std::string>() +
                             "&provincie=" + EncodeUrl(cell["provincie"].get<std::string>()));
    CHECK(both["total"] == cell["count"]);
  }
}

TEST_CASE("a provincie filter matches the provincie and every gemeente in it") {
  const auto& catalog = Shared().server->catalog();
  const std::vector<json> all = AllHits("sort=date");
  REQUIRE(all.size() > 200);
  for (const std::string provincie : {"Groningen", "Noord-Brabant", "Fryslân"}) {
    INFO(provincie);
    size_t expected = 0;
    for (const auto& h : all) {
      bool about = false;
      for (const auto& p : h["provincies"]) about = about || p == provincie;
      for (const auto& g : AllGemeenten(h)) {
        about = about || catalog.ProvincieName(catalog.ProvincieOf(g["code"])) == provincie;
      }
      expected += about ? 1 : 0;
    }
    const std::vector<json> hits = AllHits("provincie=" + EncodeUrl(provincie));
    CHECK(hits.size() == expected);
    CHECK(expected > 0);
  }
  // OR within a facet, AND across facets.
  const size_t groningen = AllHits("provincie=Groningen").size();
  const size_t brabant = AllHits("provincie=Noord-Brabant").size();
  const size_t both = AllHits("provincie=Groningen&provincie=Noord-Brabant").size();
  CHECK(both >= std::max(groningen, brabant));
  CHECK(both <= groningen + brabant);
  const size_t jeugd_groningen = AllHits("provincie=Groningen&theme=jeugdhulp").size();
  CHECK(jeugd_groningen <= groningen);
}

TEST_CASE("a region filter accepts the names people use, not only the official ones") {
  // Aliases from the gazetteer: Friesland is officially Fryslân, Den Haag is 's-Gravenhage,
  // Den Bosch is 's-Hertogenbosch.
  const std::vector<std::pair<std::string, std::string>> same = {
      {"provincie=Friesland", "provincie=" + EncodeUrl("Fryslân")},
      {"provincie=fryslan", "provincie=" + EncodeUrl("Fryslân")},
      {"gemeente=" + EncodeUrl("Den Haag"), "gemeente=GM0518"},
      {"gemeente=" + EncodeUrl("den bosch"), "gemeente=GM0796"},
  };
  for (const auto& [alias, official] : same) {
    INFO(alias);
    const json by_alias = Search(alias + "&size=1");
    REQUIRE(by_alias.contains("total"));
    CHECK(by_alias["total"] == Search(official + "&size=1")["total"]);
  }
  CHECK(Search("provincie=Friesland&size=1")["total"].get<int>() > 0);
  ExpectError("/api/search?gemeente=Nergenshuizen", 400,
              "parameter 'gemeente': onbekende waarde 'Nergenshuizen'");
}

TEST_CASE("each filter parameter narrows the results to what it names") {
  for (const auto& h : AllHits("q=gemeente&theme=jeugdhulp")) {
    bool has = false;
    for (const auto& t : h["themes"]) has = has || t["slug"] == "jeugdhulp";
    CHECK(has);
  }
  for (const std::string g : {"gemeente=Groningen", "gemeente=GM0014"}) {
    const auto hits = AllHits(g);
    CHECK(!hits.empty());
    for (const auto& h : hits) {
      bool has = false;
      for (const auto& x : AllGemeenten(h)) has = has || x["code"] == "GM0014";
      CHECK(has);
    }
  }
  for (const auto& h : AllHits("kind=wet")) CHECK(h["kind"] == "wet");
  // The evidence filter: OR within the facet, only the asked types, and not empty (the corpus
  // has laws and news).
  const auto laws_or_news = AllHits("evidence=beleid-regelgeving&evidence=nieuws");
  std::set<std::string> evidence_seen;
  for (const auto& h : laws_or_news) evidence_seen.insert(h["evidence"].get<std::string>());
  CHECK(evidence_seen == std::set<std::string>{"beleid-regelgeving", "nieuws"});
  // The language filter: the corpus holds a Frisian document beside the Dutch ones.
  const auto frisian = AllHits("language=fy");
  CHECK(frisian.size() == 1);
  for (const auto& h : frisian) CHECK(h["language"] == "fy");
  CHECK(AllHits("language=nl").size() + frisian.size() == AllHits("").size());
  const auto ranged = AllHits("year_from=2019&year_to=2021");
  CHECK(!ranged.empty());
  for (const auto& h : ranged) {
    REQUIRE(!h["year"].is_null());
    CHECK(h["year"].get<int>() >= 2019);
    CHECK(h["year"].get<int>() <= 2021);
  }
}

TEST_CASE("sort, page and size") {
  json by_date = Search("q=gemeente&sort=date&size=20");
  std::string previous = "99999999";
  for (const auto& h : by_date["hits"]) {
    std::string date = h["date"];
    CHECK(date <= previous);
    if (!date.empty()) previous = date;
  }
  json page1 = Search("q=gemeente&size=5&page=1");
  json page2 = Search("q=gemeente&size=5&page=2");
  CHECK(page1["hits"].size() == 5);
  CHECK(page2["page"] == 2);
  std::set<std::string> ids;
  for (const auto& h : page1["hits"]) ids.insert(h["id"]);
  for (const auto& h : page2["hits"]) CHECK(ids.count(h["id"]) == 0);
  CHECK(Search("q=gemeente&size=1000")["size"] == 100);
  // size=0: the total and the facets, no hits.
  const json counts_only = Search("q=gemeente&size=0");
  CHECK(counts_only["size"] == 0);
  CHECK(counts_only["hits"].empty());
  CHECK(counts_only["total"].get<int>() > 0);
  CHECK_FALSE(counts_only["facets"]["theme"].empty());
  // A page past the end is an empty page.
  const json past_end = Search("q=jeugdhulp&page=900");
  CHECK(past_end["hits"].empty());
  CHECK(past_end["total"].get<int>() > 0);
  // A cache-buster and campaign tags are ignored.
  CHECK(Search("q=gemeente&_=1733530000&utm_source=nieuwsbrief&utm_medium=email")["total"] ==
        counts_only["total"]);
  // Browsing: no query, a filter, newest first.
  json browse = Search("provincie=Groningen");
  CHECK(browse["total"].get<int>() > 0);
  CHECK(browse["hits"][0]["snippet"].get<std::string>().find("<mark>") == std::string::npos);
}

TEST_CASE("query syntax: phrases, boolean operators in English and Dutch, wildcards") {
  // "+word" is syntax, taken as written; the plain word also meets its compound parts.
  const int jeugd = Search("q=%2Bjeugdhulp")["total"];
  const int eenzaam = Search("q=%2Beenzaamheid")["total"];
  CHECK(Search("q=jeugdhulp")["total"].get<int>() >= jeugd);
  const int either = Search("q=jeugdhulp%20OR%20eenzaamheid")["total"];
  const int either_nl = Search("q=jeugdhulp%20OF%20eenzaamheid")["total"];
  CHECK(either >= std::max(jeugd, eenzaam));
  CHECK(either_nl == either);
  const int both = Search("q=jeugdhulp%20AND%20eenzaamheid")["total"];
  CHECK(both <= std::min(jeugd, eenzaam));
  const int without = Search("q=jeugdhulp%20NIET%20eenzaamheid")["total"];
  CHECK(without == jeugd - both);
  CHECK(Search("q=%22passende%20jeugdhulp%22")["total"].get<int>() <= jeugd);
  // Synonym expansion may make a plain word find more than a wildcard; the exact word may not.
  CHECK(Search("q=jeugdh*")["total"].get<int>() >= Search("q=%22jeugdhulp%22")["total"]);
  CHECK(Search("q=jeugdh*")["total"].get<int>() > 0);
}

TEST_CASE("a question in natural language finds the article that answers it") {
  const std::string question = "Wanneer heeft een ouder recht op kinderbijslag voor een pleegkind?";
  json body = Search("q=" + EncodeUrl(question));
  REQUIRE(body["total"].get<int>() > 0);
  CHECK(body["hits"][0]["title"] == "Kinderbijslag voor een pleegkind");
  // Not every document with one of the words: at least half of the content words must match.
  CHECK(body["total"].get<int>() < Search("size=1")["total"].get<int>());
  CHECK(body["total"].get<int>() <=
        Search("q=ouder%20OR%20recht%20OR%20kinderbijslag%20OR%20pleegkind")["total"].get<int>());
  // The question word alone is still searched for.
  CHECK(Search("q=wanneer")["total"].get<int>() > 0);
}

TEST_CASE("a short query lists the documents with all its words first, then partial matches") {
  json both = Search("q=tuinwerkplaats%20bemiddelaarskamer");
  // The document with one word five times matches too, below the one with both words (and
  // so may a text with both parts of a compound, "bemiddelaar" and "kamer").
  REQUIRE(both["total"].get<int>() >= 2);
  CHECK(both["all_words_total"] == 1);
  CHECK(both["partial"] == false);
  CHECK(both["hits"][0]["title"] == "Verslag uit de wijk");
  CHECK(both["hits"][1]["title"] == "De tuinwerkplaats");
  json one = Search("q=tuinwerkplaats");
  CHECK(one["total"].get<int>() >= 2);
  CHECK(one["all_words_total"] == one["total"]);
  // Explicit operators keep their meaning.
  CHECK(Search("q=tuinwerkplaats%20AND%20bemiddelaarskamer")["total"] == 1);
  CHECK(Search("q=tuinwerkplaats%20OR%20bemiddelaarskamer")["total"] == 2);
  CHECK(Search("q=tuinwerkplaats%20NIET%20bemiddelaarskamer")["total"] == 1);
  // No document has every word: the best partial matches, and the answer says so.
  json partial = Search("q=tuinwerkplaats%20bemiddelaarskamer%20pleegkind&facets=0");
  REQUIRE(partial["total"].get<int>() >= 3);
  CHECK(partial["all_words_total"] == 0);
  CHECK(partial["partial"] == true);
  CHECK(partial["hits"][0]["title"] == "Verslag uit de wijk");
  // Never fewer results than any one of the words finds alone.
  CHECK(partial["total"].get<int>() >= Search("q=pleegkind")["total"].get<int>());
}

TEST_CASE("a place in the query weighs in as the region, not as a word that must occur") {
  // Fryslân is never named in the Heerenveen document, yet it is about Fryslân.
  json friesland = Search("q=buurtsoep%20friesland");
  CHECK(friesland["interpreted"]["provincie"] == json::array({"Fryslân"}));
  REQUIRE(friesland["total"].get<int>() >= 1);
  CHECK(friesland["hits"][0]["title"] == "Buurtsoep in het dorpshuis");
  CHECK(friesland["all_words_total"].get<int>() >= 1);
  CHECK(friesland["partial"] == false);
  // The gemeente typed in lower case; its document outranks those that only name it.
  json heerenveen = Search("q=buurtsoep%20heerenveen");
  CHECK(heerenveen["interpreted"]["gemeente"] == json::array({"Heerenveen"}));
  CHECK(heerenveen["hits"][0]["title"] == "Buurtsoep in het dorpshuis");
  // Another provincie: the document still comes, but not as holding the whole query.
  json drenthe = Search("q=buurtsoep%20drenthe");
  CHECK(drenthe["interpreted"]["provincie"] == json::array({"Drenthe"}));
  CHECK(drenthe["partial"] == true);
  // "provincie" before a shared name means the provincie; without it, the city.
  CHECK(Search("q=jeugdhulp%20provincie%20groningen")["interpreted"]["provincie"] ==
        json::array({"Groningen"}));
  CHECK(Search("q=jeugdhulp%20groningen")["interpreted"]["gemeente"] == json::array({"Groningen"}));
  // A place name that is also a word needs a capital or a cue word.
  CHECK(Search("q=best%20practices%20jeugdhulp")["interpreted"]["gemeente"].empty());
  CHECK(Search("q=jeugdhulp%20in%20best")["interpreted"]["gemeente"] == json::array({"Best"}));
}

TEST_CASE("documents are filed under the places they are about, not every place they name") {
  // National laws are signed in Den Haag ("Gegeven te 's-Gravenhage") or Wassenaar; a real
  // law of the corpus lists every provincie; none of them is about those places.
  for (const char* place : {"gemeente=Den%20Haag", "gemeente=Wassenaar", "provincie=Zeeland"}) {
    INFO(place);
    CHECK(Search(std::string(place) + "&kind=wet&facets=0")["total"] == 0);
  }
  // The Heerenveen area scans are about Heerenveen, and so about Fryslân.
  json heerenveen = Search("gemeente=Heerenveen&facets=0&size=100");
  CHECK(heerenveen["total"].get<int>() >= 20);
  CHECK(Search("provincie=Frysl%C3%A2n&facets=0")["total"].get<int>() >=
        heerenveen["total"].get<int>());
}

TEST_CASE("every answer carries the security headers; ranges, headers and UTF-8 are bounded") {
  auto client = Client();
  const std::string id = Search("q=jeugdwet&facets=0")["hits"][0]["id"];
  for (const std::string& path : std::vector<std::string>{
           "/api/search?q=jeugd", "/", "/api/documents/" + id + "/file", "/api/nergens"}) {
    auto r = client.Get(path.c_str());
    REQUIRE(r);
    INFO(path);
    CHECK(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") !=
          std::string::npos);
    CHECK(r->get_header_value("Content-Security-Policy").find("script-src 'self'") !=
          std::string::npos);
    CHECK(r->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
  }
  // Range amplification: thousands of overlapping ranges get the file once, not thousands of
  // times; one range still gets its part.
  const std::string file = "/api/documents/" + id + "/file";
  auto whole = client.Get(file.c_str());
  REQUIRE(whole);
  REQUIRE(whole->status == 200);
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 2700; ++i) ranges += ",0-";
  auto amplified = client.Get(file.c_str(), {{"Range", ranges}});
  REQUIRE(amplified);
  CHECK(amplified->status == 200);
  CHECK(amplified->body.size() == whole->body.size());
  auto part = client.Get(file.c_str(), {{"Range", "bytes=0-99"}});
  REQUIRE(part);
  CHECK(part->status == 206);
  CHECK(part->body == whole->body.substr(0, 100));
  auto two = client.Get(file.c_str(), {{"Range", "bytes=0-9,20-29"}});
  REQUIRE(two);
  CHECK(two->status == 206);
  CHECK(two->body.size() < whole->body.size());
  // A range past the end: 416 with a JSON error and the file's size ("bytes */N").
  const std::string size = std::to_string(whole->body.size());
  for (const std::string& range : std::vector<std::string>{
           "bytes=" + size + "-", "bytes=" + size + "-" + size + "0", "bytes=-0"}) {
    auto past = client.Get(file.c_str(), {{"Range", range}});
    REQUIRE(past);
    INFO(range);
    CHECK(past->status == 416);
    CHECK(past->get_header_value("Content-Range") == "bytes */" + size);
    CHECK(past->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    CHECK(past->body.find("\"range_not_satisfiable\"") != std::string::npos);
  }
  // An error answering a request with ranges is its whole JSON, never cut into the ranges.
  for (const std::string& url :
       std::vector<std::string>{"/api/documents/0000000000000000/file", file + "?x=1",
                                "/api/search?q=jeugd&year_from=abc"}) {
    auto refused = client.Get(url.c_str(), {{"Range", "bytes=0-0,2-3"}});
    REQUIRE(refused);
    INFO(url);
    CHECK(refused->status >= 400);
    CHECK(refused->status < 500);
    CHECK(refused->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    CHECK(refused->body.rfind("{\"error\":", 0) == 0);
  }
  // Too many header lines: 431 with a JSON error.
  httplib::Headers many;
  for (int i = 0; i < 150; ++i) many.emplace("X-Extra-" + std::to_string(i), "x");
  auto crowded = client.Get("/api/search?q=jeugd", many);
  REQUIRE(crowded);
  CHECK(crowded->status == 431);
  CHECK(crowded->body.find("\"error\"") != std::string::npos);
  // Invalid UTF-8 in a parameter is refused, never echoed.
  ExpectError("/api/search?q=jeugd%FF%FE", 400, "'q'");
  ExpectError("/api/search?q=jeugd&gemeente=%C3%28", 400, "'gemeente'");
  // Exported links never come from the Host header a client sends.
  auto ris =
      client.Get(("/api/documents/" + id + "?format=ris").c_str(), {{"Host", "evil.example"}});
  REQUIRE(ris);
  CHECK(ris->status == 200);
  CHECK(ris->body.find("evil.example") == std::string::npos);
  CHECK(ris->body.find("http://127.0.0.1:") != std::string::npos);
}

TEST_CASE("organisations are a facet and a filter; undated documents are counted, not dropped") {
  json all = Search("size=1");
  REQUIRE(all["facets"]["organisatie"].is_array());
  REQUIRE(!all["facets"]["organisatie"].empty());
  // The news items of the corpus name their publisher (through the site they link to).
  const auto organisations = FacetMap(all["facets"]["organisatie"]);
  REQUIRE(organisations.count("NOS") == 1);
  json nos = Search("organisatie=NOS&facets=0&size=100");
  CHECK(nos["total"].get<std::uint64_t>() == organisations.at("NOS"));
  CHECK(Search("organisatie=nos&facets=0")["total"] == nos["total"]);  // the slug works too
  // Undated documents: counted in the facets, and a year filter says how many it leaves out.
  const std::uint64_t unknown = all["facets"]["year_unknown"];
  CHECK(unknown > 0);
  json recent = Search("year_from=2019&year_to=2019&facets=0");
  json with_undated = Search("year_from=2019&year_to=2019&undated=1&facets=0");
  CHECK(recent["undated_left_out"].get<std::uint64_t>() == unknown);
  CHECK(with_undated["total"].get<std::uint64_t>() ==
        recent["total"].get<std::uint64_t>() + unknown);
  CHECK(with_undated["undated_left_out"] == 0);
  // With a query, only the matching undated documents are counted.
  json query = Search("q=jeugdhulp&year_from=2019&year_to=2019&facets=0");
  json query_undated = Search("q=jeugdhulp&year_from=2019&year_to=2019&undated=1&facets=0");
  CHECK(query_undated["total"].get<std::uint64_t>() ==
        query["total"].get<std::uint64_t>() + query["undated_left_out"].get<std::uint64_t>());
}

TEST_CASE("ouderen means the elderly: no old things highlighted") {
  // The result is held in a variable: a range-for over Search(...)["hits"] walks a temporary
  // that is already destroyed (AddressSanitizer: heap-use-after-free).
  const json result = Search("q=ouderen&size=100&facets=0");
  for (const json& hit : result["hits"]) {
    const std::string snippet = hit["snippet"];
    INFO(snippet);
    for (const char* wrong : {"<mark>oude</mark>", "<mark>Oude</mark>", "<mark>oud</mark>",
                              "<mark>ouders</mark>", "<mark>Oud</mark>"}) {
      CHECK(snippet.find(wrong) == std::string::npos);
    }
  }
}

TEST_CASE("snippets escape markup found in a document") {
  json body = Search("q=xsstestwoord");
  REQUIRE(body["total"].get<int>() >= 1);
  const std::string snippet = body["hits"][0]["snippet"];
  CHECK(snippet.find("<script>") == std::string::npos);
  CHECK(snippet.find("&lt;script&gt;") != std::string::npos);
  CHECK(snippet.find("3 &lt; 4 &amp; 5 &gt; 2") != std::string::npos);
  CHECK(snippet.find("<mark>xsstestwoord</mark>") != std::string::npos);
}

TEST_CASE("a misspelled query is corrected and the corrected query's results are shown") {
  for (const auto& [wrong, right] : std::vector<std::pair<std::string, std::string>>{
           {"jeugdhlup", "jeugdhulp"}, {"eenzaamhied", "eenzaamheid"}}) {
    json body = Search("q=" + wrong);
    CHECK(body["corrected_query"] == right);
    CHECK(body["showing_corrected"] == true);
    CHECK(body["total"] == Search("q=" + right)["total"]);
    CHECK(body["hits"][0]["snippet"].get<std::string>().find("<mark>") != std::string::npos);
  }
  json filtered = Search("q=jeugdhlup&provincie=Groningen");
  CHECK(filtered["corrected_query"] == "jeugdhulp");
  CHECK(filtered["total"].get<int>() > 0);
  // One misspelled word among good ones: the original finds documents (through the good word)
  // but none with all its words; the correction does, so its results are shown.
  json two = Search("q=eenzaamheid%20oudren");
  CHECK(two["corrected_query"] == "eenzaamheid ouderen");
  CHECK(two["showing_corrected"] == true);
  CHECK(two["all_words_total"].get<int>() > 0);
  // spell=0: the words as typed, the correction still offered.
  json as_typed = Search("q=eenzaamheid%20oudren&spell=0");
  CHECK(as_typed["corrected_query"] == "eenzaamheid ouderen");
  CHECK(as_typed["showing_corrected"] == false);
  CHECK(as_typed["partial"] == true);
}

TEST_CASE("a document with its pages, similar documents and its original file") {
  json hit = Search("q=eenzaamheid&size=1")["hits"][0];
  const std::string id = hit["id"];
  auto client = Client();
  auto r = GetJson(client, "/api/documents/" + id);
  REQUIRE(r.status == 200);
  CHECK(r.body["id"] == id);
  CHECK(r.body["title"] == hit["title"]);
  REQUIRE(!r.body["pages"].empty());
  CHECK(r.body["pages"][0]["number"] == 1);
  CHECK(!r.body.contains("path"));  // server paths stay on the server
  const json& similar = r.body["similar"];
  CHECK(!similar.empty());
  CHECK(similar.size() <= 10);
  for (const auto& s : similar) {
    CHECK(s["id"] != id);
    CHECK(GetJson(client, "/api/documents/" + s["id"].get<std::string>()).status == 200);
  }
  auto file = client.Get(("/api/documents/" + id + "/file").c_str());
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->body.size() == r.body["size"].get<size_t>());

  // A PDF comes with its content type.
  const json jeugdhulp = Search("q=jeugdhulp&size=50");  // held, not walked as a temporary
  for (const auto& h : jeugdhulp["hits"]) {
    if (h["url"].get<std::string>().find("#page=") == std::string::npos) continue;
    auto pdf = client.Get(("/api/documents/" + h["id"].get<std::string>() + "/file").c_str());
    REQUIRE(pdf);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(pdf->body.rfind("%PDF", 0) == 0);
    break;
  }
}

TEST_CASE("suggestions complete words from the index and names of themes and regions") {
  auto client = Client();
  auto r = GetJson(client, "/api/suggest?q=jeugd");
  REQUIRE(r.status == 200);
  std::set<std::string> texts;
  for (const auto& s : r.body["suggestions"]) texts.insert(s["text"]);
  CHECK(texts.count("jeugdhulp") == 1);
  r = GetJson(client, "/api/suggest?q=gronin");
  bool provincie = false;
  for (const auto& s : r.body["suggestions"]) {
    provincie = provincie || (s["type"] == "provincie" && s["value"] == "Groningen");
  }
  CHECK(provincie);
  r = GetJson(client, "/api/suggest?q=armoede%20en%20schuld");
  bool completed = false;
  for (const auto& s : r.body["suggestions"]) {
    completed = completed || s["text"].get<std::string>().rfind("armoede en schuld", 0) == 0;
  }
  CHECK(completed);
}

TEST_CASE("health, metrics and the web page") {
  auto client = Client();
  auto health = GetJson(client, "/api/health");
  REQUIRE(health.status == 200);
  CHECK(health.body["documents"].get<int>() >= 283);
  CHECK(health.body["schema_version"] == std::string(kb::schema::kSchemaVersion));
  CHECK(!health.body["last_update"].get<std::string>().empty());
  // The indexer's last run: finished, with every file done; the corpus's unreadable files.
  CHECK(health.body["indexer"]["state"] == "finished");
  CHECK(health.body["indexer"]["files_done"] == health.body["indexer"]["files_total"]);
  std::uint64_t failed = 0;  // the index's own record of unreadable files
  {
    Xapian::Database index(Shared().db.string());
    for (auto key = index.metadata_keys_begin("kb.failed");
         key != index.metadata_keys_end("kb.failed"); ++key) {
      ++failed;
    }
  }
  CHECK(health.body["failed_files"].get<std::uint64_t>() == failed);
  (void)Search("q=jeugdhulp");
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK(metrics->body.find("kb_http_requests_total{route=\"/api/search\",status=\"200\"}") !=
        std::string::npos);
  CHECK(metrics->body.find(
            "kb_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"}") !=
        std::string::npos);
  CHECK(metrics->body.find("kb_index_documents ") != std::string::npos);
  CHECK(metrics->body.find("kb_index_last_update_timestamp_seconds 1") != std::string::npos);
  CHECK(metrics->body.find("\nkb_indexer_running 0\n") != std::string::npos);
  CHECK(metrics->body.find("\nkb_index_failed_files ") != std::string::npos);
  CHECK(metrics->body.find("kb_build_info{version=\"" + std::string(kb::kVersion) + "\"} 1") !=
        std::string::npos);
  for (const char* name :
       {"process_cpu_seconds_total ", "process_resident_memory_bytes ",
        "process_start_time_seconds ", "process_open_fds ", "process_max_fds "}) {
    INFO(name);
    CHECK(metrics->body.find(std::string("\n") + name) != std::string::npos);
  }
  // Prometheus' own linter accepts the page (Debian: prometheus).
  {
    kb::test::TempDir dir;
    std::ofstream(dir.path() / "metrics.txt") << metrics->body;
    auto lint = kb::test::Run(
        {"/bin/sh", "-c",
         "promtool check metrics < '" + (dir.path() / "metrics.txt").string() + "' 2>&1"});
    INFO(lint.out);
    CHECK(lint.exit_code == 0);
  }
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<html") != std::string::npos);
}

TEST_CASE("the catalog gives the page its theme and kind names and the files it may upload") {
  auto client = Client();
  auto catalog = GetJson(client, "/api/catalog");
  REQUIRE(catalog.status == 200);
  std::map<std::string, std::string> themes;
  for (const auto& t : catalog.body["themes"]) themes[t["slug"]] = t["name"];
  CHECK(themes.size() > 20);
  CHECK(themes["armoede-en-schulden"] == "Armoede en schulden");
  std::vector<std::string> kinds;
  for (const auto& k : catalog.body["kinds"]) {
    kinds.push_back(k["value"]);
    CHECK(!k["label"].get<std::string>().empty());
  }
  CHECK(kinds ==
        std::vector<std::string>(std::begin(kb::schema::kKinds), std::end(kb::schema::kKinds)));
  std::map<std::string, std::string> evidence;
  for (const auto& e : catalog.body["evidence"]) evidence[e["value"]] = e["label"];
  CHECK(evidence.size() == std::size(kb::schema::kEvidenceTypes));
  for (const std::string_view type : kb::schema::kEvidenceTypes) {
    CHECK(!evidence[std::string(type)].empty());
  }
  CHECK(evidence["monitor-cijfers"] == "Monitor en cijfers");
  const auto& extensions = catalog.body["extensions"];
  CHECK(std::find(extensions.begin(), extensions.end(), ".pdf") != extensions.end());
  ExpectError("/api/catalog?taal=en", 400, "'taal'");
}

TEST_CASE("an error names its parameter apart, with a code for the kind of problem") {
  auto client = Client();
  const struct {
    const char* target;
    const char* param;
    const char* code;
  } cases[] = {
      {"/api/search?q=jeugd&colour=red", "colour", "unknown_parameter"},
      {"/api/search?q=jeugd&page=5000", "page", "out_of_range"},
      {"/api/search?q=jeugd&page=abc", "page", "invalid_value"},
      {"/api/search?q=a&q=b", "q", "repeated_parameter"},
      {"/api/search?theme=onbekend", "theme", "invalid_value"},
      {"/api/search?evidence=rapport", "evidence", "invalid_value"},
      {"/api/health?verbose=1", "verbose", "unknown_parameter"},
      {"/api/documents/not-an-id", "id", "invalid_value"},
  };
  for (const auto& c : cases) {
    auto r = GetJson(client, c.target);
    INFO(c.target << " -> " << r.body.dump());
    CHECK(r.status == 400);
    CHECK(r.body["error"]["param"] == c.param);
    CHECK(r.body["error"]["code"] == c.code);
  }
  // Errors about no parameter carry none.
  auto missing = GetJson(client, "/api/documents/0123456789abcdef");
  CHECK(missing.status == 404);
  CHECK_FALSE(missing.body["error"].contains("param"));
}

TEST_CASE("bad input gets a 4xx with a JSON error naming the parameter") {
  ExpectError("/api/search?q=jeugd&colour=red", 400, "'colour': onbekend");
  ExpectError("/api/search?q=jeugd%20AND", 400, "'q'");
  ExpectError("/api/search?q=jeugd&page=0", 400, "'page'");
  ExpectError("/api/search?q=jeugd&page=abc", 400, "'page'");
  ExpectError("/api/search?q=jeugd&page=5000", 400, "'page'");
  ExpectError("/api/search?q=jeugd&size=tien", 400, "'size'");
  ExpectError("/api/search?theme=onbekend", 400, "'theme'");
  ExpectError("/api/search?provincie=Atlantis", 400, "'provincie'");
  ExpectError("/api/search?gemeente=Atlantis", 400, "'gemeente'");
  ExpectError("/api/search?kind=roman", 400, "'kind'");
  ExpectError("/api/search?evidence=rapport", 400, "'evidence': 'rapport' is geen soort kennis");
  ExpectError("/api/search?language=NL", 400, "'language': 'NL' is geen taalcode");
  ExpectError("/api/search?year_from=2020&year_to=2010", 400, "'year_from': is later dan");
  ExpectError("/api/search?year_from=twintig", 400, "'year_from'");
  ExpectError("/api/search?sort=random", 400, "'sort'");
  ExpectError("/api/search?q=a&q=b", 400, "'q'");
  ExpectError("/api/documents/not-an-id", 400, "'id'");
  ExpectError("/api/documents/0123456789abcdef", 404, "'0123456789abcdef' staat niet in de index");
  ExpectError("/api/documents/0123456789abcdef/file", 404, "0123456789abcdef");
  ExpectError("/api/nothing-here", 404, "GET /api/nothing-here");
  ExpectError("/api/suggest?q=jeugd&limit=3", 400, "'limit'");

  auto client = Client();
  // A path from the request never reaches the file system.
  auto traversal = client.Get("/api/documents/..%2F..%2Fetc%2Fpasswd/file");
  REQUIRE(traversal);
  CHECK((traversal->status == 400 || traversal->status == 404));
  CHECK(traversal->body.find("root:") == std::string::npos);
  CHECK(json::parse(traversal->body, nullptr, false).contains("error"));

  auto post = client.Post("/api/search", "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 405);
  const std::string big(200 * 1024, 'x');
  auto too_big = client.Post("/api/search", big, "text/plain");
  REQUIRE(too_big);
  CHECK(too_big->status == 413);
  CHECK(json::parse(too_big->body)["error"]["code"] == "payload_too_large");
}

TEST_CASE("every error of the public API is Dutch and names the parameter or route") {
  struct Case {
    std::string method;
    std::string target;
    int status;
    std::string names;  // the parameter, value or route the message must name
    std::string dutch;  // a Dutch phrase that says what is wrong or what to do
    std::string body;
  };
  const std::vector<Case> cases = {
      {"GET", "/api/search?q=jeugd&colour=red", 400, "'colour'", "onbekend", ""},
      {"GET", "/api/search?gemeente=Xyz", 400, "'gemeente'", "onbekende waarde 'Xyz'", ""},
      {"GET", "/api/search?year_from=2020&year_to=2010", 400, "'year_from'", "later dan", ""},
      {"GET", "/api/search?q=jeugd&page=5000", 400, "'page'", "tot en met 1000", ""},
      {"GET", "/api/search?q=jeugd&sort=random", 400, "'sort'",
       "moet 'relevance', 'date' of 'added'", ""},
      {"GET", "/api/search?q=a&q=b", 400, "'q'", "meer dan één keer", ""},
      {"GET", "/api/search?q=" + std::string(1001, 'a'), 400, "'q'", "langer dan 1000", ""},
      {"GET", "/api/suggest?q=" + std::string(201, 'a'), 400, "'q'", "langer dan 200", ""},
      {"GET", "/api/search?q=jeugd&format=xml", 400, "'format'",
       "kies ris, bibtex, csv, apa of atom", ""},
      {"GET", "/api/health?verbose=1", 400, "'verbose'", "geen parameters", ""},
      {"GET", "/api/documents/not-an-id", 400, "'id'", "geen document-id", ""},
      {"GET", "/api/documents/0123456789abcdef", 404, "0123456789abcdef", "staat niet in de index",
       ""},
      {"GET", "/api/documents/0123456789abcdef/file", 404, "0123456789abcdef",
       "staat niet in de index", ""},
      {"GET", "/api/nothing-here", 404, "/api/nothing-here", "onbekende route", ""},
      // The answer lists the route table, /metrics included (a hand-written list had missed it).
      {"GET", "/api/nothing-here", 404, "/metrics", "/api/documents/{id}/file", ""},
      {"POST", "/api/search", 405, "/api/search", "niet toegestaan", "{}"},
      {"POST", "/api/search", 413, "body", "te groot", std::string(200 * 1024, 'x')},
  };
  // Words and phrases of the English messages these replaced.
  const std::vector<std::string> english = {
      "unknown",     "must",      "not in the index", "no such", "is not", "cannot",
      "longer than", "more than", "allowed",          "use ",    " the ",  "please",
      "given",       "only '"};
  auto client = Client();
  for (const Case& c : cases) {
    auto r = c.method == "GET" ? client.Get(c.target.c_str())
                               : client.Post(c.target.c_str(), c.body, "text/plain");
    REQUIRE(r);
    INFO(c.method << " " << c.target.substr(0, 80) << " -> " << r->status << " " << r->body);
    CHECK(r->status == c.status);
    CHECK(r->get_header_value("Content-Type").find("application/json") == 0);
    const json body = json::parse(r->body, nullptr, false);
    REQUIRE(body.is_object());
    REQUIRE(body.contains("error"));
    CHECK(body["error"]["code"].is_string());
    const std::string message = body["error"]["message"].get<std::string>();
    CHECK(message.find(c.names) != std::string::npos);
    CHECK(message.find(c.dutch) != std::string::npos);
    std::string lower = message;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const std::string& word : english) {
      INFO("English: " << word);
      CHECK(lower.find(word) == std::string::npos);
    }
  }
}

TEST_CASE("the kb-searchd binary serves an index and refuses what is not one") {
  auto version = kb::test::Run({KB_SEARCHD, "--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.starts_with("kb-searchd "));
  CHECK(kb::test::Run({KB_SEARCHD, "--no-such-option"}).exit_code == 2);
  // Shards: a wrong address, or shards and --db together, are usage errors that say so.
  auto bad_shard = kb::test::Run({KB_SEARCHD, "--shard", "shardhost", "--listen", "127.0.0.1:0"});
  CHECK(bad_shard.exit_code == 2);
  CHECK(bad_shard.err.find("--shard 'shardhost' is not host:port") != std::string::npos);
  auto both = kb::test::Run({KB_SEARCHD, "--db", "x", "--shard", "127.0.0.1:7700"});
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("excludes") != std::string::npos);
  auto neither = kb::test::Run({KB_SEARCHD, "--listen", "127.0.0.1:0"});
  CHECK(neither.exit_code == 2);
  CHECK(neither.err.find("--shard HOST:PORT") != std::string::npos);
  // No shard answers: a clear error naming the shard, not a server without an index.
  auto none = kb::test::Run(
      {KB_SEARCHD, "--shard", "127.0.0.1:1", "--shard-timeout", "500", "--listen", "127.0.0.1:0"});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("127.0.0.1:1") != std::string::npos);
  kb::test::TempDir dir;
  {
    kb::test::Child bad({KB_SEARCHD, "--db", dir.path().string(), "--listen", "127.0.0.1:0"},
                        dir.path() / "bad.log");
    CHECK(bad.Wait() != 0);
  }
  const std::string message = kb::test::ReadFile(dir.path() / "bad.log");
  CHECK(message.find("kb-indexer") != std::string::npos);

  const int port = kb::test::FreePort();
  kb::test::Child daemon({KB_SEARCHD, "--db", Shared().db.string(), "--listen",
                          "127.0.0.1:" + std::to_string(port), "--threads", "2"},
                         dir.path() / "daemon.log");
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  int waited = 0;
  auto health = client.Get("/api/health");
  while (!health && waited++ < 100) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    health = client.Get("/api/health");
  }
  REQUIRE(health);
  CHECK(health->status == 200);
  auto search = client.Get("/api/search?q=eenzaamheid&provincie=Drenthe");
  INFO(kb::test::ReadFile(dir.path() / "daemon.log"));
  REQUIRE(search);
  CHECK(search->status == 200);
  // Every answer carries its request id; a proxy's own id is kept.
  const std::string id = search->get_header_value("X-Request-Id");
  CHECK_FALSE(id.empty());
  auto proxied = client.Get("/api/health", {{"X-Request-Id", "nginx-7f3a"}});
  REQUIRE(proxied);
  CHECK(proxied->get_header_value("X-Request-Id") == "nginx-7f3a");
  auto forged = client.Get("/api/health", {{"X-Request-Id", "a b\"c"}});
  REQUIRE(forged);
  CHECK(forged->get_header_value("X-Request-Id") != "a b\"c");
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  // The access log: time, client, method and target, route, status, bytes, duration, id.
  const std::string log = kb::test::ReadFile(dir.path() / "daemon.log");
  const std::size_t line =
      log.find("\"GET /api/search?q=eenzaamheid&provincie=Drenthe\" /api/search 200 ");
  REQUIRE(line != std::string::npos);
  const std::size_t start = log.rfind('\n', line) + 1;
  CHECK(log.substr(start, 2) == "20");  // "2026-12-07T..."
  CHECK(log.substr(start + 10, 1) == "T");
  CHECK(log.find("id=" + id, line) != std::string::npos);
  CHECK(log.find("\"GET /api/health\" /api/health 200 ") != std::string::npos);
  CHECK(log.find("id=nginx-7f3a") != std::string::npos);

  // --log-format json: one object per line with the same fields.
  const int json_port = kb::test::FreePort();
  {
    kb::test::Child json_daemon({KB_SEARCHD, "--db", Shared().db.string(), "--listen",
                                 "127.0.0.1:" + std::to_string(json_port), "--log-format", "json"},
                                dir.path() / "json.log");
    httplib::Client json_client("127.0.0.1", json_port);
    auto answer = json_client.Get("/api/health");
    for (int i = 0; !answer && i < 100; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      answer = json_client.Get("/api/health");
    }
    REQUIRE(answer);
    json_daemon.Signal(SIGTERM);
    CHECK(json_daemon.Wait() == 0);
  }
  bool found = false;
  std::istringstream lines(kb::test::ReadFile(dir.path() / "json.log"));
  for (std::string text; std::getline(lines, text);) {
    if (!text.starts_with("{")) continue;
    const json entry = json::parse(text);
    found = true;
    CHECK(entry["method"] == "GET");
    CHECK(entry["route"] == "/api/health");
    CHECK(entry["status"] == 200);
    CHECK(entry["bytes"].get<int>() > 0);
    CHECK(entry["ms"].get<double>() >= 0);
    CHECK(entry["time"].get<std::string>().ends_with("Z"));
    CHECK_FALSE(entry["id"].get<std::string>().empty());
  }
  CHECK(found);
}

TEST_CASE("a question's words that stand together outrank the same words scattered") {
  // Two articles with the same words, as in two articles of one law section; the scattered one
  // even holds "bijstand" once more, so without the proximity bonus it would rank first.
  kb::test::TempDir dir;
  const fs::path extra = dir.path() / "extra";
  kb::test::WriteFile(extra / "bij-elkaar.txt",
                      "Regeling Oost\n\n"
                      "Het college verlaagt de bijstand als iemand zijn verplichtingen niet "
                      "nakomt. Daarbij let de gemeente op de omstandigheden van het gezin, op de "
                      "hoogte van het vermogen en op wat de aanvrager zelf kan doen.\n");
  kb::test::WriteFile(extra / "verspreid.txt",
                      "Regeling West\n\n"
                      "Het college let op de omstandigheden van het gezin, op de hoogte van het "
                      "vermogen en op wat de aanvrager zelf kan doen. De gemeente verlaagt, als "
                      "iemand zijn verplichtingen niet nakomt en daar geen goede reden voor "
                      "heeft, pas na een gesprek de bijstand. Zo blijft de bijstand eerlijk.\n");
  const fs::path db = dir.path() / "index";
  kb::test::RunIndexer(db, {fs::path(KB_SOURCE_DIR) / "corpus" / "sample", extra},
                       dir.path() / "indexer.log");
  kb::test::InProcessServer server(db);
  auto client = server.Client();
  auto r =
      GetJson(client, "/api/search?q=" + EncodeUrl("Wanneer verlaagt het college de bijstand?"));
  INFO(r.body.dump().substr(0, 800));
  REQUIRE(r.status == 200);
  REQUIRE(r.body["total"].get<int>() >= 2);
  CHECK(r.body["hits"][0]["title"] == "Regeling Oost");
  CHECK(r.body["hits"][1]["title"] == "Regeling West");
}

TEST_CASE("an e-mail's attachment is found, opened and linked to its message, and back") {
  kb::test::TempDir dir;
  const fs::path message = dir.path() / "docs/post/verslag.eml";
  fs::create_directories(message.parent_path());
  fs::copy_file(fs::path(KB_SOURCE_DIR) / "tests/indexer/data/email/verslag-vroegsignalering.eml",
                message);
  const fs::path db = dir.path() / "index";
  kb::test::RunIndexer(db, {dir.path() / "docs"}, dir.path() / "indexer.log");
  kb::test::InProcessServer server(db);
  auto client = server.Client();
  const std::string message_id = kb::DocumentIdForPath(message.string());

  // The text attachment: found by its own words, as a document of its own.
  const auto found = GetJson(client, "/api/search?q=budgetcoach");
  REQUIRE(found.status == 200);
  REQUIRE(found.body["total"] == 1);
  const json& hit = found.body["hits"][0];
  CHECK(hit["id"] != message_id);
  CHECK(hit["attachment_of"]["id"] == message_id);
  CHECK(hit["attachment_of"]["title"] == "Verslag overleg vroegsignalering schulden Deventer");
  // Its file is the attachment itself, as the message carried it.
  auto file = client.Get(hit["url"].get<std::string>());
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->body == "Actiepunten: huisbezoeken plannen, budgetcoach inzetten.\n");
  // Under the name the message gave it.
  CHECK(file->get_header_value("Content-Disposition") == "inline; filename=\"actiepunten.txt\"");

  // The message lists its attachments; each one names the message.
  const auto mail = GetJson(client, "/api/documents/" + message_id);
  REQUIRE(mail.status == 200);
  CHECK(mail.body["attachment_of"].is_null());
  REQUIRE(mail.body["attachments"].size() == 2);
  std::set<std::string> formats;
  for (const json& a : mail.body["attachments"]) {
    formats.insert(a["format"].get<std::string>());
    const auto attachment = GetJson(client, "/api/documents/" + a["id"].get<std::string>());
    REQUIRE(attachment.status == 200);
    CHECK(attachment.body["attachment_of"]["id"] == message_id);
    CHECK(attachment.body["attachments"].empty());
    auto bytes = client.Get(a["url"].get<std::string>());
    REQUIRE(bytes);
    CHECK(bytes->status == 200);
    if (a["format"] == "docx") CHECK(bytes->body.rfind("PK", 0) == 0);  // the Word file itself
  }
  CHECK(formats == std::set<std::string>{"docx", "text"});
  // The Word attachment's words find it, not the message (which only names it).
  const auto word = GetJson(client, "/api/search?q=" + EncodeUrl("wijkteams Zwolle"));
  REQUIRE(word.body["total"].get<int>() >= 1);
  CHECK(word.body["hits"][0]["attachment_of"]["id"] == message_id);
}
