// Organisations (organisations.cpp, declared in kb/extract/metadata.h): organisations' names,
// publishers named in a text, and who issued an act.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corpus_files.h"
#include "kb/analysis/charset.h"
#include "kb/extract/extractor.h"
#include "kb/extract/metadata.h"

using namespace kb::extract;

TEST_CASE("Organisations' names", "[metadata][organisations]") {
  for (const char* name :
       {"Ministerie van Volksgezondheid, Welzijn en Sport", "Vereniging van Nederlandse Gemeenten",
        "Ketenbureau i-Sociaal Domein", "Zorginstituut", "Zorginstituut Nederland",
        "Centrum voor Beleidsstatistiek", "Inspectie belastingen toeslagen en douane",
        "Verwey-Jonker Instituut", "Nederlands Jeugdinstituut", "Hogeschool Utrecht",
        "Rotterdam University of Applied Sciences", "Privacy Management Partners", "NFIR B.V.",
        "Stichting Accessibility", "Tweede Kamer der Staten-Generaal", "Movisie",
        "VWS | Directie Informatiebeleid / CIO", "Raad van State"}) {
    INFO(name);
    CHECK(IsOrganisationName(name));
  }
  for (const char* text :
       {"De gemeente heeft in een beschikking vastgesteld dat Tom",
        "De Autoriteit Persoonsgegevens heeft op 7 juli 2020 een verzoek om raadpleging ontvangen",
        "Verordening jeugdhulp gemeente Groningen 2026",
        "Prof.dr.mr. Lokke Moerel, Tilburg University",
        "| Ketenbureau@i-sociaaldomein.nl | www.i-sociaaldomein.nl |", "Gemeente", "Jan Jansen",
        "Casus 2: Specifieke toewijzing Jeugdhulp outputgericht", ""}) {
    INFO(text);
    CHECK_FALSE(IsOrganisationName(text));
  }
}

TEST_CASE("Organisations as cited: without their legal form", "[metadata][organisations]") {
  CHECK(WithoutLegalForm("Pels Rijcken & Droogleever Fortuijn N.V.") ==
        "Pels Rijcken & Droogleever Fortuijn");
  CHECK(WithoutLegalForm("NFIR B.V.") == "NFIR");
  CHECK(WithoutLegalForm("Privacy Management  Partners, BV") == "Privacy Management Partners");
  CHECK(WithoutLegalForm("Coöperatie Dichterbij U.A.") == "Coöperatie Dichterbij");
  CHECK(WithoutLegalForm("Google Ltd.") == "Google");
  // No legal form, or nothing but one: unchanged.
  CHECK(WithoutLegalForm("Ministerie van Volksgezondheid, Welzijn en Sport") ==
        "Ministerie van Volksgezondheid, Welzijn en Sport");
  CHECK(WithoutLegalForm("B.V.") == "B.V.");
  CHECK(WithoutLegalForm("") == "");
}

TEST_CASE("Publishers named in the text", "[metadata][organisations]") {
  CHECK(PublisherInText("ISSN: 1876-8830\n\nPublisher: Rotterdam University of Applied Sciences,\n"
                        "in cooperation with Utrecht University Library") ==
        "Rotterdam University of Applied Sciences");
  CHECK(PublisherInText("© Privacy Management Partners 2020\nPrivacy Management Partners biedt") ==
        "Privacy Management Partners");
  CHECK(PublisherInText("Disclaimer\nCopyright © 2020 NFIR BV\nAlle rechten voorbehouden.") ==
        "NFIR BV");
  CHECK(PublisherInText("Een uitgave van Movisie, Utrecht") == "Movisie");
  CHECK(PublisherInText("Auteur: Ketenbureau i-Sociaal Domein\n") ==
        "Ketenbureau i-Sociaal Domein");
  // A template's placeholder, a photo credit, a list item "(c)" and a licence are not publishers.
  CHECK(PublisherInText("© 202* \xE2\x80\x93 [Naam inkopende organisatie]").empty());
  CHECK(PublisherInText("© Jan Jansen\n").empty());
  CHECK(PublisherInText("(c) Beoordeling van de noodzaak van de app\n").empty());
  CHECK(
      PublisherInText("Copyright: this work has been published under a Creative Commons").empty());
  CHECK(SpelledAsInText("Inspectie belastingen toeslagen en douane",
                        "Inspectie belastingen toeslagen en douane\n1 Inleiding\nAls Inspectie "
                        "belastingen, toeslagen en douane willen we bijdragen") ==
        "Inspectie belastingen, toeslagen en douane");
  CHECK(SpelledAsInText("Movisie", "Movisie, Utrecht") == "Movisie");
}

TEST_CASE("Who issued an act", "[metadata][organisations]") {
  // The first signer after the formula that closes an act without "Gegeven te".
  CHECK(SigningMinistry({"Lasten en bevelen dat deze in het Staatsblad zal worden geplaatst.\n"
                         "Wassenaar\n5 november 2014\nWillem-Alexander\n\nDe Staatssecretaris van "
                         "Volksgezondheid, Welzijn en Sport,\nM.J. van Rijn\n"}) ==
        "Ministerie van Volksgezondheid, Welzijn en Sport");
  // A decree on the minister's proposal; the date and number are not part of the ministry.
  CHECK(SigningMinistry({"Op de voordracht van de Staatssecretaris van Sociale Zaken en "
                         "Werkgelegenheid van 3 april 2015, nr. 2015-0000083700;"}) ==
        "Ministerie van Sociale Zaken en Werkgelegenheid");
  CHECK(SigningMinistry({"Gegeven te Tavernelle\n\nDe Staatssecretaris van Sociale Zaken en "
                         "Werkgelegenheid , \nA. Aboutaleb\n"}) ==
        "Ministerie van Sociale Zaken en Werkgelegenheid");
  // A proposal read in a window of 300 bytes that ends inside a character (found by fuzzing):
  // the name stays UTF-8, whichever byte the window ends on.
  for (const char* padding : {"", "x"}) {
    std::string page = std::string("Op de voordracht van Onze Minister van Zaken") + padding;
    for (int i = 0; i < 200; ++i) page += "\xC3\xAB";  // ë
    const std::string ministry = SigningMinistry({page});
    CHECK(ministry.rfind("Ministerie van Zaken", 0) == 0);
    CHECK(kb::analysis::IsValidUtf8(ministry));
  }
  CHECK(EnactingAuthority("Intitulé\nDE RAAD VAN DE GEMEENTE GRONINGEN,\ngelezen het voorstel") ==
        "Gemeente Groningen");
  CHECK(EnactingAuthority("Provinciale Staten van Fryslân;\n") == "Provincie Fryslân");
  CHECK(EnactingAuthority("Een tekst zonder raad.").empty());
  // A place name cut at its byte limit stays UTF-8 (the Markdown fuzzer's find).
  std::string long_place = "Provinciale Staten van Fr";
  for (int i = 0; i < 40; ++i) long_place += "\xC3\xB0";
  CHECK(kb::analysis::IsValidUtf8(EnactingAuthority(long_place)));
  // Through the whole extraction: an act closed by "Lasten en bevelen" only.
  auto act = ExtractFile(testing::CorpusDir() /
                         "docs/laws-markdown/invoeringswet-jeugdwet_BWBR0035782.md");
  REQUIRE(act.ok());
  CHECK(act->organisation == "Ministerie van Volksgezondheid, Welzijn en Sport");
}

TEST_CASE("The organisation a text names most", "[metadata][organisations]") {
  // The spelling used most is cited; a legal form before the name counts with it.
  CHECK(MostNamedOrganisation("Stichting WIJ Groningen (hierna: de WIJ) doet dit.\nDe "
                              "gedragswetenschappers zijn binnen WIJ Groningen aandacht "
                              "functionaris. WIJ Groningen zal een plan invullen.") ==
        "WIJ Groningen");
  CHECK(MostNamedOrganisation("VughtParticipeert stuurde deze brief aan het college.\n\nDe "
                              "Vereniging VughtParticipeert zou graag haar leden informeren.") ==
        "Vereniging VughtParticipeert");
  // The tail of a run that is a name: "Data Science Hub van VNG Realisatie".
  CHECK(MostNamedOrganisation("Met de Data Science Hub van VNG Realisatie. Zijn collega John van "
                              "Ameijde van VNG Realisatie vult aan.") == "VNG Realisatie");
  CHECK(MostNamedOrganisation("Opdrachtgever: Ministerie van Volksgezondheid, Welzijn en Sport.\n"
                              "Het Ministerie van Volksgezondheid, Welzijn en Sport, directie "
                              "Informatiebeleid, vroeg dit.") ==
        "Ministerie van Volksgezondheid, Welzijn en Sport");
  // Named once, named as often as another, or only in the bibliography: nobody's.
  CHECK(MostNamedOrganisation("Een rapport van het Verwey-Jonker Instituut over armoede.").empty());
  CHECK(MostNamedOrganisation("Het Verwey-Jonker Instituut en Movisie. Movisie en het "
                              "Verwey-Jonker Instituut.")
            .empty());
  std::string essay = "Een essay over schulden en wat gemeenten kunnen doen.\n";
  for (int i = 0; i < 20; ++i) essay += "Schulden zijn een probleem voor veel huishoudens.\n";
  essay += "\nLiteratuur\n\nNibud (2019). Geldzaken.\nNibud (2021). Budgethandboek.\n";
  CHECK(MostNamedOrganisation(essay).empty());
  // Common nouns are no names: "GGD-sleutel", "Incassobureau", a heading's "NOS Onderzoek".
  CHECK(MostNamedOrganisation("De GGD-sleutel en de GGD-sleutel. Het Incassobureau en het "
                              "Incassobureau.")
            .empty());
  CHECK(MostNamedOrganisation("NOS Onderzoek | Statushouders\nOnderzoek: veel mensen\nDetectie en "
                              "Onderzoek\nWoonfraude Onderzoek - Recherchebureau")
            .empty());
  CHECK(MostNamedOrganisation("De Nederlandse Omroep Stichting Onderzoek. Onderzoek toont dit. "
                              "Onderzoek naar armoede.")
            .empty());
}
