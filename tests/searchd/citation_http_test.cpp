// Citation exports, feeds and the HTTP conventions over real HTTP: format=ris|bibtex|csv|atom on
// /api/search and /api/documents/{id}, the sitemap, OpenSearch, citation meta tags, ETags, CORS
// and gzip, on a small index that the real kb-indexer builds from three Markdown files.
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "csv_reader.h"
#include "searchd_fixture.h"

namespace {

namespace fs = std::filesystem;
using kb::test::GetJson;
using nlohmann::json;

constexpr const char* kTitle = "Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân";

struct Fixture {
  kb::test::TempDir dir;
  std::unique_ptr<kb::test::InProcessServer> server;

  Fixture() {
    const fs::path docs = dir.path() / "docs";
    kb::test::WriteFile(docs / "samen-sterk.md",
                        std::string("# ") + kTitle +
                            "\n\nDatum: 3 mei 2019\n\n"
                            "Dit onderzoek evalueert de jeugdhulp van de wijkteams in de "
                            "gemeente Súdwest-Fryslân. Samenvatting, conclusies en "
                            "aanbevelingen voor de jeugdhulp volgen.\n");
    kb::test::WriteFile(docs / "wijkteams.md",
                        "# Wijkteams en jeugdhulp in Leeuwarden\n\n"
                        "Een kort artikel over jeugdhulp door wijkteams in Leeuwarden, "
                        "met 50% meer aanmeldingen & lange wachtlijsten.\n");
    kb::test::WriteFile(docs / "mantelzorg.md",
                        "# Mantelzorg in Assen\n\n"
                        "Een kort artikel over mantelzorgers in de gemeente Assen.\n");
    const fs::path db = dir.path() / "index";
    kb::test::RunIndexer(db, {docs}, dir.path() / "indexer.log");
    server = std::make_unique<kb::test::InProcessServer>(db);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

httplib::Client Client() { return Shared().server->Client(); }

std::string Origin() { return "http://127.0.0.1:" + std::to_string(Shared().server->port()); }

httplib::Result Get(const std::string& target) {
  auto client = Client();
  auto res = client.Get(target.c_str());
  REQUIRE(res);
  return res;
}

json SearchJson(const std::string& query) {
  auto client = Client();
  auto r = GetJson(client, "/api/search?" + query);
  REQUIRE(r.status == 200);
  return r.body;
}

std::string IdOfTitle(const std::string& title) {
  const json hits = SearchJson("size=100")["hits"];
  INFO(hits.dump());
  for (const auto& hit : hits) {
    if (hit["title"] == title) return hit["id"];
  }
  FAIL("no document titled " << title);
  return {};
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("format=ris on a document returns its RIS record as a download") {
  const std::string id = IdOfTitle(kTitle);
  auto res = Get("/api/documents/" + id + "?format=ris");
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/x-research-info-systems");
  CHECK(res->get_header_value("Content-Disposition") ==
        "attachment; filename=\"evaluatie-samen-sterk-jeugdhulp-in-sudwest-fryslan.ris\"");
  const std::string& ris = res->body;
  INFO(ris);
  CHECK(ris.rfind("TY  - RPRT\r\n", 0) == 0);
  CHECK(ris.find(std::string("TI  - ") + kTitle + "\r\n") != std::string::npos);
  CHECK(ris.find("PY  - 2019\r\n") != std::string::npos);
  CHECK(ris.find("DA  - 2019/05/03/\r\n") != std::string::npos);
  CHECK(ris.find("KW  - Súdwest-Fryslân\r\n") != std::string::npos);
  CHECK(ris.find("LA  - nl\r\n") != std::string::npos);
  CHECK(ris.find("UR  - " + Origin() + "/?doc=" + id + "\r\n") != std::string::npos);
  CHECK(ris.find("ER  - \r\n") == ris.size() - 8);
}

TEST_CASE("format=bibtex on a search exports one entry per hit") {
  const json hits = SearchJson("q=jeugdhulp")["hits"];
  REQUIRE(hits.size() == 2);
  auto res = Get("/api/search?q=jeugdhulp&format=bibtex");
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/x-bibtex");
  CHECK(res->get_header_value("Content-Disposition") ==
        "attachment; filename=\"zoekresultaten.bib\"");
  const std::string& bib = res->body;
  INFO(bib);
  CHECK(Count(bib, "\n@") + (bib.rfind("@", 0) == 0 ? 1 : 0) == hits.size());
  // Without an author or organisation a report cannot be a valid @techreport: a @misc.
  CHECK(bib.find("@misc{anon2019evaluatie_") != std::string::npos);
  CHECK(bib.find("title = {{Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân}}") !=
        std::string::npos);
  for (const auto& hit : hits) {
    CHECK(bib.find("url = {" + Origin() + "/?doc=" + hit["id"].get<std::string>() + "}") !=
          std::string::npos);
  }
}

TEST_CASE("format=csv on a search parses back to one row per hit") {
  const std::vector<std::string> queries = {"q=jeugdhulp", "size=100", "q=jeugdhulp&size=1"};
  for (const std::string& query : queries) {
    INFO(query);
    const json hits = SearchJson(query)["hits"];
    auto res = Get("/api/search?" + query + "&format=csv");
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    REQUIRE(res->body.rfind("\xEF\xBB\xBF", 0) == 0);  // a byte order mark for Excel
    const auto rows = kb::test::ParseCsv(res->body.substr(3));
    REQUIRE(rows.size() == hits.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"id", "title", "authors", "organisation", "kind",
                                              "evidence", "year", "date", "pages", "themes",
                                              "gemeenten", "provincies", "url", "page", "passage"});
    for (size_t i = 0; i < hits.size(); ++i) {
      REQUIRE(rows[i + 1].size() == 15);
      CHECK(rows[i + 1][0] == hits[i]["id"]);
      CHECK(rows[i + 1][1] == hits[i]["title"]);
      CHECK(rows[i + 1][4] == hits[i]["kind"]);
    }
  }
}

TEST_CASE("the web page's probe sees exports; format=json is the default") {
  auto probe = Get("/api/search?size=1&format=ris");
  CHECK(probe->status == 200);
  CHECK(probe->get_header_value("Content-Type").find("json") == std::string::npos);
  auto client = Client();
  CHECK(GetJson(client, "/api/search?q=jeugdhulp&format=json").body["hits"].size() == 2);
  const std::string id = IdOfTitle(kTitle);
  CHECK(GetJson(client, "/api/documents/" + id + "?format=json").body["id"] == id);
}

TEST_CASE("an unknown format is a 400 naming the parameter") {
  auto client = Client();
  const std::string id = IdOfTitle(kTitle);
  const std::vector<std::string> targets = {"/api/search?q=jeugdhulp&format=xml",
                                            "/api/documents/" + id + "?format=xml",
                                            "/api/search?format=ris&format=csv"};
  for (const std::string& target : targets) {
    INFO(target);
    auto r = GetJson(client, target);
    CHECK(r.status == 400);
    CHECK(r.content_type.find("application/json") == 0);
    CHECK(r.body["error"]["param"] == "format");
    CHECK(r.body["error"]["code"] ==
          (target.ends_with("format=csv") ? "repeated_parameter" : "invalid_value"));
    CHECK(r.body["error"]["message"].get<std::string>().find("parameter 'format'") !=
          std::string::npos);
  }
  // Other parameters of the document route are still refused.
  auto other = GetJson(client, "/api/documents/" + id + "?q=x");
  CHECK(other.status == 400);
  CHECK(other.body["error"]["message"].get<std::string>().find("'q'") != std::string::npos);
  auto missing = GetJson(client, "/api/documents/ffffffffffff?format=ris");
  CHECK(missing.status == 404);
}

TEST_CASE("an export holds every match, says how many, and each record is the document's own") {
  // One hit per page, but the export holds all of them.
  const json page = SearchJson("q=jeugdhulp&size=1");
  const std::uint64_t total = page["total"];
  REQUIRE(total == 2);
  auto res = Get("/api/search?q=jeugdhulp&format=ris");
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("X-Total-Count") == "2");
  CHECK(res->get_header_value("X-Export-Count") == "2");
  CHECK(Count(res->body, "TY  - ") == 2);
  // Each record equals the per-document export (authors included).
  const json hits = SearchJson("q=jeugdhulp")["hits"];  // kept: the loop must not outlive it
  for (const auto& hit : hits) {
    const std::string id = hit["id"];
    auto one = Get("/api/documents/" + id + "?format=ris");
    REQUIRE(one->status == 200);
    CHECK(res->body.find(one->body) != std::string::npos);
  }
  // `size` asks for fewer; past the most one export holds, it is clamped and the answer says so.
  auto one = Get("/api/search?q=jeugdhulp&format=ris&size=1");
  CHECK(one->get_header_value("X-Export-Count") == "1");
  CHECK(Count(one->body, "TY  - ") == 1);
  auto huge = Get("/api/search?q=jeugdhulp&format=ris&size=20000");
  CHECK(huge->status == 200);
  CHECK(huge->get_header_value("X-Export-Clamped").find("10000") != std::string::npos);
  // The JSON route says when it clamps `size` too.
  const json clamped = SearchJson("q=jeugdhulp&size=500");
  CHECK(clamped["size"] == 100);
  CHECK(clamped["notice"]["code"] == "clamped");
  CHECK(clamped["notice"]["param"] == "size");
  CHECK_FALSE(SearchJson("q=jeugdhulp&size=5").contains("notice"));
}

TEST_CASE("CSV with ';' for a Dutch Excel; separator only with format=csv") {
  auto res = Get("/api/search?q=jeugdhulp&format=csv&separator=semicolon");
  REQUIRE(res->status == 200);
  CHECK(res->body.rfind("\xEF\xBB\xBFid;title;authors;", 0) == 0);
  auto client = Client();
  for (const std::string target : {"/api/search?q=jeugdhulp&format=ris&separator=semicolon",
                                   "/api/search?q=jeugdhulp&format=csv&separator=tab"}) {
    INFO(target);
    auto r = GetJson(client, target);
    CHECK(r.status == 400);
    CHECK(r.body["error"]["param"] == "separator");
  }
}

TEST_CASE("format=atom: a feed of the search that a feed parser reads, newest first") {
  auto res = Get("/api/search?q=jeugdhulp&format=atom");
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
  const std::string& feed = res->body;
  INFO(feed);
  CHECK(feed.find("<feed xmlns=\"http://www.w3.org/2005/Atom\"") != std::string::npos);
  CHECK(Count(feed, "<entry>") == 2);
  CHECK(feed.find("<link rel=\"alternate\" type=\"text/html\" href=\"" + Origin() +
                  "/?q=jeugdhulp\"/>") != std::string::npos);
  // Every hit carries the time it was added, which sort=added orders by.
  const json hits = SearchJson("sort=added&size=100")["hits"];
  REQUIRE(hits.size() == 3);
  for (size_t i = 0; i < hits.size(); ++i) {
    REQUIRE(hits[i]["added"].is_string());
    if (i > 0)
      CHECK(hits[i - 1]["added"].get<std::string>() >= hits[i]["added"].get<std::string>());
  }
  auto client = Client();
  auto document = GetJson(client, "/api/documents/" + IdOfTitle(kTitle) + "?format=atom");
  CHECK(document.status == 400);
  CHECK(document.body["error"]["param"] == "format");
}

TEST_CASE("the sitemap lists every document page; OpenSearch names the search URLs") {
  auto sitemap = Get("/sitemap.xml");
  REQUIRE(sitemap->status == 200);
  CHECK(sitemap->get_header_value("Content-Type") == "application/xml; charset=utf-8");
  CHECK(Count(sitemap->body, "<url><loc>" + Origin() + "/?doc=") == 3);
  // The ids it lists are the documents' own, as /api/search gives them.
  std::set<std::string> listed;
  const std::string loc = "<loc>" + Origin() + "/?doc=";
  for (size_t at = sitemap->body.find(loc); at != std::string::npos;
       at = sitemap->body.find(loc, at + 1)) {
    const size_t begin = at + loc.size();
    listed.insert(sitemap->body.substr(begin, sitemap->body.find('<', begin) - begin));
  }
  std::set<std::string> searched;
  const json hits = SearchJson("size=100")["hits"];
  for (const auto& hit : hits) searched.insert(hit["id"]);
  CHECK(listed == searched);
  auto page = Get("/sitemap.xml?page=1");
  CHECK(page->body == sitemap->body);
  auto client = Client();
  CHECK(GetJson(client, "/sitemap.xml?page=2").status == 400);
  auto opensearch = Get("/opensearch.xml");
  REQUIRE(opensearch->status == 200);
  CHECK(opensearch->body.find("template=\"" + Origin() + "/?q={searchTerms}\"") !=
        std::string::npos);
}

TEST_CASE("a document page carries citation_* meta tags and COinS for reference managers") {
  const std::string id = IdOfTitle(kTitle);
  auto res = Get("/?doc=" + id);
  REQUIRE(res->status == 200);
  const std::string& html = res->body;
  INFO(html.substr(0, 3000));
  const size_t head_end = html.find("</head>");
  const size_t title = html.find("<meta name=\"citation_title\" content=\"Evaluatie &quot;Samen");
  REQUIRE(title != std::string::npos);
  CHECK(title < head_end);
  CHECK(html.find("<meta name=\"citation_publication_date\" content=\"2019/05/03\">") < head_end);
  CHECK(html.find("<span class=\"Z3988\" title=\"ctx_ver=Z39.88-2004") > head_end);
  // The JSON of the document carries the same tags, for the page to set when it opens it itself.
  auto client = Client();
  auto json_doc = GetJson(client, "/api/documents/" + id);
  REQUIRE(json_doc.status == 200);
  const json& tags = json_doc.body["citation"]["meta"];
  REQUIRE(tags.is_array());
  CHECK(tags[0]["name"] == "citation_title");
  CHECK(tags[0]["content"] == kTitle);
  CHECK(json_doc.body["citation"]["coins"].get<std::string>().rfind("ctx_ver=Z39.88-2004&", 0) ==
        0);
  // An unknown document gets the plain page (the script says it is missing).
  auto missing = Get("/?doc=ffffffffffffffff");
  CHECK(missing->status == 200);
  CHECK(missing->body.find("citation_title") == std::string::npos);
}

TEST_CASE("ETag from the index revision: 304 on If-None-Match, a new tag per request") {
  auto client = Client();
  auto first = client.Get("/api/search?q=jeugdhulp");
  REQUIRE(first);
  const std::string etag = first->get_header_value("ETag");
  REQUIRE(etag.rfind("W/\"", 0) == 0);
  CHECK(first->get_header_value("Cache-Control") == "public, no-cache");
  auto again = client.Get("/api/search?q=jeugdhulp", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  auto other = client.Get("/api/search?q=mantelzorg", {{"If-None-Match", etag}});
  REQUIRE(other);
  CHECK(other->status == 200);
  CHECK(other->get_header_value("ETag") != etag);
  // Live figures and errors are never cached.
  auto health = client.Get("/api/health");
  CHECK(health->get_header_value("Cache-Control") == "no-store");
  CHECK_FALSE(health->has_header("ETag"));
  auto bad = client.Get("/api/search?frobnicate=1");
  CHECK(bad->status == 400);
  CHECK(bad->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("CORS: GET from another origin, preflight with OPTIONS, never the editors' API") {
  auto client = Client();
  auto get = client.Get("/api/search?q=jeugdhulp", {{"Origin", "https://www.gemeente.nl"}});
  REQUIRE(get);
  CHECK(get->get_header_value("Access-Control-Allow-Origin") == "*");
  CHECK(get->get_header_value("Access-Control-Expose-Headers").find("X-Total-Count") !=
        std::string::npos);
  auto preflight = client.Options("/api/search",
                                  {{"Origin", "https://www.gemeente.nl"},
                                   {"Access-Control-Request-Method", "GET"},
                                   {"Access-Control-Request-Headers", "If-None-Match, X-Secret"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Methods") == "GET, HEAD");
  CHECK(preflight->get_header_value("Access-Control-Allow-Headers") == "if-none-match");
  CHECK(preflight->get_header_value_count("Access-Control-Allow-Origin") == 1);
  auto editors = client.Get("/api/editor/session", {{"Origin", "https://www.gemeente.nl"}});
  REQUIRE(editors);
  CHECK_FALSE(editors->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("gzip for JSON when asked; every text type names its charset") {
  auto client = Client();
  client.set_decompress(false);
  auto plain = client.Get("/api/search?size=100");
  REQUIRE(plain);
  REQUIRE(plain->body.size() >= 1024);
  CHECK_FALSE(plain->has_header("Content-Encoding"));
  CHECK(plain->get_header_value("Vary").find("Accept-Encoding") != std::string::npos);
  auto gzipped = client.Get("/api/search?size=100", {{"Accept-Encoding", "gzip"}});
  INFO(httplib::to_string(gzipped.error()));
  REQUIRE(gzipped);
  CHECK(gzipped->get_header_value("Content-Encoding") == "gzip");
  CHECK(gzipped->body.size() < plain->body.size() / 2);
  CHECK(gzipped->get_header_value("Content-Type") == "application/json; charset=utf-8");
  // httplib's own client decompresses it back to the same JSON.
  auto decoding = Client();
  auto decoded = decoding.Get("/api/search?size=100", {{"Accept-Encoding", "gzip"}});
  REQUIRE(decoded);
  CHECK(decoded->body == plain->body);
  // A document's original text file says its charset.
  const std::string id = IdOfTitle(kTitle);
  auto file = client.Get(("/api/documents/" + id + "/file").c_str());
  REQUIRE(file);
  CHECK(file->get_header_value("Content-Type") == "text/markdown; charset=utf-8");
}

TEST_CASE("sort=added: the newest document first; a changed file keeps the time it was added") {
  kb::test::TempDir dir;
  const fs::path docs = dir.path() / "docs";
  const fs::path db = dir.path() / "index";
  kb::test::WriteFile(docs / "eerste.md", "# Eerste rapport\n\nOver schulden in Assen.\n");
  kb::test::RunIndexer(db, {docs}, dir.path() / "indexer.log");
  // The slot holds seconds: the second document comes a second later.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  kb::test::WriteFile(docs / "tweede.md", "# Tweede rapport\n\nOver schulden in Emmen.\n");
  kb::test::RunIndexer(db, {docs}, dir.path() / "indexer.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  // Changing the first file re-indexes it, but it was not added anew.
  kb::test::WriteFile(docs / "eerste.md", "# Eerste rapport\n\nOver schulden in Assen, herzien.\n");
  kb::test::RunIndexer(db, {docs}, dir.path() / "indexer.log");
  kb::test::InProcessServer server(db);
  auto client = server.Client();
  auto r = GetJson(client, "/api/search?q=schulden&sort=added");
  REQUIRE(r.status == 200);
  const json hits = r.body["hits"];
  REQUIRE(hits.size() == 2);
  CHECK(hits[0]["title"] == "Tweede rapport");
  CHECK(hits[1]["title"] == "Eerste rapport");
  CHECK(hits[0]["added"].get<std::string>() > hits[1]["added"].get<std::string>());
  auto feed = client.Get("/api/search?q=schulden&format=atom");
  REQUIRE(feed);
  // A feed is newest first without being asked.
  CHECK(feed->body.find("Tweede rapport") < feed->body.find("Eerste rapport"));
}
