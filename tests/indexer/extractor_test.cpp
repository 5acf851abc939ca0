// ExtractFile on every document of the shared corpus, and on files that must be refused.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <set>
#include <string>

#include <poppler-document.h>
#include <poppler-page.h>

#include "corpus_files.h"
#include "kb/extract/extractor.h"

using kb::extract::ExtractFile;
using kb::extract::testing::Contains;
using kb::extract::testing::CorpusDir;
using kb::extract::testing::ReadManifest;
using kb::extract::testing::TempDir;

TEST_CASE("Every corpus document extracts with a title and the right page count", "[extract]") {
  const auto rows = ReadManifest();
  REQUIRE(rows.size() > 200);
  const std::set<std::string> kinds{"rapport", "interview", "artikel", "wet", "overig"};
  for (const auto& row : rows) {
    INFO(row.file);
    auto doc = ExtractFile(CorpusDir() / row.file);
    REQUIRE(doc.ok());
    CHECK_FALSE(doc->title.empty());
    CHECK(kinds.count(doc->kind) == 1);
    if (row.format == "pdf") {
      CHECK(doc->format == "pdf");
      CHECK(static_cast<int>(doc->pages.size()) == row.pages);
    } else {
      CHECK(doc->pages.size() == 1);
      CHECK_FALSE(doc->encoding.empty());
      CHECK(doc->format == (row.format == "markdown" ? "markdown" : "text"));
    }
    CHECK(doc->language == row.language.substr(0, 2));
  }
}

TEST_CASE("Markdown news: front matter gives title and date and disappears from the text",
          "[extract]") {
  auto doc = ExtractFile(
      CorpusDir() / "docs/leestmeer-news/2019-7-3-soest_opent_digitaal_loket_voor_schuldhulp.md");
  REQUIRE(doc.ok());
  CHECK(doc->title == "Soest opent digitaal loket voor schuldhulp");
  CHECK(doc->date == "2019-07-03");
  CHECK(doc->kind == "artikel");
  CHECK_FALSE(Contains(doc->pages[0], "layout: post"));
  CHECK_FALSE(Contains(doc->pages[0], "externe_link"));
  CHECK(Contains(doc->pages[0], "Geldfit.nl"));
}

TEST_CASE("Markdown law: meta tag and heading markup removed, kind wet", "[extract]") {
  auto doc = ExtractFile(CorpusDir() / "docs/laws-markdown/besluit-wijkagenten_BWBR0032251.md");
  REQUIRE(doc.ok());
  CHECK(doc->kind == "wet");
  CHECK(doc->date == "2012-11-22");
  CHECK(doc->title == "Besluit wijkagenten");  // the citation title, not "Besluit van 22 ..."
  CHECK_FALSE(Contains(doc->pages[0], "<meta"));
  CHECK_FALSE(Contains(doc->pages[0], "charset"));
  CHECK_FALSE(Contains(doc->pages[0], "##"));
  // Link text stays, link targets go.
  CHECK(Contains(doc->pages[0], "artikel 38a, tweede lid, van de Politiewet 2012"));
  CHECK_FALSE(Contains(doc->pages[0], "README.md"));
}

TEST_CASE("HTML inside Markdown is reduced to its text", "[extract]") {
  auto doc = ExtractFile(CorpusDir() / "docs/endlessplayground-gesprekken/els.md");
  REQUIRE(doc.ok());
  CHECK(doc->kind == "interview");
  CHECK_FALSE(Contains(doc->pages[0], "<p>"));
  CHECK_FALSE(Contains(doc->pages[0], "&nbsp;"));
  CHECK_FALSE(Contains(doc->pages[0], "{%"));
  CHECK(Contains(doc->pages[0], "Hallo, mag ik iets vragen?"));
}

TEST_CASE("Legacy-encoded text files decode without mojibake", "[extract]") {
  auto dutch = ExtractFile(CorpusDir() / "docs/ucto-encodings/encoding2.nl.txt");
  REQUIRE(dutch.ok());
  CHECK(Contains(dutch->pages[0], "\xC3\xA9\xC3\xA9n"));  // één
  CHECK(Contains(dutch->pages[0], "re\xC3\xABle"));       // reële
  CHECK(dutch->language == "nl");

  auto frisian = ExtractFile(CorpusDir() / "docs/nltk-udhr/Frisian-Latin1.txt");
  REQUIRE(frisian.ok());
  CHECK(frisian->language == "fy");
  CHECK(Contains(frisian->pages[0], "s\xC3\xBBnder"));  // sûnder
  CHECK(frisian->title == "Universele ferklearring fan de rjochten fan de minske");
}

TEST_CASE("A large PDF report keeps its own metadata title and date", "[extract]") {
  auto doc = ExtractFile(CorpusDir() /
                         "docs/minvws-coronamelder/20200928 Duidingsrapportage "
                         "Coronamelder.pdf");
  REQUIRE(doc.ok());
  CHECK(doc->pages.size() == 131);
  CHECK(doc->kind == "rapport");
  CHECK(doc->date.substr(0, 4) == "2020");
  CHECK(Contains(doc->title, "Duidingsrapportage"));
  CHECK(Contains(doc->pages[0], "CoronaMelder"));
}

TEST_CASE("Files that are not what they claim are refused with the path", "[extract]") {
  TempDir dir;
  SECTION("text named .pdf") {
    const auto path = dir.Write("rapport.pdf", "version https://git-lfs.github.com/spec/v1\n");
    auto doc = ExtractFile(path);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().kind() == kb::ErrorKind::kInvalidArgument);
    CHECK(Contains(doc.status().message(), path.string()));
    CHECK(Contains(doc.status().message(), "git lfs pull"));
  }
  SECTION("empty file") {
    const auto path = dir.Write("leeg.txt", "");
    auto doc = ExtractFile(path);
    REQUIRE_FALSE(doc.ok());
    CHECK(Contains(doc.status().message(), "empty"));
  }
  SECTION("binary data named .txt") {
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 13) % 256));
    const auto path = dir.Write("data.txt", binary);
    auto doc = ExtractFile(path);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().kind() == kb::ErrorKind::kInvalidArgument);
    CHECK(Contains(doc.status().message(), path.string()));
  }
  SECTION("missing file") {
    auto doc = ExtractFile(dir.path() / "bestaat-niet.pdf");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().kind() == kb::ErrorKind::kNotFound);
  }
  SECTION("file over the size limit") {
    const auto path = dir.Write("groot.txt", std::string(4096, 'a'));
    kb::extract::ExtractOptions options;
    options.max_file_bytes = 1024;
    auto doc = ExtractFile(path, options);
    REQUIRE_FALSE(doc.ok());
    CHECK(Contains(doc.status().message(), "limit"));
  }
}

TEST_CASE("A password-protected PDF is refused with advice", "[extract]") {
  const auto path = CorpusDir() / "hostile/qpdf_encrypted-40-bit-R3.pdf";
  auto doc = ExtractFile(path);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().kind() == kb::ErrorKind::kInvalidArgument);
  CHECK(Contains(doc.status().message(), "password"));
  CHECK(Contains(doc.status().message(), path.string()));
}

TEST_CASE("Page limit truncates long PDFs", "[extract]") {
  kb::extract::ExtractOptions options;
  options.max_pages = 3;
  auto doc = ExtractFile(CorpusDir() / "docs/jaapjunior/stappenplan-vow-bericht.pdf", options);
  REQUIRE(doc.ok());
  CHECK(doc->pages.size() == 3);
}

TEST_CASE("IsIndexableFile goes by extension", "[extract]") {
  using kb::extract::IsIndexableFile;
  CHECK(IsIndexableFile("a/b/Rapport.PDF"));
  CHECK(IsIndexableFile("notes.md"));
  CHECK(IsIndexableFile("x.txt"));
  CHECK_FALSE(IsIndexableFile("foto.jpg"));
  CHECK_FALSE(IsIndexableFile("README"));
}

// The extractor hides a PDF's output intent from Poppler (colour transforms that text does not
// need); the text must be exactly what Poppler gives for the untouched file.
TEST_CASE("PDFs with an output intent give the text of the untouched file", "[extract]") {
  std::size_t checked = 0;
  for (const auto& row : ReadManifest()) {
    if (row.format != "pdf") continue;
    const auto path = CorpusDir() / row.file;
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find("/OutputIntents") == std::string::npos) continue;
    INFO(row.file);
    std::unique_ptr<poppler::document> untouched(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    REQUIRE(untouched);
    auto doc = ExtractFile(path);
    REQUIRE(doc.ok());
    REQUIRE(static_cast<int>(doc->pages.size()) == untouched->pages());
    for (int i = 0; i < untouched->pages(); ++i) {
      std::unique_ptr<poppler::page> page(untouched->create_page(i));
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
      std::string expected(utf8.begin(), utf8.end());
      std::erase_if(expected, [](char c) { return c == '\0' || c == '\f'; });
      CHECK(doc->pages[static_cast<std::size_t>(i)] == expected);
    }
    ++checked;
  }
  CHECK(checked >= 3);  // the corpus's PDF/A reports
}
