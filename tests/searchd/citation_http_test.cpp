// Citation exports over real HTTP: format=ris|bibtex|csv on /api/search and /api/documents/{id},
// on a small index that the real kb-indexer builds from three Markdown files.
#include <string>
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
  CHECK(bib.find("@techreport{") != std::string::npos);
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
    const auto rows = kb::test::ParseCsv(res->body);
    REQUIRE(rows.size() == hits.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"id", "title", "kind", "year", "date", "themes",
                                              "gemeenten", "provincies", "url", "page", "passage"});
    for (size_t i = 0; i < hits.size(); ++i) {
      REQUIRE(rows[i + 1].size() == 11);
      CHECK(rows[i + 1][0] == hits[i]["id"]);
      CHECK(rows[i + 1][1] == hits[i]["title"]);
      CHECK(rows[i + 1][2] == hits[i]["kind"]);
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
