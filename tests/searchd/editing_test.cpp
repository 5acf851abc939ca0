// kb_editing without HTTP: the login limiter, upload checks and names, storing without
// overwriting, and override validation against the real catalogue.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "kb/analysis/analyzer.h"
#include "kb/editing/login_limiter.h"
#include "kb/editing/override_check.h"
#include "kb/editing/upload.h"
#include "kb/search/catalog.h"
#include "process.h"

namespace {

using kb::editing::LoginLimiter;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
using namespace std::chrono_literals;

kb::search::Catalog RealCatalog() {
  kb::search::Catalog catalog = kb::search::LoadCatalog(KB_DATA_DIR, stderr);
  REQUIRE(!catalog.empty());
  return catalog;
}

}  // namespace

TEST_CASE("five failed logins from one address block it for ten minutes, others not") {
  LoginLimiter limiter;
  const auto t0 = LoginLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) {
    CHECK(limiter.RetryAfter("10.0.0.1", t0 + i * 1s) == 0s);
    limiter.RecordFailure("10.0.0.1", t0 + i * 1s);
  }
  const auto wait = limiter.RetryAfter("10.0.0.1", t0 + 5s);
  CHECK(wait > 590s);
  CHECK(wait <= 600s);
  CHECK(limiter.RetryAfter("10.0.0.2", t0 + 5s) == 0s);
  // The oldest failure ages out after ten minutes: one more attempt is allowed.
  CHECK(limiter.RetryAfter("10.0.0.1", t0 + 601s) == 0s);
  // A success forgets the failures.
  limiter.RecordFailure("10.0.0.3", t0);
  limiter.RecordSuccess("10.0.0.3");
  for (int i = 0; i < 4; ++i) limiter.RecordFailure("10.0.0.3", t0 + 1s);
  CHECK(limiter.RetryAfter("10.0.0.3", t0 + 2s) == 0s);
}

TEST_CASE("upload types are decided by content and extension") {
  const std::string pdf = ReadFile(std::filesystem::path(KB_SHARED_DIR) /
                                   "corpus/docs/wij-groningen/1. Voorbeeld Gezinsanalyse.pdf");
  REQUIRE(pdf.size() > 1000);
  CHECK(kb::editing::CheckUpload("rapport.PDF", pdf).ok());
  CHECK(kb::editing::CheckUpload("rapport.pdf", pdf).value() == kb::editing::UploadType::kPdf);
  // Windows-1252 text from the corpus is plausible text.
  const std::string cp1252 =
      ReadFile(std::filesystem::path(KB_SHARED_DIR) / "corpus/docs/ucto-encodings/W1258.nl.txt");
  REQUIRE(!cp1252.empty());
  CHECK(kb::editing::CheckUpload("tekst.txt", cp1252).ok());
  CHECK(kb::editing::CheckUpload("notitie.md", "# Kop\n\nTekst met é en ë.\n").value() ==
        kb::editing::UploadType::kMarkdown);

  auto refused = [](std::string_view name, std::string_view bytes) {
    auto r = kb::editing::CheckUpload(name, bytes);
    INFO(name);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().kind() == kb::ErrorKind::kInvalidArgument);
    CHECK(r.status().message().find(std::string(name)) != std::string::npos);
  };
  refused("rapport.pdf", "gewone tekst, geen pdf");
  refused("rapport.txt", pdf);                      // a PDF under a text name
  refused("plaatje.png", "\x89PNG\r\n\x1a\n");      // wrong extension
  refused("leeg.txt", "");                          // empty
  refused("binair.txt", std::string("ab\0cd", 5));  // NUL byte
  refused("binair.md", std::string(200, '\x01'));   // control characters
  refused("raar.txt", "tekst met \x81 een ongedefinieerde byte");
}

TEST_CASE("upload names are made safe") {
  using kb::editing::SafeFileName;
  CHECK(SafeFileName("Jaarverslag 2021.PDF") == "Jaarverslag-2021.pdf");
  CHECK(SafeFileName("C:\\Users\\anna\\rapport.pdf") == "rapport.pdf");
  CHECK(SafeFileName("../../etc/passwd.txt") == "passwd.txt");
  CHECK(SafeFileName(".verborgen.txt") == "verborgen.txt");
  CHECK(SafeFileName("Coördinatie één.md") == "Coordinatie-een.md");
  CHECK(SafeFileName("Łódź \xEF\xAC\x81"
                     "nanciën.pdf") == "Lodz-financien.pdf");
  CHECK(SafeFileName("///.pdf") == "document.pdf");
  CHECK(SafeFileName(std::string(300, 'a') + ".pdf").size() <= 100);
}

TEST_CASE("stored uploads never overwrite a file") {
  kb::test::TempDir dir;
  const std::filesystem::path folder = dir.path();
  auto first = kb::editing::StoreUpload(folder, "rapport.txt", "een");
  auto second = kb::editing::StoreUpload(folder, "rapport.txt", "twee");
  auto third = kb::editing::StoreUpload(folder, "rapport.txt", "drie");
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(third.ok());
  CHECK(first->filename() == "rapport.txt");
  CHECK(second->filename() == "rapport-2.txt");
  CHECK(third->filename() == "rapport-3.txt");
  CHECK(ReadFile(*first) == "een");
  CHECK(ReadFile(*second) == "twee");
  // No temporary file is left behind.
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(folder)) {
    ++files;
    CHECK(e.path().filename().string()[0] != '.');
  }
  CHECK(files == 3);
  auto missing = kb::editing::StoreUpload(folder / "bestaat-niet", "x.txt", "x");
  CHECK(missing.status().kind() == kb::ErrorKind::kUnavailable);
}

TEST_CASE("overrides are checked against the catalogue, naming the field") {
  const kb::search::Catalog catalog = RealCatalog();
  kb::editorial::Override ok;
  ok.title = "Jaarverslag";
  ok.date = "2020-02-29";
  ok.kind = "rapport";
  ok.evidence = "procesevaluatie";
  ok.themes_added = {"jeugdhulp"};
  ok.gemeenten_added = {"GM0106"};
  ok.provincies_removed = {"Drenthe"};
  CHECK(kb::editing::CheckOverride(ok, catalog).ok());

  auto field_of = [&](const kb::editorial::Override& o) {
    auto st = kb::editing::CheckOverride(o, catalog);
    REQUIRE_FALSE(st.ok());
    const std::string& m = st.message();
    const size_t a = m.find('"'), b = m.find('"', a + 1);
    return m.substr(a + 1, b - a - 1);
  };
  auto bad = ok;
  bad.title = "  ";
  CHECK(field_of(bad) == "title");
  bad = ok;
  bad.date = "2021-02-29";
  CHECK(field_of(bad) == "date");
  bad = ok;
  bad.kind = "boek";
  CHECK(field_of(bad) == "kind");
  bad = ok;
  bad.evidence = "rapport";
  CHECK(field_of(bad) == "evidence");
  CHECK(kb::editing::CheckOverride(bad, catalog).message().find("is geen soort kennis; kies ") !=
        std::string::npos);
  bad = ok;
  bad.themes_added = {"Jeugdhulp-bestaat-niet"};
  CHECK(field_of(bad) == "themes_added");
  bad = ok;
  bad.gemeenten_removed = {"GM9999"};
  CHECK(field_of(bad) == "gemeenten_removed");
  bad = ok;
  bad.provincies_added = {"Vlaanderen"};
  CHECK(field_of(bad) == "provincies_added");
  bad = ok;
  bad.themes_removed = {"jeugdhulp"};  // also added
  CHECK(field_of(bad) == "themes_added");

  CHECK(kb::editorial::IsValidDate(""));
  CHECK(kb::editorial::IsValidDate("2021"));
  CHECK(kb::editorial::IsValidDate("2021-12"));
  CHECK_FALSE(kb::editorial::IsValidDate("2021-13"));
  CHECK_FALSE(kb::editorial::IsValidDate("21-12-2021"));
  CHECK_FALSE(kb::editorial::IsValidDate("1500"));
}
