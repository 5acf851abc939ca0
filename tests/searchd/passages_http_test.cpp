// GET /api/passages over real HTTP on the index the real kb-indexer builds from
// ../shared/corpus/docs, measured on the question set of tests/passages (questions.tsv, written
// by the guidelines in QUESTIONS.md): how often a passage of an answer page comes first, in the
// first three, in the first five; and the same for a plain Xapian BM25 index of single pages
// (Dutch stemmer, default query parser), built here from the same pages, side by side.
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus_index.h"
#include "kb/core/fnv_hash.h"
#include "searchd_fixture.h"

namespace {

namespace fs = std::filesystem;
using kb::test::GetJson;
using nlohmann::json;

// What this test measured when it was written (BENCHMARKS.md §7); passages may only get better.
// Measured 0.472 / 0.623 / 0.623. Leaving the proximity bonus out of the passage query (the
// NEAR pairs: a tenth of the time on long questions) moved one answer into first place and
// another out of the top 5 (0.453 / 0.623 / 0.642 before; BENCHMARKS.md §7b). Session 13: a
// question's colon no longer makes the question field syntax (q50 had no answer at all):
// 0.472 / 0.642 / 0.642.
constexpr double kTop1Floor = 0.47;
constexpr double kTop3Floor = 0.64;
constexpr double kTop5Floor = 0.64;

const fs::path kDocs = fs::path(KB_SHARED_DIR) / "corpus" / "docs";

struct Question {
  std::string id, text, file;
  std::set<int> pages;
};

std::vector<Question> Questions() {
  std::ifstream in(fs::path(KB_SOURCE_DIR) / "tests" / "passages" / "questions.tsv");
  std::vector<Question> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, '\t');) cells.push_back(cell);
    if (cells.size() != 5) continue;
    Question q{cells[0], cells[1], cells[2], {}};
    std::stringstream pages(cells[3]);
    for (std::string page; std::getline(pages, page, ',');) q.pages.insert(std::stoi(page));
    out.push_back(std::move(q));
  }
  return out;
}

struct Fixture {
  kb::test::TempDir dir;
  std::unique_ptr<kb::test::InProcessServer> server;
  Fixture() {
    kb::test::CopyCorpusIndex(dir.path() / "index");  // kb-indexer's run over kDocs
    server = std::make_unique<kb::test::InProcessServer>(dir.path() / "index");
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

json Get(const std::string& target, int status = 200) {
  auto client = Shared().server->Client();
  auto r = GetJson(client, target);
  INFO(target << " -> " << r.body.dump().substr(0, 400));
  REQUIRE(r.status == status);
  return r.body;
}

std::string IdOf(const std::string& file) {
  return kb::DocumentIdForPath(fs::absolute(kDocs / file).lexically_normal().string());
}

// 1-based rank of the first (document, page) pair that answers, 0 when none of `ranked` does.
int RankOf(const std::vector<std::pair<std::string, int>>& ranked, const Question& q) {
  const std::string id = IdOf(q.file);
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (ranked[i].first == id && q.pages.count(ranked[i].second)) return static_cast<int>(i + 1);
  }
  return 0;
}

struct Figures {
  int top1 = 0, top3 = 0, top5 = 0, n = 0;
  void Add(int rank) {
    ++n;
    top1 += rank == 1;
    top3 += rank >= 1 && rank <= 3;
    top5 += rank >= 1 && rank <= 5;
  }
  double Share(int k) const { return static_cast<double>(k) / n; }
};

// A plain page-level BM25 index of every page the documents' API shows.
class PageBaseline {
 public:
  explicit PageBaseline(const fs::path& dir) : db_(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE) {
    Xapian::TermGenerator terms;
    terms.set_stemmer(Xapian::Stem("dutch"));
    const int total = Get("/api/search?size=1&facets=0")["total"];
    for (int page = 1; (page - 1) * 100 < total; ++page) {
      const json hits = Get("/api/search?size=100&facets=0&page=" + std::to_string(page))["hits"];
      for (const auto& hit : hits) {
        const json doc = Get("/api/documents/" + hit["id"].get<std::string>());
        for (const auto& p : doc["pages"]) {
          Xapian::Document d;
          terms.set_document(d);
          terms.index_text(p["text"].get<std::string>());
          d.set_data(hit["id"].get<std::string>() + "\t" + std::to_string(p["number"].get<int>()));
          db_.add_document(d);
        }
      }
    }
    db_.commit();
  }
  std::vector<std::pair<std::string, int>> Search(const std::string& text) {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("dutch"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(db_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser.parse_query(text));
    std::vector<std::pair<std::string, int>> out;
    const Xapian::MSet mset = enquire.get_mset(0, 5);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const size_t tab = data.find('\t');
      out.emplace_back(data.substr(0, tab), std::stoi(data.substr(tab + 1)));
    }
    return out;
  }

 private:
  Xapian::WritableDatabase db_;
};

}  // namespace

TEST_CASE("passages answer the question set better than the floors; a page index beside them") {
  const std::vector<Question> questions = Questions();
  REQUIRE(questions.size() >= 40);
  PageBaseline baseline(Shared().dir.path() / "pages");
  Figures ours, pages;
  for (const Question& q : questions) {
    std::vector<std::pair<std::string, int>> ranked;
    const json found = Get("/api/passages?size=5&q=" + kb::test::EncodeUrl(q.text))["passages"];
    for (const auto& p : found) {
      ranked.emplace_back(p["id"].get<std::string>(), p["page"].get<int>());
    }
    const int rank = RankOf(ranked, q);
    ours.Add(rank);
    pages.Add(RankOf(baseline.Search(q.text), q));
    if (rank == 0) std::cout << "  missed " << q.id << ": " << q.text << "\n";
  }
  std::cout << "passages:      top1 " << ours.Share(ours.top1) << " top3 " << ours.Share(ours.top3)
            << " top5 " << ours.Share(ours.top5) << " (" << ours.n << " questions)\n"
            << "page BM25:     top1 " << pages.Share(pages.top1) << " top3 "
            << pages.Share(pages.top3) << " top5 " << pages.Share(pages.top5) << "\n";
  CHECK(ours.Share(ours.top1) >= kTop1Floor);
  CHECK(ours.Share(ours.top3) >= kTop3Floor);
  CHECK(ours.Share(ours.top5) >= kTop5Floor);
}

TEST_CASE("a passage is escaped, marks the query's words and cites its page and section") {
  const json body =
      Get("/api/passages?size=5&q=" + kb::test::EncodeUrl("kosten van schuldenproblematiek"));
  const json& passages = body["passages"];
  REQUIRE(passages.size() == 5);
  std::map<std::string, int> in_first_five;
  for (const auto& p : passages) {
    ++in_first_five[p["id"].get<std::string>()];
    const std::string text = p["text"];
    CHECK(text.find("<mark>") != std::string::npos);
    std::string without_marks = text;
    for (const std::string tag : {"<mark>", "</mark>"}) {
      for (size_t at; (at = without_marks.find(tag)) != std::string::npos;) {
        without_marks.erase(at, tag.size());
      }
    }
    CHECK(without_marks.find('<') == std::string::npos);
    CHECK(p["page"].get<int>() >= 1);
    CHECK(p["id"].get<std::string>().size() == 16);
    CHECK((p["role"] == "findings" || p["role"] == "body" || p["role"] == "appendix"));
  }
  // One report cannot fill the answer.
  for (const auto& [id, count] : in_first_five) CHECK(count <= 2);
}

TEST_CASE(
    "a phrase finds passages of the documents that hold it, though passages keep no "
    "positions") {
  // The passage index has no positions (its size and indexing time); a phrase is matched by
  // the documents, and their passages by its words.
  for (const std::string q : {"\"maatschappelijke kosten\"", "\"huiselijk geweld\" NOT corona",
                              "\"eigen bijdrage\" OR mantelzorg*"}) {
    INFO(q);
    const json search = Get("/api/search?size=50&q=" + kb::test::EncodeUrl(q));
    REQUIRE(search["total"].get<int>() > 0);
    std::set<std::string> documents;
    for (const auto& h : search["hits"]) documents.insert(h["id"].get<std::string>());
    const json body = Get("/api/passages?size=10&q=" + kb::test::EncodeUrl(q));
    REQUIRE_FALSE(body["passages"].empty());
    for (const auto& p : body["passages"]) {
      CHECK(documents.count(p["id"].get<std::string>()) == 1);
      CHECK(p["text"].get<std::string>().find("<mark>") != std::string::npos);
    }
  }
}

TEST_CASE("passages take the filters of a search") {
  const json body =
      Get("/api/passages?size=10&kind=wet&q=" + kb::test::EncodeUrl("melding huiselijk geweld"));
  REQUIRE_FALSE(body["passages"].empty());
  for (const auto& p : body["passages"]) {
    CHECK(Get("/api/documents/" + p["id"].get<std::string>())["kind"] == "wet");
  }
}

TEST_CASE("no table of contents or bibliography is a passage") {
  const json body = Get("/api/passages?size=20&q=" +
                        kb::test::EncodeUrl("inhoudsopgave inleiding samenvatting literatuur"));
  for (const auto& p : body["passages"]) {
    const std::string section = p["section"];
    INFO(section);
    CHECK(section.rfind("Inhoud", 0) == std::string::npos);
    CHECK(section.find("Literatuur") == std::string::npos);
  }
}

TEST_CASE("passages without a query are refused, naming the parameter") {
  const json body = Get("/api/passages?size=5", 400);
  CHECK(body["error"]["code"] == "invalid_value");
  CHECK(body["error"]["message"].get<std::string>().find("'q'") != std::string::npos);
  CHECK(Get("/api/passages?q=schulden&onbekend=1", 400)["error"]["code"] == "unknown_parameter");
}

TEST_CASE("marked passages go along with an export of the list, cited to their page") {
  const std::string q = kb::test::EncodeUrl("kosten van schuldenproblematiek");
  const json passages = Get("/api/passages?size=5&q=" + q)["passages"];
  REQUIRE(passages.size() >= 2);
  std::string marks;
  for (size_t i = 0; i < 2; ++i) {
    const std::string key = passages[i]["key"];
    REQUIRE(key.size() == 16);
    marks += "&passage=" + passages[i]["id"].get<std::string>() + ":" + key;
  }
  auto client = Shared().server->Client();
  auto ris = client.Get("/api/search?format=ris&size=3&q=" + q + marks);
  REQUIRE(ris);
  REQUIRE(ris->status == 200);
  // The marked passages first, each with its page and its words, then the three hits.
  const std::string& text = ris->body;
  CHECK(std::count(text.begin(), text.end(), '\n') > 10);
  size_t records = 0;
  for (size_t at = 0; (at = text.find("ER  - ", at)) != std::string::npos; ++at) ++records;
  CHECK(records == 5);
  const size_t first_end = text.find("ER  - ");
  const std::string first = text.substr(0, first_end);
  CHECK(first.find("SP  - " + std::to_string(passages[0]["page"].get<int>()) + "\r\n") !=
        std::string::npos);
  CHECK(first.find("N1  - Passage (p. " + std::to_string(passages[0]["page"].get<int>()) + "): ") !=
        std::string::npos);
  CHECK(first.find("ID  - " + passages[0]["id"].get<std::string>()) != std::string::npos);

  // A mark whose passage is gone (another key) is left out; a malformed one is a 400.
  auto gone = client.Get("/api/search?format=csv&size=1&q=" + q +
                         "&passage=" + passages[0]["id"].get<std::string>() + ":0000000000000000");
  REQUIRE(gone);
  CHECK(std::count(gone->body.begin(), gone->body.end(), '\n') == 2);  // header and one hit
  CHECK(Get("/api/search?format=ris&q=" + q + "&passage=abc", 400)["error"]["message"]
            .get<std::string>()
            .find("'passage'") != std::string::npos);
  CHECK(Get("/api/search?q=" + q + marks, 400)["error"]["message"].get<std::string>().find(
            "format=") != std::string::npos);
}

TEST_CASE("a document's citation of one page: SP in RIS, refused past its last page") {
  const json passages = Get("/api/passages?size=1&q=" +
                            kb::test::EncodeUrl("kosten van schuldenproblematiek"))["passages"];
  REQUIRE(passages.size() == 1);
  const std::string id = passages[0]["id"];
  const int page = passages[0]["page"];
  auto client = Shared().server->Client();
  auto ris = client.Get("/api/documents/" + id + "?format=ris&page=" + std::to_string(page));
  REQUIRE(ris);
  REQUIRE(ris->status == 200);
  CHECK(ris->body.find("SP  - " + std::to_string(page) + "\r\n") != std::string::npos);
  const size_t pages = Get("/api/documents/" + id)["pages"].size();
  for (const std::string& bad :
       std::vector<std::string>{"0", "-1", "abc", std::to_string(pages + 1)}) {
    INFO(bad);
    const json error = Get("/api/documents/" + id + "?format=ris&page=" + bad, 400);
    CHECK(error["error"]["message"].get<std::string>().find("'page'") != std::string::npos);
  }
}
