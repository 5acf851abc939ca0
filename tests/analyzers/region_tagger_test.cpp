// RegionTagger on the real gazetteer (corpus/gazetteer.tsv) and a labelled set of real sentences.
#include "kb/analysis/region_tagger.h"
#include "process.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using kb::analysis::RegionResult;
using kb::analysis::RegionTagger;

const fs::path kGazetteer = fs::path(KB_SOURCE_DIR) / "corpus" / "gazetteer.tsv";
const fs::path kSentences =
    fs::path(KB_SOURCE_DIR) / "tests" / "analyzers" / "data" / "region_sentences.tsv";

const RegionTagger& Tagger() {
  static const RegionTagger tagger = [] {
    kb::Result<RegionTagger> loaded = RegionTagger::Load(kGazetteer);
    if (!loaded.ok()) FAIL(loaded.status().ToString());
    return std::move(loaded).value();
  }();
  return tagger;
}

std::set<std::string> SplitList(const std::string& field) {
  std::set<std::string> items;
  if (field == "-") return items;
  std::stringstream in(field);
  std::string item;
  while (std::getline(in, item, ',')) items.insert(item);
  return items;
}

// "GM0106" and "P:Drenthe" labels of a result, so that gemeenten and provincies count alike.
std::set<std::string> Labels(const RegionResult& result) {
  std::set<std::string> labels;
  for (const auto& g : result.gemeenten) labels.insert(g.code);
  for (const auto& p : result.provincies) labels.insert("P:" + p);
  return labels;
}

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

TEST_CASE("The gazetteer holds every current gemeente and the twelve provincies") {
  CHECK(Tagger().gemeenten().size() == 342);
  CHECK(Tagger().provincies().size() == 12);
  std::ifstream csv(fs::path(KB_SHARED_DIR) / "corpus" / "gemeenten.csv");
  REQUIRE(csv);
  std::set<std::string> codes;
  for (const auto& g : Tagger().gemeenten()) codes.insert(g.code);
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    if (!line.empty()) CHECK(codes.count(line.substr(0, line.find(','))) == 1);
  }
}

TEST_CASE("The issue's example sentence names Assen in Drenthe") {
  const RegionResult r =
      Tagger().Tag("Praktijkondersteuners jeugd in de huisartsenpraktijken van de gemeente Assen");
  REQUIRE(r.gemeenten.size() == 1);
  CHECK(r.gemeenten[0].code == "GM0106");
  CHECK(r.gemeenten[0].name == "Assen");
  CHECK(r.gemeenten[0].provincie == "Drenthe");
  CHECK(r.gemeenten[0].mentions == 1);
  CHECK(r.provincies == std::vector<std::string>{"Drenthe"});
}

TEST_CASE("Aliases, spellings without accents and merged-away gemeenten resolve") {
  auto codes = [](std::string_view text) {
    std::set<std::string> out;
    for (const auto& g : Tagger().Tag(text).gemeenten) out.insert(g.code);
    return out;
  };
  CHECK(codes("Het kabinet in Den Haag") == std::set<std::string>{"GM0518"});
  CHECK(codes("Gegeven te 's-Gravenhage, de minister") == std::set<std::string>{"GM0518"});
  CHECK(codes("Zorg in Den Bosch en 's-Hertogenbosch") == std::set<std::string>{"GM0796"});
  CHECK(codes("De gemeente Sudwest-Fryslan en Súdwest-Fryslân") == std::set<std::string>{"GM1900"});
  CHECK(codes("Inwoners van Haren en Ten Boer") == std::set<std::string>{"GM0014"});
  CHECK(codes("De gemeenten Uden en Landerd") == std::set<std::string>{"GM1991"});
  CHECK(codes("Wonen in Weesp") == std::set<std::string>{"GM0363"});
  CHECK(codes("De voormalige gemeente Leeuwarderadeel") == std::set<std::string>{"GM0080"});
  CHECK(codes("Bergen (NH.) en Bergen (L.)") == std::set<std::string>{"GM0373", "GM0893"});
  CHECK(Tagger().Tag("Jongeren in Friesland").provincies == std::vector<std::string>{"Fryslân"});
}

TEST_CASE("Ordinary words and other names do not become regions") {
  for (const char* text : {
           "Inwoners zijn best bereid om mee te doen.",
           "We moeten putten uit eerdere ervaringen.",
           "De sluis van het kanaal gaat dicht.",
           "Goede buren zijn belangrijk.",
           "Over bergen en dalen.",
           "Dit kan leiden tot schulden.",
           "Best practices voor sociaal werk.",
           "Goes het Engelse woord to go?",
           "De regio Ede-Wageningen werkt samen.",
           "Een reis naar Nieuw-Zeeland.",
           "Dat zegt woordvoerder Yolande de Best.",
           "De schrijver Martyn van Beek vertelt.",
           "Gegeven te 's-Gravenhage 11 september 1997",
       }) {
    INFO(text);
    CHECK(Tagger().Tag(text).gemeenten.empty());
  }
}

TEST_CASE("Context decides between a word and a place, a city and a provincie") {
  auto labels = [](std::string_view text) { return Join(Labels(Tagger().Tag(text))); };
  CHECK(labels("De gemeente Best en de gemeente Putten") ==
        "GM0273 GM0753 P:Gelderland P:Noord-Brabant");
  CHECK(labels("Zij woont in Sluis.") == "GM1714 P:Zeeland");
  CHECK(labels("Het wijkteam in Goes begint.") == "GM0664 P:Zeeland");
  CHECK(labels("De provincie Utrecht subsidieert het.") == "P:Utrecht");
  CHECK(labels("De stad Utrecht groeit.") == "GM0344 P:Utrecht");
  CHECK(labels("De provincies Groningen, Friesland en Drenthe") ==
        "P:Drenthe P:Fryslân P:Groningen");
  CHECK(labels("Zorg in Oost-Groningen") == "P:Groningen");
  CHECK(labels("De gemeente Groningen en de stad Groningen") == "GM0014 P:Groningen");
  CHECK(labels("Wonen in Amsterdam-Noord") == "GM0363 P:Noord-Holland");
  CHECK(labels("Projecten in Delft, Leiden en Gouda") == "GM0503 GM0513 GM0546 P:Zuid-Holland");
}

TEST_CASE("A document is about the places it is about, not every place it mentions") {
  auto about = [](std::string_view title, std::string_view text) {
    return Join(Labels(Tagger().TagDocument(title, text)));
  };
  // The place it keeps returning to; a passing mention of another is no topic.
  CHECK(about("Armoede onderzocht",
              "In Heerenveen leven veel kinderen in armoede. De gemeente Heerenveen helpt. "
              "Heerenveen werkt samen met scholen. Ook in Heerenveen groeit de voedselbank. "
              "Een vergelijkbaar project liep eerder in Assen.") == "GM0074 P:Fryslân");
  // A short text naming one place once is about it.
  CHECK(about("Nieuws", "De wethouder van Kampen opent het jongerencentrum.") ==
        "GM0166 P:Overijssel");
  // The title always counts.
  CHECK(about("Verordening jeugdhulp gemeente Groningen 2026", "") == "GM0014 P:Groningen");
  // Where the authors work is not what the report is about.
  std::string affiliation = "Schulden in Nederland. ";
  for (int i = 0; i < 20; ++i) affiliation += "Lectoraat Schulden, Hogeschool Utrecht. ";
  CHECK(about("De kosten van schulden", affiliation).empty());
  // A text that names many provincies is national, not about each of them.
  CHECK(about("Landelijk beeld",
              "Cijfers per provincie: Groningen, Friesland, Drenthe, Overijssel, Gelderland, "
              "Utrecht en Zeeland. In Groningen en Drenthe meer, in Utrecht minder.")
            .empty());
  // Sentence-level tagging still sees every mention.
  CHECK(!Tagger().Tag(affiliation).gemeenten.empty());
}

TEST_CASE("Places typed in a query") {
  auto places = [](std::string_view query) {
    std::string out;
    for (const auto& p : Tagger().TagQuery(query)) {
      out += (out.empty() ? "" : " ") + (p.gemeente.empty() ? "P:" + p.provincie : p.gemeente) +
             "@" + std::string(query.substr(p.begin, p.end - p.begin));
    }
    return out;
  };
  CHECK(places("eenzaamheid ouderen drenthe") == "P:Drenthe@drenthe");
  CHECK(places("armoede friesland") == "P:Fryslân@friesland");
  CHECK(places("jeugdhulp provincie groningen") == "P:Groningen@provincie groningen");
  CHECK(places("wijkteam groningen") == "Groningen@groningen");
  CHECK(places("schulden den haag") == "'s-Gravenhage@den haag");
  CHECK(places("woningnood noord-brabant") == "P:Noord-Brabant@noord-brabant");
  // Merged-away gemeenten resolve to their successor.
  CHECK(places("jeugdzorg Haren") == "Groningen@Haren");
  // Names that are also words need a capital or a cue word.
  CHECK(places("best practices jeugdhulp").empty());
  CHECK(places("de beste aanpak in putten") == "Putten@in putten");
  CHECK(places("mantelzorg Sluis") == "Sluis@Sluis");
  CHECK(places("putten en sluizen").empty());
  // A hyphen join is another name.
  CHECK(places("ede-wageningen").empty());
}

TEST_CASE("Precision and recall on labelled sentences from the corpus") {
  std::ifstream in(kSentences);
  REQUIRE(in);
  std::string line;
  int sentences = 0, true_positives = 0, false_positives = 0, false_negatives = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = line.find('\t', tab1 + 1);
    REQUIRE(tab2 != std::string::npos);
    std::set<std::string> expected = SplitList(line.substr(0, tab1));
    for (const std::string& p : SplitList(line.substr(tab1 + 1, tab2 - tab1 - 1))) {
      expected.insert("P:" + p);
    }
    const std::string sentence = line.substr(tab2 + 1);
    const std::set<std::string> found = Labels(Tagger().Tag(sentence));
    ++sentences;
    std::set<std::string> missed, extra;
    for (const auto& label : expected) (found.count(label) ? true_positives : false_negatives)++;
    for (const auto& label : found) {
      if (!expected.count(label)) {
        ++false_positives;
        extra.insert(label);
      }
    }
    for (const auto& label : expected) {
      if (!found.count(label)) missed.insert(label);
    }
    if (!missed.empty() || !extra.empty()) {
      std::cout << "  missed [" << Join(missed) << "] extra [" << Join(extra)
                << "]: " << sentence.substr(0, 110) << "\n";
    }
  }
  const double precision = double(true_positives) / (true_positives + false_positives);
  const double recall = double(true_positives) / (true_positives + false_negatives);
  std::cout << "RegionTagger on " << sentences << " sentences: precision " << precision
            << ", recall " << recall << " (" << true_positives << " labels found, "
            << false_positives << " false, " << false_negatives << " missed)\n";
  CHECK(sentences >= 150);
  CHECK(precision >= 0.9);
  CHECK(recall >= 0.85);
}

TEST_CASE("Tagging a large text is fast") {
  std::ifstream in(fs::path(KB_SHARED_DIR) / "corpus" / "docs" / "laws-markdown" /
                   "besluit-decentralisatie--en-integratie-uitkeringen_BWBR0027383.md");
  REQUIRE(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  while (text.size() < 200 * 1024) text += text;
  const auto start = std::chrono::steady_clock::now();
  const RegionResult r = Tagger().Tag(text);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << "RegionTagger: " << text.size() / 1024 << " KB in " << ms << " ms\n";
  CHECK(r.gemeenten.size() > 20);
  CHECK(ms < 100.0);
}

TEST_CASE("Errors in the gazetteer name the file and line") {
  SECTION("missing file") {
    auto r = RegionTagger::Load("/nonexistent/gazetteer.tsv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().kind() == kb::ErrorKind::kNotFound);
  }
  SECTION("wrong column count") {
    kb::test::TempFile file("# comment\nPV22\tDrenthe\tprovincie\n", ".tsv");
    auto r = RegionTagger::Load(file.path());
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find(file.path() + ":2") != std::string::npos);
  }
  SECTION("unknown provincie") {
    kb::test::TempFile file(
        "PV22\tDrenthe\tprovincie\t-\t-\t-\nGM0106\tAssen\tgemeente\tDrente\t-\t-\n", ".tsv");
    auto r = RegionTagger::Load(file.path());
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("Drente") != std::string::npos);
  }
  SECTION("a small valid file") {
    kb::test::TempFile file(
        "PV22\tDrenthe\tprovincie\t-\t-\t-\nGM0106\tAssen\tgemeente\tDrenthe\t-\t-\n"
        "GM0106\tAsse\talias\tDrenthe\t-\t-\n",
        ".tsv");
    auto r = RegionTagger::Load(file.path());
    REQUIRE(r.ok());
    CHECK(r->Tag("Wonen in Asse").gemeenten.at(0).code == "GM0106");
  }
}
