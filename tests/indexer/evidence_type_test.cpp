// Evidence type against hand labels (tests/indexer/data/evidence_labels.tsv, guidelines in
// EVIDENCE_LABELS.md): ExtractFile, the extraction the indexer runs, on each labelled file of
// ../shared/corpus/docs, and its doc.evidence compared with the label. Prints the accuracy, the
// accuracy per type and every confusion; the floor below is the accuracy reached, so a change
// that makes the rules worse fails here. Plus rules checked on small texts of their own.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_files.h"
#include "kb/core/schema.h"
#include "kb/extract/evidence_type.h"
#include "kb/extract/extractor.h"

namespace {

using kb::extract::ClassifyEvidence;
using kb::extract::ExtractedDoc;
using kb::extract::testing::CorpusDir;

// What the test measured when it was written (120/137 = 0.876; the seven types are defined in
// EVIDENCE_LABELS.md); the rules may only get better.
constexpr double kAccuracyFloor = 0.87;

struct Label {
  std::string file, evidence;
};

std::vector<Label> ReadLabels() {
  std::ifstream in(std::filesystem::path(KB_SOURCE_DIR) / "tests/indexer/data/evidence_labels.tsv");
  REQUIRE(in);
  std::vector<Label> labels;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream cells(line);
    Label label;
    std::getline(cells, label.file, '\t');
    std::getline(cells, label.evidence, '\t');
    if (!label.file.empty()) labels.push_back(std::move(label));
  }
  return labels;
}

bool IsEvidenceType(const std::string& value) {
  const auto& types = kb::schema::kEvidenceTypes;
  return std::find(std::begin(types), std::end(types), value) != std::end(types);
}

ExtractedDoc Doc(std::string text, std::string kind = "overig") {
  ExtractedDoc doc;
  doc.title = "Titel";
  doc.kind = std::move(kind);
  doc.pages.push_back(std::move(text));
  return doc;
}

}  // namespace

TEST_CASE("evidence type against the hand-labelled documents") {
  const std::vector<Label> labels = ReadLabels();
  REQUIRE(labels.size() >= 85);
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_type;  // right, labelled
  std::size_t right = 0;
  std::ostringstream confusions;
  for (const Label& label : labels) {
    INFO(label.file);
    REQUIRE(IsEvidenceType(label.evidence));
    auto doc = kb::extract::ExtractFile(CorpusDir() / "docs" / label.file);
    REQUIRE(doc.ok());
    CHECK(IsEvidenceType(doc->evidence));
    auto& [type_right, type_total] = per_type[label.evidence];
    ++type_total;
    if (doc->evidence == label.evidence) {
      ++right;
      ++type_right;
    } else {
      confusions << "  " << label.evidence << " -> " << doc->evidence << "  " << label.file << "\n";
    }
  }
  const double accuracy = double(right) / double(labels.size());
  std::cout << "evidence type: " << right << "/" << labels.size() << " right, accuracy " << accuracy
            << "\n";
  for (const auto& [type, counts] : per_type) {
    std::cout << "  " << type << ": " << counts.first << "/" << counts.second << "\n";
  }
  std::cout << "confusions (label -> rules):\n" << confusions.str();
  REQUIRE(accuracy >= kAccuracyFloor);
}

TEST_CASE("evidence rules on texts of their own") {
  SECTION("a text without words is a form or a scan; a text without cues is no effect study") {
    CHECK(ClassifyEvidence(Doc("")) == "praktijkbeschrijving");
    CHECK(ClassifyEvidence(Doc("12 34\n56")) == "praktijkbeschrijving");
    CHECK(ClassifyEvidence(Doc("Dit is de eerste zin van de paragraaf. En dit de laatste.")) ==
          "praktijkbeschrijving");
  }
  SECTION("an effect study needs two method cues; one is not enough") {
    const std::string effect =
        "De interventiegroep werd vergeleken met een controlegroep. Na de nulmeting volgde een "
        "nameting na zes maanden. Het effect op eenzaamheid was significant (effectgrootte "
        "0,4).";
    CHECK(ClassifyEvidence(Doc(effect, "rapport")) == "effectonderzoek");
    const std::string one_cue =
        "Wij spraken met twintig professionals over hun ervaringen met de aanpak. De interviews "
        "lieten knelpunten zien; een controlegroep was er niet. Aanbevelingen volgen.";
    CHECK(ClassifyEvidence(Doc(one_cue, "rapport")) == "procesevaluatie");
  }
  SECTION("a table of figures is monitor-cijfers") {
    std::string table = "Aantal personen met problematische schulden per jaar (bron: CBS)\n";
    for (int year = 2015; year <= 2023; ++year) {
      table += std::to_string(year) + "  " + std::to_string(700 + year % 7) + ".210  " +
               std::to_string(year % 9) + ",4%\n";
    }
    CHECK(ClassifyEvidence(Doc(table, "rapport")) == "monitor-cijfers");
  }
  SECTION("a law by its kind and articles") {
    CHECK(ClassifyEvidence(Doc("Artikel 1\nIn deze wet wordt verstaan onder ...\nArtikel 2\n"
                               "Het college draagt zorg voor ...",
                               "wet")) == "beleid-regelgeving");
  }
  SECTION("a news outlet's item is news, unless the site files it under opinion") {
    ExtractedDoc doc =
        Doc("Het aantal daklozen is gestegen, meldt het CBS. Een woordvoerder van het ministerie "
            "zegt dat het kabinet extra geld uittrekt.",
            "artikel");
    doc.organisation = "NOS";
    doc.date = "2019-08-23";
    CHECK(ClassifyEvidence(doc) == "nieuws");
    // Aggregators file plain news under "opinie": the section alone does not turn it.
    CHECK(ClassifyEvidence(doc, "entertainment; opinie") == "nieuws");
    ExtractedDoc column =
        Doc("Naar mijn mening is de jeugdzorg vastgelopen, betoogt deze columnist. Ik zie het elke "
            "dag: mijn buren wachten een jaar op hulp.",
            "artikel");
    column.organisation = "de Volkskrant";
    column.date = "2019-05-27";
    CHECK(ClassifyEvidence(column, "entertainment; opinie") == "opinie-interview");
  }
  SECTION("a step-by-step instruction is praktijkbeschrijving") {
    CHECK(ClassifyEvidence(Doc("Stappenplan\nStap 1: vul hier de naam van de gemeente in.\n"
                               "Stap 2: klik of tik om tekst in te voeren.\nDe werkwijze is "
                               "beschreven in de handleiding.")) == "praktijkbeschrijving");
  }
}
