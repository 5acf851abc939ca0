// Near-duplicate detection on the real corpus (../shared/corpus/docs): the real kb-indexer
// indexes it, the pairs it proposes into the editorial store are compared with the judged list
// tests/indexer/data/duplicate_pairs.tsv (every pair the method proposed, or that is a known
// duplicate, read and judged by hand). With KB_DUPLICATES_REPORT=FILE set, the test also writes
// every pair of documents with an estimated similarity of at least 0.2 to FILE (for choosing the
// threshold; bench/duplicates/run.sh uses it).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <xapian.h>

#include "corpus_index.h"
#include "kb/analysis/analyzer.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"
#include "kb/editorial/store.h"
#include "kb/index/duplicate_finder.h"
#include "kb/index/minhash.h"
#include "process.h"

namespace fs = std::filesystem;
using kb::test::Run;
using kb::test::TempDir;

namespace {

const fs::path kDocs = fs::weakly_canonical(fs::path(KB_SHARED_DIR) / "corpus" / "docs");
const fs::path kJudged = fs::path(KB_SOURCE_DIR) / "tests/indexer/data/duplicate_pairs.tsv";

// The precision measured when the threshold was chosen (see the judged list); a change of the
// method that proposes more wrong pairs fails here.
constexpr double kMinPrecision = 0.8;

using Pair = std::pair<std::string, std::string>;  // corpus-relative paths, sorted

Pair MakePair(std::string a, std::string b) { return a < b ? Pair{a, b} : Pair{b, a}; }

struct Judgement {
  bool duplicate = false;
  std::string reason;
};

// Columns: path_a, path_b (relative to corpus/docs), duplicate ("yes"/"no"), reason.
std::map<Pair, Judgement> ReadJudged() {
  std::ifstream in(kJudged);
  REQUIRE(in);
  std::map<Pair, Judgement> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, '\t');) cells.push_back(cell);
    REQUIRE(cells.size() >= 3);
    if (cells[0] == "path_a") continue;  // header
    REQUIRE((cells[2] == "yes" || cells[2] == "no"));
    out[MakePair(cells[0], cells[1])] = {cells[2] == "yes", cells.size() > 3 ? cells[3] : ""};
  }
  return out;
}

// Document id -> corpus-relative path, for every indexed document.
std::map<std::string, std::string> PathsById(const std::string& db) {
  Xapian::Database xdb(db);
  std::map<std::string, std::string> out;
  for (auto it = xdb.valuestream_begin(kb::schema::kSlotPath);
       it != xdb.valuestream_end(kb::schema::kSlotPath); ++it) {
    out[kb::DocumentIdForPath(*it)] = fs::path(*it).lexically_relative(kDocs).string();
  }
  return out;
}

void WriteReport(const std::string& db, const std::map<std::string, std::string>& paths,
                 const std::string& file) {
  auto pairs = kb::index::AllSimilarPairs(Xapian::Database(db), 0.2);
  REQUIRE(pairs.ok());
  std::ofstream out(file);
  for (const auto& p : *pairs) {
    out << p.similarity << '\t' << paths.at(p.a) << '\t' << paths.at(p.b) << '\n';
  }
}

}  // namespace

TEST_CASE("near-duplicates in the corpus are proposed with the judged precision") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  kb::test::CopyCorpusIndex(db);  // the real kb-indexer's run over kDocs

  const auto paths = PathsById(db);
  if (const char* report = std::getenv("KB_DUPLICATES_REPORT")) WriteReport(db, paths, report);

  auto store =
      kb::editorial::EditorialStore::Open(kb::editorial::EditorialStore::DefaultPathFor(db));
  REQUIRE(store.ok());
  auto proposed = (*store)->duplicates().List("proposed");
  REQUIRE(proposed.ok());
  const auto judged = ReadJudged();

  std::set<Pair> found;
  std::size_t right = 0;
  for (const auto& candidate : *proposed) {
    const Pair pair = MakePair(paths.at(candidate.a), paths.at(candidate.b));
    found.insert(pair);
    auto j = judged.find(pair);
    INFO("proposed but not judged (read both and add the pair to "
         << kJudged.string() << "): " << pair.first << " | " << pair.second << " "
         << candidate.similarity);
    REQUIRE(j != judged.end());
    right += j->second.duplicate;
  }
  REQUIRE_FALSE(found.empty());
  const double precision = static_cast<double>(right) / static_cast<double>(found.size());
  INFO("precision " << precision << " (" << right << " of " << found.size() << ")");
  CHECK(precision >= kMinPrecision);

  // Recall on the known duplicates: every pair judged a duplicate is proposed.
  for (const auto& [pair, judgement] : judged) {
    if (!judgement.duplicate) continue;
    INFO("known duplicate not proposed: " << pair.first << " | " << pair.second << " ("
                                          << judgement.reason << ")");
    CHECK(found.count(pair) == 1);
  }

  SECTION("the same article under two names, and the same report as PDF and as Markdown") {
    CHECK(found.count(MakePair(
              "leestmeer-news/2019-4-19-vvd_'werklozen_moeten_vakken_vullen,_anders_minder_"
              "uitkering'.md",
              "leestmeer-news/2019-4-19-vvd_'werklozen_moeten_vakkenvullen,_anders_minder_"
              "uitkering'.md")) == 1);
    CHECK(found.count(MakePair(
              "jaapjunior/casusbeschrijvingen-iwmo-3.2-en-ijw-3.2.pdf",
              "jaapjunior-md/Casusbeschrijvingen_bij_de_releases_iWmo_en_iJw_3.2.md")) == 1);
  }
}

namespace {

const char* const kReport =
    "statendaal-5euro/Onderzoeksrapport+Vroegsignalering+-+Eerder+herkennen+en+oplossen+van+"
    "problemen.pdf";

// pdftotext (poppler-utils) output of a corpus PDF: pages separated by form feeds.
std::string PdfToText(const fs::path& pdf) {
  auto run = Run({"/usr/bin/pdftotext", pdf.string(), "-"});
  REQUIRE(run.exit_code == 0);
  REQUIRE(run.out.size() > 10000);
  return run.out;
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::set<Pair> ProposedPaths(const std::string& db, const fs::path& corpus) {
  auto store =
      kb::editorial::EditorialStore::Open(kb::editorial::EditorialStore::DefaultPathFor(db));
  REQUIRE(store.ok());
  auto proposed = (*store)->duplicates().List("proposed");
  REQUIRE(proposed.ok());
  std::map<std::string, std::string> paths;
  Xapian::Database xdb(db);
  for (auto it = xdb.valuestream_begin(kb::schema::kSlotPath);
       it != xdb.valuestream_end(kb::schema::kSlotPath); ++it) {
    paths[kb::DocumentIdForPath(*it)] = fs::path(*it).lexically_relative(corpus).string();
  }
  std::set<Pair> out;
  for (const auto& c : *proposed) out.insert(MakePair(paths.at(c.a), paths.at(c.b)));
  return out;
}

}  // namespace

TEST_CASE(
    "the same report as PDF, as text and with another cover page is proposed; a series is not") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  fs::create_directories(corpus / "pdf");
  fs::copy_file(kDocs / kReport, corpus / "pdf/rapport.pdf");
  const std::string text = PdfToText(kDocs / kReport);
  WriteFile(corpus / "text/rapport.txt", text);
  // The Markdown copy has its own cover page: the first page's text replaced.
  const std::string cover =
      "# Eerder herkennen, eerder oplossen\n\nUitgave voor de gemeenteraad van Statendaal, "
      "afdeling Werk en Inkomen, met een voorwoord van de wethouder over schulden en armoede.\n";
  WriteFile(corpus / "md/rapport-raadsversie.md", cover + text.substr(text.find('\f') + 1));
  // Two members of one series (same template, different protocol): not the same report.
  for (const char* sibling : {"jaapjunior/1.-SAP-Inspanningsgericht-Versie-3.2.b.pdf",
                              "jaapjunior/2.-SAP-Outputgericht-Versie-3.2.b.pdf"}) {
    fs::copy_file(kDocs / sibling, corpus / "pdf" / fs::path(sibling).filename());
  }

  auto run = Run({KB_INDEXER, "--db", db, "--progress", "log", corpus.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto found = ProposedPaths(db, corpus);
  CHECK(found.count(MakePair("pdf/rapport.pdf", "text/rapport.txt")) == 1);
  CHECK(found.count(MakePair("pdf/rapport.pdf", "md/rapport-raadsversie.md")) == 1);
  CHECK(found.count(MakePair("text/rapport.txt", "md/rapport-raadsversie.md")) == 1);
  CHECK(found.size() == 3);  // not the SAP protocol variants
  CHECK(run.err.find("near-duplicates: comparing 5 documents with the index") != std::string::npos);
  CHECK(run.err.find("near-duplicates: 3 pairs proposed in ") != std::string::npos);

  SECTION("a copy indexed by a later run is proposed against the documents already indexed") {
    WriteFile(corpus / "later/rapport-kopie.txt", text);
    auto again = Run({KB_INDEXER, "--db", db, "--progress", "log", corpus.string()});
    INFO(again.out << again.err);
    REQUIRE(again.exit_code == 0);
    REQUIRE(again.out.find("indexed 1,") != std::string::npos);  // only the copy
    const auto now = ProposedPaths(db, corpus);
    CHECK(now.count(MakePair("later/rapport-kopie.txt", "pdf/rapport.pdf")) == 1);
    CHECK(now.count(MakePair("later/rapport-kopie.txt", "text/rapport.txt")) == 1);
    CHECK(now.count(MakePair("later/rapport-kopie.txt", "md/rapport-raadsversie.md")) == 1);
    CHECK(now.size() == 6);
  }

  SECTION("a merged duplicate is not proposed again") {
    TempDir tmp2;
    const std::string db2 = (tmp2.path() / "db").string();
    auto store =
        kb::editorial::EditorialStore::Open(kb::editorial::EditorialStore::DefaultPathFor(db2));
    REQUIRE(store.ok());
    const fs::path kept = corpus / "pdf/rapport.pdf";
    const fs::path duplicate = corpus / "text/rapport.txt";
    kb::editorial::Merge merge;
    merge.kept = kb::DocumentIdForPath(kept.string());
    merge.duplicate = kb::DocumentIdForPath(duplicate.string());
    merge.duplicate_title = "rapport";
    merge.duplicate_format = "text";
    merge.duplicate_path = duplicate.string();
    REQUIRE((*store)->edits().SaveMerge(merge, kept.string(), "anna").ok());
    store->reset();  // kb-indexer opens the store itself

    auto again = Run({KB_INDEXER, "--db", db2, "--progress", "log", corpus.string()});
    INFO(again.out << again.err);
    REQUIRE(again.exit_code == 0);
    const auto proposed = ProposedPaths(db2, corpus);
    CHECK(proposed.count(MakePair("pdf/rapport.pdf", "md/rapport-raadsversie.md")) == 1);
    for (const auto& pair : proposed) {
      CHECK(pair.first != "text/rapport.txt");
      CHECK(pair.second != "text/rapport.txt");
    }
  }
}

// Not run by ctest (hidden tag); bench/duplicates/run.sh prints it. The cost of the MinHash
// signature against the analysis kb-indexer already does per document (IndexText of every page),
// on the texts of the whole corpus, in one process so machine load affects both alike.
TEST_CASE("MinHash costs a small fraction of the text analysis", "[.][bench]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(Run({KB_INDEXER, "--db", db, "--progress", "log", kDocs.string()}).exit_code == 0);
  std::vector<std::vector<std::string>> texts;
  Xapian::Database xdb(db);
  for (auto it = xdb.postlist_begin(""); it != xdb.postlist_end(""); ++it) {
    auto stored = kb::StoredDocument::FromJson(xdb.get_document(*it).get_data());
    REQUIRE(stored.ok());
    texts.push_back(stored->pages);
  }
  auto resources = kb::analysis::LoadResources(kb::analysis::AnalysisConfig{});
  REQUIRE(resources.ok());
  kb::analysis::Analyzer analyzer(*resources);
  auto cpu = [] { return std::clock(); };
  const auto a0 = cpu();
  for (const auto& pages : texts) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    for (const auto& page : pages) analyzer.IndexText(page, doc, pos);
  }
  const auto a1 = cpu();
  std::size_t signatures = 0;
  for (const auto& pages : texts) signatures += kb::index::MinHash::Of(pages, analyzer).has_value();
  const auto a2 = cpu();
  const double analysis = static_cast<double>(a1 - a0) / CLOCKS_PER_SEC;
  const double minhash = static_cast<double>(a2 - a1) / CLOCKS_PER_SEC;
  std::printf("documents %zu, signatures %zu: IndexText %.2f s CPU, MinHash %.2f s CPU (%.1f%%)\n",
              texts.size(), signatures, analysis, minhash, 100 * minhash / analysis);
  CHECK(minhash < analysis);
}
