// ExtractFile on every file of ../shared/corpus/formats: each well-formed file gives the words a
// reference tool from Debian extracts from it (docx2txt, odt2txt, catdoc, html2text; unzip for
// slides and e-books), its metadata and its pages; each malformed one gives one clear reason.
#include <catch2/catch.hpp>

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "corpus_files.h"
#include "kb/analysis/charset.h"
#include "kb/extract/extractor.h"

namespace fs = std::filesystem;
using kb::extract::AttachmentFileName;
using kb::extract::ExtractedAttachment;
using kb::extract::ExtractFile;
using kb::extract::testing::CorpusDir;
using kb::extract::testing::TempDir;

namespace {

fs::path FormatsDir() { return CorpusDir() / "formats"; }

std::string Quoted(const fs::path& path) {
  std::string out = "'";
  for (const char c : path.string()) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

std::string Run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
  ::pclose(pipe);
  return out;
}

// What Debian's tools make of the file (for slides and e-books: the XML parts' text).
std::string ReferenceText(const fs::path& path) {
  const std::string format = path.parent_path().filename().string();
  const std::string file = Quoted(path);
  if (format == "docx") return Run("docx2txt < " + file);
  if (format == "odt") return Run("odt2txt --encoding=UTF-8 " + file);
  if (format == "doc" || format == "rtf") return Run("catdoc -d utf-8 " + file);
  if (format == "html") return Run("html2text -utf8 " + file);
  if (format == "pptx") {
    return Run("unzip -p " + file + " 'ppt/slides/slide*.xml' | sed -e 's/<[^>]*>/ /g'");
  }
  if (format == "epub") {
    return Run("unzip -p " + file + " '*.xhtml' '*.html' 2>/dev/null | html2text -utf8");
  }
  FAIL("no reference tool for " << path);
  return {};
}

// Distinct words of three or more letters, lower case (bytes of UTF-8 sequences count as letters).
std::set<std::string> Words(const std::string& text) {
  std::set<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3) words.insert(word);
    word.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalpha(byte) || byte >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(byte)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string Joined(const std::vector<std::string>& pages) {
  std::string out;
  for (const auto& page : pages) out += page + "\n";
  return out;
}

// The letters of `text` in one lower-case run: reference tools join table cells without a space
// ("achternaamvoorvoegsel"), so a reference word is found when it occurs in this run.
std::string LetterRun(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalpha(byte) || byte >= 0x80) out.push_back(static_cast<char>(std::tolower(byte)));
  }
  return out;
}

// The share of `words` that occur in `text` (as words or inside its letter run).
double Share(const std::set<std::string>& words, const std::string& text) {
  if (words.empty()) return 1.0;
  const std::set<std::string> whole = Words(text);
  const std::string run = LetterRun(text);
  std::size_t found = 0;
  for (const auto& word : words) {
    found += whole.count(word) == 1 || run.find(word) != std::string::npos ? 1 : 0;
  }
  return static_cast<double>(found) / static_cast<double>(words.size());
}

std::vector<fs::path> FilesOf(const std::string& format) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(FormatsDir() / format)) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const std::map<std::string, std::string> kFormatOfFolder = {
    {"docx", "docx"}, {"odt", "odt"},   {"doc", "doc"},  {"rtf", "rtf"},
    {"html", "html"}, {"pptx", "pptx"}, {"epub", "epub"}};

}  // namespace

TEST_CASE("Every well-formed file of the format corpus gives the reference tool's words",
          "[extract][formats]") {
  std::size_t files = 0;
  for (const auto& [folder, format] : kFormatOfFolder) {
    for (const fs::path& path : FilesOf(folder)) {
      ++files;
      INFO(path.filename().string());
      auto doc = ExtractFile(path);
      REQUIRE(doc.ok());
      CHECK(doc->format == format);
      CHECK_FALSE(doc->title.empty());
      CHECK(doc->language == "nl");
      const std::string text = Joined(doc->pages);
      const std::string reference_text = ReferenceText(path);
      const auto ours = Words(text);
      const auto reference = Words(reference_text);
      REQUIRE(reference.size() > 5);
      if (format == "html") {
        // html2text keeps the menus and footers the extractor leaves out: what we keep must be
        // the page's own words, and less than all of them.
        const double precision = Share(ours, reference_text);
        INFO("precision " << precision << " of " << ours.size() << " words");
        CHECK(precision >= 0.9);
        CHECK(ours.size() < reference.size());
      } else {
        const double recall = Share(reference, text);
        INFO("recall " << recall << " of " << reference.size() << " words");
        CHECK(recall >= 0.9);
      }
    }
  }
  CHECK(files == 32);
}

TEST_CASE("Formats keep their own metadata and their pages", "[extract][formats]") {
  SECTION("Word 97-2003: the reviewers' comments, which antiword leaves out, without field codes") {
    auto doc =
        ExtractFile(FormatsDir() / "doc/vng-stuf-king-archief_stuf_terminologie_v05_rea-JRS.doc");
    REQUIRE(doc.ok());
    const std::string text = Joined(doc->pages);
    const auto comments = text.find("Opmerkingen en overige tekst:");
    REQUIRE(comments != std::string::npos);
    // A comment that repeats the text's own words is one too.
    CHECK(text.find("Het woord “waaraan” geeft beter aan dat de nieuwe catalogi onderdeel "
                    "uitmaken van het sectormodel.",
                    comments) != std::string::npos);
    CHECK(text.find("zie document Maarten", comments) != std::string::npos);
    // The text itself is antiword's, once: a paragraph both tools read is not repeated.
    CHECK(text.find("Figuur 5: Opbouw van een WSDL", comments) == std::string::npos);
    CHECK(text.find("_Ref") == std::string::npos);
    CHECK(text.find("MERGEFORMAT") == std::string::npos);
  }
  SECTION("PowerPoint: one page per slide, the first slide's title") {
    auto doc = ExtractFile(FormatsDir() / "pptx/vng-gemma-zaken_archiveren-tutorial.pptx");
    REQUIRE(doc.ok());
    CHECK(doc->pages.size() == 13);
  }
  SECTION("Web page: the title without the site name, boilerplate gone") {
    auto doc = ExtractFile(FormatsDir() / "html/georgemarche-crawl_www.rivm.nl.html");
    REQUIRE(doc.ok());
    CHECK(doc->title.find("COVID-19") != std::string::npos);
    CHECK(doc->title.find("RIVM") == std::string::npos);
    const std::string text = Joined(doc->pages);
    CHECK(text.find("Cookie") == std::string::npos);
  }
  SECTION("E-book: the OPF title, one page per chapter") {
    auto doc =
        ExtractFile(FormatsDir() / "epub/kbnl-lean-reader_Een_Nieuwe_Start_versie-maart.epub");
    REQUIRE(doc.ok());
    CHECK(doc->title.find("Nieuwe Start") != std::string::npos);
    CHECK(doc->pages.size() > 1);
  }
  SECTION("RTF: accented letters in the document's code page") {
    const auto rtf = FilesOf("rtf").front();
    auto doc = ExtractFile(rtf);
    REQUIRE(doc.ok());
    const std::string text = Joined(doc->pages);
    CHECK(text.find("beëindiging") != std::string::npos);
    CHECK(text.find("Jeugdwet") != std::string::npos);
    CHECK(text.find("fonttbl") == std::string::npos);
  }
  SECTION("Word: headings stand on their own line") {
    auto doc =
        ExtractFile(FormatsDir() / "docx/vng-burgerpeiling_WSJG-Burgerpeiling-protocol-2020.docx");
    REQUIRE(doc.ok());
    CHECK(doc->pages.size() > 5);
  }
}

TEST_CASE("A PDF page without a text layer is read by OCR", "[extract][formats][ocr]") {
  const fs::path scan =
      FormatsDir() /
      "scanned-pdf/vng-stuf-king-archief_Is-het-RSGB-nog-wel-een-gemeentelijk-referentiemodel.pdf";
  auto doc = ExtractFile(scan);
  REQUIRE(doc.ok());
  CHECK(doc->ocr_pages == std::vector<int>{1});
  // Debian's tools on the same page: pdftoppm at the same resolution, tesseract with Dutch.
  const std::string reference = Run("pdftoppm -r 300 -gray -f 1 -l 1 " + Quoted(scan) +
                                    " | tesseract - - -l nld 2>/dev/null");
  const auto words = Words(reference);
  REQUIRE(words.size() > 50);
  const double recall = Share(words, Joined(doc->pages));
  INFO("recall " << recall << " of " << words.size() << " words");
  CHECK(recall >= 0.8);
  CHECK(doc->title.find("RSGB") != std::string::npos);
}

TEST_CASE("Simulated paper scans: OCR gives the words of the pages they were made from",
          "[extract][formats][ocr]") {
  // formats/SOURCES.md: each page of a corpus PDF rendered at 200 dpi, rotated, noised and
  // wrapped without a text layer. The reference is pdftotext on the original pages.
  struct Scan {
    const char* file;
    const char* original;
    int first;
    int last;
  };
  const Scan scans[] = {
      {"scan-gezinsplan-p5-6.pdf", "docs/wij-groningen/Handleiding Gezinsplan mei 2025.pdf", 5, 6},
      {"scan-hervormingsagenda-p10-11.pdf", "docs/jaapjunior/hervormingsagenda-jeugd-2023-2028.pdf",
       10, 11},
      {"scan-vroegsignalering-p3-5.pdf",
       "docs/statendaal-5euro/"
       "Onderzoeksrapport+Vroegsignalering+-+Eerder+herkennen+en+oplossen+van+problemen.pdf",
       3, 5}};
  for (const Scan& scan : scans) {
    INFO(scan.file);
    auto doc = ExtractFile(FormatsDir() / "scanned-pdf" / scan.file);
    REQUIRE(doc.ok());
    const int pages = scan.last - scan.first + 1;
    CHECK(static_cast<int>(doc->ocr_pages.size()) == pages);
    const std::string reference =
        Run("pdftotext -layout -f " + std::to_string(scan.first) + " -l " +
            std::to_string(scan.last) + " " + Quoted(CorpusDir() / scan.original) + " -");
    const auto words = Words(reference);
    REQUIRE(words.size() > 50);
    const double recall = Share(words, Joined(doc->pages));
    INFO("recall " << recall << " of " << words.size() << " words");
    CHECK(recall >= 0.8);
    CHECK(doc->language == "nl");
  }
}

TEST_CASE("An e-mail: subject, sender, date, body, and its attachments as documents of their own",
          "[extract][formats]") {
  const fs::path message =
      fs::path(KB_SOURCE_DIR) / "tests/indexer/data/email/verslag-vroegsignalering.eml";
  auto doc = ExtractFile(message);
  REQUIRE(doc.ok());
  CHECK(doc->format == "email");
  CHECK(doc->title == "Verslag overleg vroegsignalering schulden Deventer");
  CHECK(doc->date == "2023-03-14");
  CHECK(doc->authors == std::vector<std::string>{"Fatima el Idrissi"});
  REQUIRE(doc->pages.size() == 1);
  const std::string text = doc->pages[0];
  CHECK(text.find("woningcorporaties en energieleveranciers") != std::string::npos);
  // The message names its attachments; their text is theirs, not the message's.
  CHECK(text.find("Bijlagen: aanpak wijkteams.docx, actiepunten.txt") != std::string::npos);
  CHECK(text.find("De wijkteams in Zwolle helpen gezinnen met schulden.") == std::string::npos);
  // The Word attachment and the text attachment, each extracted as the file it is; not the image.
  REQUIRE(doc->attachments.size() == 2);
  const ExtractedAttachment& word = doc->attachments[0];
  CHECK(word.name == "aanpak wijkteams.docx");
  CHECK(word.doc.format == "docx");
  CHECK(Joined(word.doc.pages).find("De wijkteams in Zwolle helpen gezinnen met schulden.") !=
        std::string::npos);
  CHECK(word.bytes.substr(0, 2) == "PK");  // the file itself, decoded from base64
  const ExtractedAttachment& notes = doc->attachments[1];
  CHECK(notes.name == "actiepunten.txt");
  CHECK(notes.doc.format == "text");
  CHECK(notes.doc.attachments.empty());
  for (const ExtractedAttachment& a : doc->attachments) {
    CHECK(a.name.find("logo") == std::string::npos);
    CHECK(a.doc.title.find("kb-bijlage") == std::string::npos);  // never the temporary copy's
  }
  // Addresses are never text; the privacy guard masks the body's and the attachment's BSN, each
  // counted for the document it is in.
  CHECK(text.find("@") == std::string::npos);
  CHECK(text.find("123456782") == std::string::npos);
  int masked = doc->personal_data_count;
  for (const ExtractedAttachment& a : doc->attachments) {
    CHECK(Joined(a.doc.pages).find("123456782") == std::string::npos);
    masked += a.doc.personal_data_count;
  }
  CHECK(masked == 3);
  CHECK(doc->personal_data_count >= 1);
}

TEST_CASE("An attachment's name becomes one safe file name", "[extract][formats]") {
  CHECK(AttachmentFileName("rapport.pdf") == "rapport.pdf");
  CHECK(AttachmentFileName("../../etc/passwd") == "passwd");
  CHECK(AttachmentFileName("C:\\Users\\jan\\Verslag 2023.docx") == "Verslag 2023.docx");
  CHECK(AttachmentFileName("..") == "bijlage");
  CHECK(AttachmentFileName("map/") == "bijlage");
  CHECK(AttachmentFileName("regel\nbreuk.txt") == "regel_breuk.txt");
  // Cut to 150 bytes between characters: the "é" at bytes 145-146 goes whole.
  const std::string long_name = std::string(145, 'a') + "\xc3\xa9" + std::string(60, 'b') + ".pdf";
  CHECK(AttachmentFileName(long_name) == std::string(145, 'a') + ".pdf");
}

TEST_CASE("Malformed office files each give one clear reason", "[extract][formats]") {
  const std::map<std::string, std::string> reasons = {
      {"cos-pydocx_missing_relationships.docx", "not a Word, PowerPoint, OpenDocument or EPUB"},
      {"logius-overleg_powerpoint-lockfile_~$Stavaza-ADR2-procedures.pptx", "lock file"},
      {"vng-dsh-ses_word-lockfile_~$derzoeksopzet.docx", "lock file"}};
  for (const fs::path& path : FilesOf("malformed")) {
    INFO(path.filename().string());
    auto doc = ExtractFile(path);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find(path.string()) != std::string::npos);
    const auto reason = reasons.find(path.filename().string());
    REQUIRE(reason != reasons.end());
    CHECK(doc.status().message().find(reason->second) != std::string::npos);
  }

  TempDir dir;
  SECTION("a truncated Word file") {
    const fs::path source = FilesOf("docx").front();
    std::ifstream in(source, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const fs::path cut = dir.path() / "half.docx";
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    auto doc = ExtractFile(cut);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find("damaged") != std::string::npos);
  }
  SECTION("a zip bomb: a part that inflates beyond the limit") {
    const fs::path bomb = dir.path() / "bomb.docx";
    int error = 0;
    zip_t* zip = zip_open(bomb.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip != nullptr);
    static const std::string zeros(std::size_t{100} << 20, '0');
    zip_source_t* source = zip_source_buffer(zip, zeros.data(), zeros.size(), 0);
    REQUIRE(zip_file_add(zip, "word/document.xml", source, ZIP_FL_OVERWRITE) >= 0);
    REQUIRE(zip_close(zip) == 0);
    REQUIRE(fs::file_size(bomb) < (std::uintmax_t{1} << 20));
    auto doc = ExtractFile(bomb);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find("zip bomb") != std::string::npos);
  }
  SECTION("bytes that are not UTF-8 in a web page's bogus <?...> (found by fuzz_html_extract)") {
    const fs::path page = dir.path() / "pagina.html";
    std::ofstream(page, std::ios::binary)
        << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Schuldhulp</title></head>"
        << "<body><main><article><?\xb6\x0b" << std::string(1, '\0')
        << "@a>Schuldhulp in Soest</article></main></body></html>";
    auto doc = ExtractFile(page);
    REQUIRE(doc.ok());
    for (const std::string& text : doc->pages) {
      CHECK(kb::analysis::IsValidUtf8(text));
      CHECK(text.find('\0') == std::string::npos);
    }
    CHECK(Joined(doc->pages).find("Soest") != std::string::npos);
  }
  SECTION("a Word file named .docx that is text") {
    const fs::path fake = dir.path() / "fake.docx";
    std::ofstream(fake) << "Dit is gewoon tekst met een verkeerde extensie.";
    auto doc = ExtractFile(fake);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find("is named .docx but") != std::string::npos);
  }
}
