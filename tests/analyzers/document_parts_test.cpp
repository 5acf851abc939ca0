// Sections and passages (analyzers' document_parts.h) on literal pages shaped like real reports.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/analysis/document_parts.h"

using kb::analysis::Passage;
using kb::analysis::RoleOfHeading;
using kb::analysis::SectionRole;
using kb::analysis::SplitPassages;

namespace {

// A paragraph of `sentences` sentences of ten words each, about `topic`.
std::string Paragraph(const std::string& topic, int sentences) {
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    out +=
        "Dit is zin " + std::to_string(i + 1) + " over " + topic + " in de gemeente en de wijk. ";
  }
  return out;
}

}  // namespace

TEST_CASE("headings name the role of their section") {
  CHECK(RoleOfHeading("Samenvatting") == SectionRole::kFindings);
  CHECK(RoleOfHeading("3.2 Conclusies en aanbevelingen") == SectionRole::kFindings);
  CHECK(RoleOfHeading("## Belangrijkste bevindingen") == SectionRole::kFindings);
  CHECK(RoleOfHeading("Inhoudsopgave") == SectionRole::kNoContent);
  CHECK(RoleOfHeading("7 Literatuur") == SectionRole::kNoContent);
  CHECK(RoleOfHeading("Colofon") == SectionRole::kNoContent);
  CHECK(RoleOfHeading("Bijlage 2: Vragenlijst") == SectionRole::kAppendix);
  CHECK(RoleOfHeading("1 Inleiding") == SectionRole::kBody);
  // A word that only starts like a section name is not one.
  CHECK(RoleOfHeading("Bronnenonderzoek in de wijk") == SectionRole::kBody);
}

TEST_CASE("a table of contents is never content") {
  const std::vector<std::string> pages = {
      "Inhoudsopgave\nVoorwoord 3\nSamenvatting 5\n1 Inleiding 7\n2 Aanpak 9\n3 Resultaten 12\n"
      "4 Conclusies 15\nBijlage 1 Vragenlijst 18\n",
      "1 Inleiding\n\n" + Paragraph("schulden", 12),
  };
  const std::vector<Passage> passages = SplitPassages(pages);
  REQUIRE_FALSE(passages.empty());
  for (const Passage& p : passages) {
    CHECK(p.page == 2);
    CHECK(p.section == "1 Inleiding");
    CHECK(p.text.find("Voorwoord") == std::string::npos);
  }
}

TEST_CASE("a page listing chapters with page numbers is a table of contents without its heading") {
  const std::vector<std::string> pages = {
      "Voorwoord\n\n6\n\nSamenvatting\n\n7\n\n1\n\nInleiding\n\n9\n\n1.1\n1.2\n\nDe context\nDe "
      "opdracht\n\n9\n9\n\n2\n\nIndeling van de kosten\n\n15\n",
  };
  CHECK(SplitPassages(pages).empty());
}

TEST_CASE("sections: numbers on their own line, sub-headings keep the chapter's role") {
  const std::vector<std::string> pages = {
      "9\n\nConclusies\n\n" + Paragraph("armoede", 4) +
          "\n\n9.4\n\nRelatie tot andere onderzoeken\n" + Paragraph("eerdere studies", 4),
      "10 Aanpak in de praktijk\n\n" + Paragraph("wijkteams", 4),
  };
  const std::vector<Passage> passages = SplitPassages(pages);
  REQUIRE(passages.size() >= 3);
  CHECK(passages.front().section == "9 Conclusies");
  CHECK(passages.front().role == SectionRole::kFindings);
  bool saw_sub = false;
  for (const Passage& p : passages) {
    if (p.section == "9.4 Relatie tot andere onderzoeken") {
      saw_sub = true;
      CHECK(p.role == SectionRole::kFindings);
    }
  }
  CHECK(saw_sub);
  CHECK(passages.back().section == "10 Aanpak in de praktijk");
  CHECK(passages.back().role == SectionRole::kBody);
  CHECK(passages.back().page == 2);
}

TEST_CASE("the bibliography and the colophon give no passages; an appendix does") {
  const std::vector<std::string> pages = {
      "Samenvatting\n\n" + Paragraph("eenzaamheid", 3),
      "Literatuur\n\nJansen, A. (2020). Eenzaamheid onder ouderen. Utrecht: Movisie. "
      "Pietersen, B. (2019). Wijkaanpak werkt. Den Haag: SCP.\n",
      "Bijlage 1: Vragenlijst\n\n" + Paragraph("de vragenlijst", 3),
  };
  const std::vector<Passage> passages = SplitPassages(pages);
  REQUIRE(passages.size() == 2);
  CHECK(passages[0].role == SectionRole::kFindings);
  CHECK(passages[1].role == SectionRole::kAppendix);
  CHECK(passages[1].page == 3);
}

TEST_CASE("passages hold whole sentences of about a hundred words") {
  const std::vector<Passage> passages = SplitPassages({Paragraph("jeugdhulp", 40)});
  REQUIRE(passages.size() >= 3);
  for (const Passage& p : passages) {
    CHECK(p.text.back() == '.');
    CHECK(p.text.rfind("Dit is zin", 0) == 0);
  }
}

TEST_CASE("running headers repeat on every page and are no heading") {
  std::vector<std::string> pages;
  for (int i = 0; i < 5; ++i) {
    pages.push_back("Rapport Schulden in Beeld\n\n" + Paragraph("schulden", 6) + "\n\n" +
                    std::to_string(i + 1));
  }
  for (const Passage& p : SplitPassages(pages)) {
    CHECK(p.section.empty());
    CHECK(p.text.find("Rapport Schulden in Beeld") == std::string::npos);
  }
}
