// kb-indexer's OCR: a scan is read (--ocr auto), its text is kept in the OCR cache by content
// hash and a re-index reads it from there, --ocr off leaves the scan without text.
#include <xapian.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "corpus_files.h"
#include "kb/core/stored_document.h"

namespace fs = std::filesystem;
using kb::extract::testing::CorpusDir;
using kb::extract::testing::TempDir;

namespace {

const char* kScan =
    "vng-stuf-king-archief_Is-het-RSGB-nog-wel-een-gemeentelijk-referentiemodel.pdf";

int Index(const fs::path& corpus, const fs::path& db, const std::string& extra) {
  const std::string command = std::string(KB_INDEXER) + " --progress log " + extra + " --db '" +
                              db.string() + "' '" + corpus.string() + "' > /dev/null 2>&1";
  return std::system(command.c_str());
}

kb::StoredDocument OnlyDocument(const fs::path& db) {
  Xapian::Database index(db.string());
  REQUIRE(index.get_doccount() == 1);
  auto stored =
      kb::StoredDocument::FromJson(index.get_document(*index.postlist_begin("")).get_data());
  REQUIRE(stored.ok());
  return *stored;
}

}  // namespace

TEST_CASE("A scan is OCR'd once, kept in the cache, and not read with --ocr off", "[ocr]") {
  TempDir dir;
  const fs::path corpus = dir.path() / "scans";
  fs::create_directories(corpus);
  fs::copy_file(CorpusDir() / "formats/scanned-pdf" / kScan, corpus / kScan);

  REQUIRE(Index(corpus, dir.path() / "db", "") == 0);
  const kb::StoredDocument first = OnlyDocument(dir.path() / "db");
  CHECK(first.ocr_pages == std::vector<int>{1});
  REQUIRE(first.pages.size() == 1);
  CHECK(first.pages[0].find("referentiemodel") != std::string::npos);

  // The cache holds the page, named by content hash and page number.
  std::vector<fs::path> cached;
  for (const auto& entry : fs::directory_iterator(dir.path() / "db.ocr-cache")) {
    cached.push_back(entry.path());
  }
  REQUIRE(cached.size() == 1);
  CHECK(cached[0].filename().string().ends_with("-1.txt"));

  // A new index over the same file reads the cache instead of running OCR: what the cache says
  // is what it indexes.
  std::ofstream(cached[0]) << "Uit de cache: gemeentelijk referentiemodel herlezen";
  REQUIRE(Index(corpus, dir.path() / "db2",
                "--ocr-cache '" + (dir.path() / "db.ocr-cache").string() + "'") == 0);
  const kb::StoredDocument second = OnlyDocument(dir.path() / "db2");
  CHECK(second.pages[0].find("Uit de cache") != std::string::npos);

  REQUIRE(Index(corpus, dir.path() / "db3", "--ocr off") == 0);
  const kb::StoredDocument off = OnlyDocument(dir.path() / "db3");
  CHECK(off.ocr_pages.empty());
  CHECK(off.pages[0].find("referentiemodel") == std::string::npos);

  CHECK(Index(corpus, dir.path() / "db4", "--ocr sometimes") != 0);
}
