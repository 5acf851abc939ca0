// DecodeToUtf8 on hand-made byte strings and on the corpus's legacy-encoded files.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "corpus_files.h"
#include "kb/analysis/charset.h"

using kb::analysis::DecodeToUtf8;
using kb::extract::testing::Contains;
using kb::extract::testing::CorpusDir;

namespace {

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("UTF-8 is recognised and a BOM is removed", "[charset]") {
  auto plain = DecodeToUtf8("Dit is \xC3\xA9\xC3\xA9n zin.");
  REQUIRE(plain.ok());
  CHECK(plain->charset == "utf-8");
  CHECK(plain->utf8 == "Dit is \xC3\xA9\xC3\xA9n zin.");

  auto bom = DecodeToUtf8("\xEF\xBB\xBFre\xC3\xABle");
  REQUIRE(bom.ok());
  CHECK(bom->charset == "utf-8");
  CHECK(bom->utf8 == "re\xC3\xABle");

  auto ascii = DecodeToUtf8("gewoon tekst\n");
  REQUIRE(ascii.ok());
  CHECK(ascii->charset == "us-ascii");
}

TEST_CASE("UTF-16 with and without BOM", "[charset]") {
  const std::string le_bom("\xFF\xFE\xE9\x00\xE9\x00n\x00", 8);
  auto le = DecodeToUtf8(le_bom);
  REQUIRE(le.ok());
  CHECK(le->charset == "utf-16le");
  CHECK(le->utf8 == "\xC3\xA9\xC3\xA9n");

  const std::string be_bom("\xFE\xFF\x00\xE9\x00\xE9\x00n", 8);
  auto be = DecodeToUtf8(be_bom);
  REQUIRE(be.ok());
  CHECK(be->charset == "utf-16be");
  CHECK(be->utf8 == "\xC3\xA9\xC3\xA9n");

  const std::string no_bom("d\0e\0 \0w\0e\0t\0 \0i\0s\0 \0n\0i\0e\0u\0w\0", 30);
  auto guessed = DecodeToUtf8(no_bom);
  REQUIRE(guessed.ok());
  CHECK(guessed->charset == "utf-16le");
  CHECK(guessed->utf8 == "de wet is nieuw");
}

TEST_CASE("Latin-1 and windows-1252 are told apart by the 0x80-0x9F bytes", "[charset]") {
  auto latin = DecodeToUtf8("Het is \xE9\xE9n re\xEBle kans, zei de co\xF6rdinator.");
  REQUIRE(latin.ok());
  CHECK((latin->charset == "iso-8859-1" || latin->charset == "windows-1252"));
  CHECK(latin->utf8 == "Het is \xC3\xA9\xC3\xA9n re\xC3\xABle kans, zei de co\xC3\xB6rdinator.");

  auto cp1252 = DecodeToUtf8("Het kost \x80 5 \x96 zei de co\xF6rdinator \x93vandaag\x94.");
  REQUIRE(cp1252.ok());
  CHECK(cp1252->charset == "windows-1252");
  CHECK(Contains(cp1252->utf8, "\xE2\x82\xAC 5 \xE2\x80\x93"));      // euro sign, en dash
  CHECK(Contains(cp1252->utf8, "\xE2\x80\x9Cvandaag\xE2\x80\x9D"));  // curly quotes
}

TEST_CASE("Binary data is refused", "[charset]") {
  std::string binary;
  for (int i = 0; i < 512; ++i) binary.push_back(static_cast<char>((i * 7) % 32));
  auto result = DecodeToUtf8(binary);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().kind() == kb::ErrorKind::kInvalidArgument);
  CHECK(Contains(result.status().message(), "binary"));
}

TEST_CASE("Corpus files in legacy encodings decode without mojibake", "[charset][corpus]") {
  auto dutch = DecodeToUtf8(ReadBytes(CorpusDir() / "docs/ucto-encodings/encoding2.nl.txt"));
  REQUIRE(dutch.ok());
  CHECK((dutch->charset == "iso-8859-1" || dutch->charset == "windows-1252"));
  CHECK(Contains(dutch->utf8, "\xC3\xA9\xC3\xA9n"));  // één
  CHECK(Contains(dutch->utf8, "re\xC3\xABle"));       // reële
  CHECK(Contains(dutch->utf8, "be\xC3\xABindigd"));   // beëindigd
  CHECK_FALSE(Contains(dutch->utf8, "\xC3\x83"));     // "Ã": the mark of double encoding

  auto frisian = DecodeToUtf8(ReadBytes(CorpusDir() / "docs/nltk-udhr/Frisian-Latin1.txt"));
  REQUIRE(frisian.ok());
  CHECK(Contains(frisian->utf8, "s\xC3\xBBnder"));  // sûnder
  CHECK(Contains(frisian->utf8, "h\xC3\xA2lden"));  // hâlden
  CHECK_FALSE(Contains(frisian->utf8, "\xC3\x83"));

  auto multibom = DecodeToUtf8(ReadBytes(CorpusDir() / "hostile/ucto_multibom.txt"));
  REQUIRE(multibom.ok());
  CHECK_FALSE(Contains(multibom->utf8, "\xEF\xBB\xBF"));
  CHECK(Contains(multibom->utf8, "forget"));
}
