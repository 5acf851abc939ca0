// The privacy guard: BSNs in context and valid IBANs are masked before indexing, ordinary
// numbers are not; an indexed case note holds no term with the numbers and sits in the
// editors' "personal-data" queue.
#include <xapian.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "corpus_files.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"
#include "kb/extract/extractor.h"
#include "kb/extract/personal_data.h"

namespace fs = std::filesystem;
using kb::extract::IsValidIban;
using kb::extract::MaskPersonalData;
using kb::extract::PassesElevenTest;
using kb::extract::testing::TempDir;

namespace {

std::string Masked(std::string text) {
  MaskPersonalData(text);
  return text;
}

}  // namespace

TEST_CASE("The eleven-test and the IBAN check", "[privacy]") {
  CHECK(PassesElevenTest("123456782"));
  CHECK(PassesElevenTest("111222333"));
  CHECK_FALSE(PassesElevenTest("123456789"));
  CHECK_FALSE(PassesElevenTest("000000000"));
  CHECK_FALSE(PassesElevenTest("12345678"));
  CHECK(IsValidIban("NL91ABNA0417164300"));
  CHECK(IsValidIban("BE68539007547034"));
  CHECK(IsValidIban("DE89370400440532013000"));
  CHECK_FALSE(IsValidIban("NL91ABNA0417164301"));  // one digit off
  CHECK_FALSE(IsValidIban("NL91ABNA041716430"));   // too short for NL
}

TEST_CASE("BSNs in a BSN context and IBANs are masked, in every written form", "[privacy]") {
  CHECK(Masked("BSN: 123456782.") == "BSN: [BSN verwijderd].");
  CHECK(Masked("burgerservicenummer 1234.56.782 van de aanvrager") ==
        "burgerservicenummer [BSN verwijderd] van de aanvrager");
  CHECK(Masked("Sofinummer: 123 456 782") == "Sofinummer: [BSN verwijderd]");
  CHECK(Masked("nummer 111222333 (BSN) bekend") == "nummer [BSN verwijderd] (BSN) bekend");
  CHECK(Masked("BSN | Naam\n\n111222333 | Jansen") == "BSN | Naam\n\n[BSN verwijderd] | Jansen");
  CHECK(Masked("BSN | 111222333 | Jansen") == "BSN | [BSN verwijderd] | Jansen");
  CHECK(Masked("Rekening NL91 ABNA 0417 1643 00 t.n.v. mevrouw") ==
        "Rekening [IBAN verwijderd] t.n.v. mevrouw");
  CHECK(Masked("IBAN NL91ABNA0417164300.") == "IBAN [IBAN verwijderd].");
  CHECK(Masked("naar BE68 5390 0754 7034 EUR") == "naar [IBAN verwijderd] EUR");
}

TEST_CASE("Ordinary numbers are left alone", "[privacy]") {
  const std::vector<std::string> ordinary = {
      "Het budget was € 123.456.782 in 2021.",           // an amount that passes the test
      "In 2021 hadden 111222333 mensen geen BSN nodig",  // context after, but far away
      "Kenmerk 111222333 van de brief",                  // no BSN context
      "BSN: 123456789",                                  // fails the eleven-test
      "artikel 2.3.4 van de Jeugdwet, 12-03-2021",       // article number and date
      "Bel 06-12345678 of 0800-1234 (BSN-vragen)",       // phone numbers
      "KvK 12345678, postcode 1234 AB",                  // eight digits
      "BSN 1234567820 is te lang",                       // ten digits
      "NL91 ABNA 0417 1643 01 is geen geldig nummer",    // IBAN with a wrong check
      "ISBN 978-90-5260-123-4 en NL-regels",             // letters and digits, no IBAN
  };
  for (const std::string& text : ordinary) {
    INFO(text);
    CHECK(Masked(text) == text);
  }
}

TEST_CASE("An indexed case note has no term with its numbers and is in the review queue",
          "[privacy]") {
  TempDir dir;
  const fs::path corpus = dir.path() / "corpus";
  fs::create_directories(corpus);
  std::ofstream(corpus / "casusnotitie.txt")
      << "Casusnotitie schuldhulpverlening\n\n"
         "Mevrouw meldde zich bij het wijkteam. BSN: 123456782. Zij heeft schulden bij de "
         "energieleverancier.\n\nHet inkomen wordt gestort op rekening NL91 ABNA 0417 1643 00.\n";
  std::ofstream(corpus / "verslag.txt")
      << "Verslag huisbezoek\n\nDe vader (burgerservicenummer 1112.22.333) vraagt bijzondere "
         "bijstand. Betaling naar NL20INGB0001234567 volgens afspraak.\n";
  const fs::path db = dir.path() / "db";
  const std::string command = std::string(KB_INDEXER) + " --progress log --db '" + db.string() +
                              "' '" + corpus.string() + "' > '" + (dir.path() / "log").string() +
                              "' 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);

  std::ifstream log_file(dir.path() / "log");
  const std::string log((std::istreambuf_iterator<char>(log_file)),
                        std::istreambuf_iterator<char>());
  Xapian::Database index(db.string());
  REQUIRE(index.get_doccount() == 2);
  for (auto term = index.allterms_begin(); term != index.allterms_end(); ++term) {
    const std::string value = *term;
    INFO(value);
    for (const char* secret : {"123456782", "0417", "1643", "abna", "ABNA", "1112", "222", "333",
                               "ingb", "INGB", "0001234567"}) {
      CHECK(value.find(secret) == std::string::npos);
    }
  }
  int in_queue = 0;
  for (auto posting =
           index.postlist_begin(std::string(kb::schema::kPrefixReview) + "personal-data");
       posting != index.postlist_end(std::string(kb::schema::kPrefixReview) + "personal-data");
       ++posting) {
    ++in_queue;
    auto stored = kb::StoredDocument::FromJson(index.get_document(*posting).get_data());
    REQUIRE(stored.ok());
    CHECK(stored->personal_data_count == 2);
    CHECK(stored->personal_data_pages == std::vector<int>{1});
    for (const std::string& page : stored->pages) {
      CHECK(page.find("[BSN verwijderd]") != std::string::npos);
      CHECK(page.find("[IBAN verwijderd]") != std::string::npos);
      CHECK(page.find("0417") == std::string::npos);
    }
  }
  CHECK(in_queue == 2);
  for (const char* secret : {"123456782", "NL91", "1112.22.333", "NL20"}) {
    CHECK(log.find(secret) == std::string::npos);
  }
}
