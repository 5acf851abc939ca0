// Cover-page rules (kb/extract/cover_page.h): on laid-out lines made up for one rule each, and
// through the whole extraction on real PDFs of ../shared/corpus/docs whose covers taught them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corpus_files.h"
#include "kb/extract/cover_page.h"
#include "kb/extract/extractor.h"

using namespace kb::extract;
using kb::extract::testing::CorpusDir;

namespace {

// A line at `top` points from the page's top, 300 points wide.
CoverLine Line(int page, double size, double top, std::string text, double left = 72) {
  return CoverLine{page, size, left, top, left + 300, std::move(text)};
}

// Body text filling the rest of a page, so the cover has a body size to compare with.
void AddBody(std::vector<CoverLine>& lines, int page, double top, int count = 12) {
  for (int i = 0; i < count; ++i) {
    lines.push_back(Line(page, 10, top + 14 * i,
                         "De gemeente ondersteunt inwoners die zelf niet rond kunnen komen."));
  }
}

// The cover pages are enough for every rule, and keep a 131-page report fast.
kb::Result<ExtractedDoc> Cover(const std::string& file) {
  ExtractOptions options;
  options.max_pages = 4;
  return ExtractFile(CorpusDir() / "docs" / file, options);
}

}  // namespace

TEST_CASE("The cover title is the largest text, its lines merged", "[extract][cover]") {
  std::vector<CoverLine> lines = {
      Line(0, 36, 78, "De maatschappelijke kosten"), Line(0, 36, 118, "van schuldenproblematiek"),
      Line(0, 20, 171, "Een last voor burgers, bedrijven en overheden")};
  AddBody(lines, 1, 100);
  CHECK(CoverTitle(lines) == "De maatschappelijke kosten van schuldenproblematiek");

  // A version line ends the title; a second heading of the same size further down is not part
  // of it (its top is more than 1.8 sizes below).
  lines = {Line(0, 20, 274, "Standaard administratieprotocol"), Line(0, 20, 302, "Taakgericht"),
           Line(0, 20, 333, "Versie 3.2.a")};
  AddBody(lines, 1, 100);
  CHECK(CoverTitle(lines) == "Standaard administratieprotocol Taakgericht");
  lines = {Line(0, 16, 106, "Evaluatie en Vervolgplan"), Line(0, 16, 141, "Persoonlijke gegevens")};
  AddBody(lines, 0, 170);
  CHECK(CoverTitle(lines) == "Evaluatie en Vervolgplan");

  // A smaller line below that goes on in lower case continues it.
  lines = {Line(0, 32, 236, "Werkwijze frequentie per week"),
           Line(0, 24, 271, "in iWmo en iJw 3.1", 150), Line(0, 18, 318, "Introductie")};
  AddBody(lines, 1, 100);
  CHECK(CoverTitle(lines) == "Werkwijze frequentie per week in iWmo en iJw 3.1");
}

TEST_CASE("A lone genre word takes the title below it", "[extract][cover]") {
  std::vector<CoverLine> lines = {Line(0, 40, 100, "EINDRAPPORT"),
                                  Line(0, 22, 200, "Evaluatie van de Jeugdwet")};
  AddBody(lines, 1, 100);
  CHECK(CoverTitle(lines) == "EINDRAPPORT Evaluatie van de Jeugdwet");
}

TEST_CASE("Furniture on a cover is never its title", "[extract][cover]") {
  // A stamp repeated as a running header on every page, a date, a page number, a section name
  // and a gazette masthead, all larger than the real title.
  std::vector<CoverLine> lines = {
      Line(0, 60, 22, "STAATSCOURANT"),  Line(0, 40, 40, "Vertrouwelijk"),
      Line(1, 40, 40, "Vertrouwelijk"),  Line(0, 38, 300, "22 oktober 2018"),
      Line(0, 38, 500, "Inhoudsopgave"), Line(0, 38, 560, "1 / 51"),
      Line(0, 38, 600, "Samenvatting"),  Line(0, 36, 249, "Rapportage Penetratietest")};
  AddBody(lines, 1, 100);
  CHECK(CoverTitle(lines) == "Rapportage Penetratietest");

  // A legend set with icon glyphs (U+F042) and an organisation's name are not titles either.
  lines = {Line(0, 8, 408, "\xEF\x81\x82 Aanbieder"), Line(0, 9, 30, "Zorginstituut Nederland"),
           Line(0, 7.2, 108, "Casus 8: Taakgericht")};
  AddBody(lines, 0, 130);
  for (CoverLine& line : lines) {
    if (line.size == 10) line.size = 6;
  }
  CHECK(CoverTitle(lines) == "Casus 8: Taakgericht");
}

TEST_CASE("No cover title without a prominent line; a blank cover passes to page 2",
          "[extract][cover]") {
  // Everything in the body size: a memo has no cover title.
  std::vector<CoverLine> lines;
  AddBody(lines, 0, 100);
  CHECK(CoverTitle(lines).empty());
  // Page 1 holds a logo's few letters only (an organisation's name); the title is on page 2.
  lines = {Line(0, 12, 700, "VNG"), Line(1, 30, 163, "Procesafspraken LTA Jeugdhulp")};
  AddBody(lines, 2, 100);
  CHECK(CoverTitle(lines) == "Procesafspraken LTA Jeugdhulp");
  // A first page full of text without a prominent line ends the search.
  lines.clear();
  AddBody(lines, 0, 100);
  lines.push_back(Line(1, 30, 100, "Hoofdstuk over iets anders"));
  CHECK(CoverTitle(lines).empty());
  CHECK(CoverTitle({}).empty());
}

TEST_CASE("Boilerplate is never a title", "[extract][cover]") {
  for (const char* text : {"Inhoud", "INHOUDSOPGAVE", "Vertrouwelijk", "Inloggen", "STAATSCOURANT",
                           "Staatscourant 2019 nr. 41519", "30 september 2021", "Contents:"}) {
    INFO(text);
    CHECK(IsBoilerplateLine(text));
  }
  for (const char* text :
       {"Begrippenlijst", "Samenvatting", "Het onderzoek naar armoede", "Jeugdwet"}) {
    INFO(text);
    CHECK_FALSE(IsBoilerplateLine(text));
  }
}

TEST_CASE("A letter's subject field", "[extract][cover]") {
  // The value below its label, with its continuation line; a number field below ends it.
  std::vector<CoverLine> lines = {
      Line(0, 14, 294, "Onderwerp", 99),
      Line(0, 11, 310, "Advies op voorafgaande raadpleging COVID19 notificatie-app", 99),
      Line(0, 14, 364, "Samenvatting", 99)};
  CHECK(LetterSubject(lines) == "Advies op voorafgaande raadpleging COVID19 notificatie-app");
  // The value to the right of its label, continued below; a labelled row stops it.
  lines = {Line(0, 7.5, 238, "inzake", 86),
           Line(0, 9, 236, "Juridische analyse - advies inzake de DPIA van de", 130),
           Line(0, 9, 247, "CoronaMelder", 130), Line(0, 7.5, 262, "zaaknr", 86),
           Line(0, 9, 261, "11014156", 130)};
  lines[0].right = lines[3].right = 110;
  CHECK(LetterSubject(lines) == "Juridische analyse - advies inzake de DPIA van de CoronaMelder");
  // On the label's own line.
  CHECK(LetterSubject({Line(0, 10, 200, "Betreft: aanvraag subsidie 2024")}) ==
        "aanvraag subsidie 2024");
  CHECK(LetterSubject({Line(0, 10, 200, "Geen onderwerp hier")}).empty());
}

TEST_CASE("Authors from a labelled list and from academic titles", "[extract][cover]") {
  using V = std::vector<std::string>;
  // The label beside the first name, the others in its column; a field below ends the list.
  std::vector<CoverLine> lines = {Line(1, 11.8, 156, "Opsteller/onderzoeker", 90),
                                  Line(1, 12, 156, "Brenno de Winter", 232),
                                  Line(1, 11.8, 171, "Auteurs", 90),
                                  Line(1, 12, 171, "Brenno de Winter", 232),
                                  Line(1, 12, 186, "Ed Lute", 232),
                                  Line(1, 12, 200, "Andrew Dasselaar", 232),
                                  Line(1, 12, 215, "Maria Frenken-Farag", 232),
                                  Line(1, 11.8, 240, "Versie", 90),
                                  Line(1, 12, 240, "0.90", 232)};
  lines[0].right = lines[2].right = 200;
  lines[7].right = 130;
  CHECK(CoverAuthors(lines) ==
        V{"Brenno de Winter", "Ed Lute", "Andrew Dasselaar", "Maria Frenken-Farag"});
  // Names below the label, with affiliations; an organisation ends the list.
  lines = {Line(1, 8, 462, "Auteur", 60),
           Line(1, 10, 472, "mr. drs. Jeroen Terstegge CIPP/E, partner", 60),
           Line(1, 10, 484, "Privacy Management Partners", 60)};
  CHECK(CoverAuthors(lines) == V{"Jeroen Terstegge"});
  lines = {Line(0, 12, 670, "Prof.dr.ir. P.P.C.C. Verbeek, Universiteit Twente (voorzitter)"),
           Line(0, 12, 685, "Prof.dr. Rinie van Est, Rathenau Instituut en TU Eindhoven")};
  CHECK(CoverAuthors(lines) == V{"P.P.C.C. Verbeek", "Rinie van Est"});
  CHECK(
      CoverAuthors({Line(0, 10, 100, "Door loting zijn 380 mensen bij elkaar gebracht")}).empty());
}

TEST_CASE("The publisher above its address in a colophon", "[extract][cover]") {
  std::vector<CoverLine> lines = {
      Line(1, 10.6, 563, "Colofon", 113), Line(1, 10.6, 575, "Ketenbureau i-Sociaal Domein", 113),
      Line(1, 10.6, 587, "Nassaulaan 12", 113), Line(1, 10.6, 599, "2514 JS Den Haag", 113)};
  CHECK(ColophonOrganisation(lines) == "Ketenbureau i-Sociaal Domein");
  // A department under the ministry: the block's first line is the publisher.
  lines = {Line(2, 9, 585, "Contact:", 106),
           Line(2, 9, 600, "Ministerie van Volksgezondheid, Welzijn en Sport", 106),
           Line(2, 9, 615, "Directie Informatiebeleid/CIO", 106),
           Line(2, 9, 630, "Parnassusplein 5", 106), Line(2, 9, 646, "2511 VX Den Haag", 106)};
  CHECK(ColophonOrganisation(lines) == "Ministerie van Volksgezondheid, Welzijn en Sport");
  // A letter's addressee is not its publisher.
  lines = {Line(0, 11, 99, "De Minister van Volksgezondheid, Welzijn en Sport", 99),
           Line(0, 11, 113, "De heer H.M. De Jonge", 99), Line(0, 11, 127, "Postbus 20350", 99),
           Line(0, 11, 141, "2500 EJ Den Haag", 99)};
  CHECK(ColophonOrganisation(lines).empty());
}

TEST_CASE("An organisation's name alone on the cover, unless it is the client",
          "[extract][cover]") {
  std::vector<CoverLine> lines = {Line(0, 30, 163, "Procesafspraken LTA Jeugdhulp", 77),
                                  Line(0, 7.9, 768, "Vereniging van Nederlandse Gemeenten", 77)};
  CHECK(CoverOrganisationLine(lines) == "Vereniging van Nederlandse Gemeenten");
  lines = {Line(0, 12, 467, "Organisatie:", 57),
           Line(0, 12, 487, "Ministerie van Volksgezondheid, Welzijn en Sport (VWS)", 57)};
  CHECK(CoverOrganisationLine(lines).empty());
}

TEST_CASE("Real covers: the title, not the running header, menu or stamp", "[extract][cover]") {
  struct Case {
    const char* file;
    const char* title;
  };
  for (const Case& c : std::vector<Case>{
           // Not "Processen" (the menu) nor "Documentatie" (a larger heading further down).
           {"jaapjunior/Casus 08 Taakgericht.pdf", "Casus 8: Taakgericht"},
           {"jaapjunior/Casus 05 Corrigeren eerder gestuurde stop.pdf",
            "Casus 5: Corrigeren eerder gestuurde stop"},
           // Not its /Title "SAP inspanningsgericht 3.0.2 RC1"; the version line is left out.
           {"jaapjunior/1.-SAP-Inspanningsgericht-Versie-3.2.b.pdf",
            "Standaard administratieprotocol Inspanningsgericht"},
           // Its two lines merged around a smaller line that Poppler reads between them.
           {"jaapjunior/5b.-Standaard-aanmeldformulier-bij-geheim-BSN-vs-1.3.pdf",
            "Aanmeldformulier bij geheim of onbekend BSN"},
           // Not "Inloggen", the saved web page's login link.
           {"jaapjunior/Begrippenlijst | iStandaarden.pdf", "Begrippenlijst"},
           {"jaapjunior/hervormingsagenda-jeugd-2023-2028.pdf",
            "Hervormingsagenda Jeugd 2023-2028"},
           {"jaapjunior/werkwijze-frequentie-per-week.pdf",
            "Werkwijze frequentie per week in iWmo en iJw 3.1"},
           // Not its /Title "Onderzoeksrapport van CoronaMelder ..."; three spaced lines.
           {"minvws-coronamelder/2021-10-05 Toegankelijkheidsonderzoek CoronaMelder 2.4.1 "
            "(Android 10) versie 1.0.pdf",
            "Toegankelijkheidsonderzoek CoronaMelder 2.4.1 (Android 10) op WCAG 2.1"},
           // Not "Vertrouwelijk", stamped at the top of every page.
           {"minvws-coronamelder/Bijlage K - Rapportage Penetratietest.pdf",
            "Rapportage Penetratietest"},
           // A memo: its subject, not the addressee on its first line.
           {"minvws-coronamelder/Bijlage C - Juridische Analyse Landsadvocaat.pdf",
            "Juridische analyse - advies Autoriteit Persoonsgegeven inzake de DPIA van de "
            "CoronaMelder"},
           // Not its /Title's "| Lokale wet- en regelgeving".
           {"wij-groningen/Verordening jeugdhulp gemeente Groningen 2026.pdf",
            "Verordening jeugdhulp gemeente Groningen 2026"},
           // An image cover: the file name rather than "Centrum voor Beleidsstatistiek".
           {"statendaal-5euro/Personen met geregistreerde problematische schulden 2021-2023.pdf",
            "Personen met geregistreerde problematische schulden 2021-2023"},
           // Every line in one size: no cover title, the first line of the text.
           {"jaapjunior/Casuïstiek Jeugdwet(iJw3.2).pdf", "Casuistiek Jeugdwet(iJw3.2)"},
       }) {
    INFO(c.file);
    auto doc = Cover(c.file);
    REQUIRE(doc.ok());
    CHECK(doc->title == c.title);
  }
  // Not "STAATSCOURANT": the regulation under the masthead.
  auto gazette = Cover("jaapjunior/MR-staatscourant juli-2019-verplichte istandaarden.pdf");
  REQUIRE(gazette.ok());
  CHECK(gazette->title.rfind("Regeling van de Minister van Volksgezondheid", 0) == 0);
}

TEST_CASE("Real covers and colophons: authors and publisher", "[extract][cover]") {
  using V = std::vector<std::string>;
  auto costs = Cover(
      "statendaal-5euro/Onderzoeksrapport+De+maatschappelijke+kosten+van+schuldenproblematiek.pdf");
  REQUIRE(costs.ok());
  CHECK(costs->authors == V{"Nadja Jungmann", "Rosanne Oomkens", "Paul Vroonhof", "Marijke Beulen",
                            "John Boog", "Cora van Horssen"});

  auto pentest = Cover("minvws-coronamelder/Bijlage K - Rapportage Penetratietest.pdf");
  REQUIRE(pentest.ok());
  CHECK(pentest->authors == V{"M.R. van Geelen", "D. de Weille", "R. Verdoes", "M.B.J. Koek",
                              "G.P. de Vries", "D. Miltenburg"});
  CHECK(pentest->organisation == "NFIR");  // "NFIR BV" in the copyright line, cited without BV

  // The /Author "Gerard van Dam" saved the file but is named nowhere: no author.
  auto protocol = Cover("jaapjunior/1.-SAP-Inspanningsgericht-Versie-3.2.b.pdf");
  REQUIRE(protocol.ok());
  CHECK(protocol->authors.empty());
  CHECK(protocol->organisation == "Ketenbureau i-Sociaal Domein");

  // /Author confirmed by the cover, split into people.
  auto manual = Cover("wij-groningen/Handleiding Gezinsplan mei 2025.pdf");
  REQUIRE(manual.ok());
  CHECK(manual->authors == V{"Simone Pieterse", "Yvonne Versluis"});
  // /Author "Jan Jaap Egbert de Groot", in the spelling of the text.
  auto appt = Cover("minvws-coronamelder/Appt - CoronaMelder v3.pdf");
  REQUIRE(appt.ok());
  CHECK(appt->authors == V{"Jan Jaap de Groot"});

  // The running header drops the commas the body text writes.
  auto inspection = Cover(
      "statendaal-5euro/"
      "Onderzoeksrapport+Vroegsignalering+-+Eerder+herkennen+en+oplossen+van+problemen.pdf");
  REQUIRE(inspection.ok());
  CHECK(inspection->organisation == "Inspectie belastingen, toeslagen en douane");
  CHECK(inspection->authors.empty());

  auto lta = Cover(
      "jaapjunior/Toepassing-landelijk-administratieprotocol-voor-het-LTA-2025-Jeugdhulp--2-.pdf");
  REQUIRE(lta.ok());
  CHECK(lta->organisation == "Vereniging van Nederlandse Gemeenten");
  auto regulation = Cover("wij-groningen/Verordening jeugdhulp gemeente Groningen 2026.pdf");
  REQUIRE(regulation.ok());
  CHECK(regulation->organisation == "Gemeente Groningen");
}
