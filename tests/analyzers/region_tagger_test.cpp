// RegionTagger on the real gazetteer (corpus/gazetteer.tsv) and a labelled set of real sentences.
#include "kb/analysis/region_tagger.h"
#include "process.h"
#include "sanitizer_budgets.h"

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
  // The taggers fold as the index does: combining accents, the "ĳ" ligature, capitals.
  CHECK(codes("De gemeente Su\u0301dwest-Frysla\u0302n") == std::set<std::string>{"GM1900"});
  CHECK(codes("Wonen in \u0132SSELSTEIN en \u0133sselstein") == std::set<std::string>{"GM0353"});
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

namespace {

// TagDocument's places as "GM0106 P:Drenthe" labels, for a text that starts with its title as
// the indexer's does.
std::string About(std::string_view title, std::string_view body) {
  const std::string text = std::string(title) + "\n" + std::string(body);
  return Join(Labels(Tagger().TagDocument(title, text)));
}

// `sentence` `times` times, one per line: a text that keeps returning to what the sentence names.
std::string Repeated(std::string_view sentence, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += std::string(sentence) + "\n";
  return text;
}

// Filler without places, so that a place is not in a text's lead.
std::string Filler(int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += "tekst ";
  return text + ".\n";
}

}  // namespace

// The sentences below are from ../shared/corpus/docs (news items, reports, essays); Filler()
// only moves them out of a text's lead.
TEST_CASE("A place in an organisation's name is not what the document is about") {
  CHECK(About("Werkplaatsen", Repeated("Lisbeth Verharen is vanuit haar functie bij de Hogeschool "
                                       "van Arnhem en Nijmegen (HAN) betrokken.",
                                       3))
            .empty());
  CHECK(About("Ethische analyse", Repeated("Prof.dr.mr. Lokke Moerel, hoogleraar Global ICT Law "
                                           "Tilburg University, lid Ethische Commissie Enschede",
                                           3))
            .empty());
  CHECK(About("Verdienmodel", Filler(60) + Repeated("Haven van Rotterdam wil geopolitieke "
                                                    "kwetsbaarheid verkleinen",
                                                    3))
            .empty());
  CHECK(About("Jeugdmonitor", "Uit de recente jeugdmonitor 12-18 jarigen van GGD Fryslân blijkt")
            .empty());
}

TEST_CASE("References, publishers and addresses are not what the document is about") {
  const std::string report = Filler(60);
  // A line that cites, a publisher's place.
  CHECK(About("Schulden", report + Repeated("113 Van der Schors, A. & Schonewille, G. (2017) "
                                            "Personeel met schulden. Utrecht: Nibud",
                                            4))
            .empty());
  CHECK(About("Schulden", report + Repeated("7 Ter Weel, B. Bussink, H. & Koeman, N. 2023 "
                                            "Kansenongelijkheid. Amsterdam: SEO",
                                            4))
            .empty());
  // A bibliography: every line after its heading.
  CHECK(About("Ethiek van AI", report + report + "Bronvermelding\n" +
                                   Repeated("Schuilenburg, M. Maken AI en algoritmes onze "
                                            "maatschappij echt veiliger? Erasmus Rotterdam",
                                            4))
            .empty());
  // A link list.
  CHECK(About("Statushouders", report + Repeated("Wat we kunnen leren uit de Utrechtse "
                                                 "versnellingspilot huisvesting statushouders - "
                                                 "Platform31 - Link",
                                                 4))
            .empty());
  // An address, also with its postcode written without a space.
  CHECK(About("Casusbeschrijvingen", report + Repeated("1112 ZA Diemen", 4)).empty());
  CHECK(About("Penetratietest", report + Repeated("Buitenhof 34 2513AH Den Haag", 4)).empty());
}

TEST_CASE("Den Haag as the seat of government is not the gemeente") {
  CHECK(About("Ook wethouders luiden noodklok over jeugdzorg",
              "Het Rijk moet snel meer geld uittrekken voor de financiering van de jeugdzorg. Met "
              "die dringende oproep aan het kabinet sluiten wethouders van VVD, CDA, D66 en "
              "ChristenUnie zich aan bij een recente brief van de Vereniging van Nederlandse "
              "Gemeenten (VNG). De rek is eruit, luidt de open brief van circa 250 wethouders aan "
              "hun partijgenoten in de coalitie in Den Haag. Haagse bronnen lieten vorige week "
              "weten dat er dit jaar ruim 300 miljoen euro extra beschikbaar komt.")
            .empty());
  // The gemeente Den Haag is a place like any other.
  CHECK(About("Afspraken met Haagse horeca",
              "Ook de gemeente Den Haag start binnenkort met het beheren van de vaste lasten voor "
              "haar inwoners. Na de bouw-, energie- en installatiesector heeft de Haagse wethouder "
              "Rachid Guernaoui nu ook met de horeca afspraken gemaakt.") ==
        "GM0518 P:Zuid-Holland");
}

TEST_CASE("A place named as an example is not what the document is about") {
  CHECK(About("Wonen", Filler(60) + Repeated("De realiteit is dat in 67 gemeenten, voornamelijk "
                                             "in de Randstad en rondom economische hotspots zoals "
                                             "Eindhoven, minder dan 40% van de verkochte woningen "
                                             "nog onder de NHG-grens valt.",
                                             3))
            .empty());
  CHECK(About("Woonfraude", Filler(60) + Repeated("De raming dat tot 10 procent van de sociale "
                                                  "huurwoningen in een stad als Rotterdam "
                                                  "mogelijk betrokken is bij illegale onderhuur, "
                                                  "is alarmerend.",
                                                  3))
            .empty());
}

TEST_CASE("A family name stays a family name throughout the document") {
  CHECK(About("Ombudsman",
              "De Nationale ombudsman, Reinier van Zutphen, grijpt nu de uitspraak "
              "van de Raad van State aan.\n" +
                  Repeated("Van Zutphen wil binnen twee weken schriftelijk antwoord "
                           "van Snel.",
                           3))
            .empty());
  // A sentence's first word is no first name: "Maar de Waalwijkse schrijver" is a place.
  CHECK(Join(Labels(Tagger().Tag("Maar de Waalwijkse schrijver Martyn van Beek vlocht zijn eigen "
                                 "ervaringen als pleegouder in zijn nieuwste thriller."))) ==
        "GM0867 P:Noord-Brabant");
}

TEST_CASE("A dateline supports other mentions but is no topic on its own") {
  CHECK(About("Week van de jonge mantelzorger",
              "DEN BOSCH - Hoe breekbaar was ze aan de binnenkant en hoe sterk is ze.")
            .empty());
  CHECK(
      About("Nieuwe aanpak in jeugdzorg: data moet risico op problemen bij gezin voorspellen",
            "TILBURG - Kun je het risico op kindermishandeling zien aankomen? Valt te voorspellen "
            "in welke gezinnen het mis gaat? Ja, denken Sterk Huis, Tilburg University, "
            "CentERdata en gemeenten in Hart van Brabant. Door kennis en data te koppelen, "
            "proberen ze mensen te helpen vóórdat ze in grote problemen komen. In Tilburg en "
            "Heusden lopen de eerste projecten.") == "GM0855 P:Noord-Brabant");
}

TEST_CASE("The lead names the topic; a place further on needs more") {
  // Every place of a news item's lead.
  CHECK(About("Steeds meer mensen in de regio krijgen hulp van mantelzorger Saar aan Huis",
              "NIJMEGEN - Mantelzorgorganisatie Saar aan Huis groeit in de regio. Het aantal "
              "cliënten zal dit jaar verdubbelen in Nijmegen, Berg en Dal, Heumen, Wijchen en "
              "Beuningen.") == "GM0209 GM0252 GM0268 GM0296 GM1945 P:Gelderland");
  // A place named once further on is an example.
  CHECK(About("Kamer wil snelle compensatie",
              Filler(60) + "Het gaat om ruim driehonderd gezinnen uit de regio Eindhoven die "
                           "ernstig in de problemen zijn geraakt.")
            .empty());
  // In news on national politics, a place named once in the lead is where something happened.
  CHECK(About("Wethouders ontevreden over extra geld jeugdzorg",
              "Geen sprake van dat wethouders jeugdzorg genoegen gaan nemen met het aanbod van het "
              "kabinet om de komende drie jaren een miljard euro extra in de jeugdzorg te steken. "
              "Gisteren sprak een delegatie van hen in Ede met Kamerleden, als eerste stap in een "
              "actie om het bedrag omhoog te krijgen.")
            .empty());
}

TEST_CASE("The only place of a page, named twice, is what the page is about") {
  const std::string scan =
      "Naast de percentages voor dit gebied staan steeds de gemiddelde "
      "percentages van de 30 wijken en dorpen in Heerenveen. De gemiddelde "
      "percentages voor Heerenveen zijn rekenkundige gemiddelden.";
  CHECK(About("Mildam", Filler(400) + scan) == "GM0074 P:Fryslân");
  // Twice in a long report is a passing mention.
  CHECK(About("Ethische analyse", Filler(3000) +
                                      "Er is een kleinschalige technische test geweest, in Vught "
                                      "(8 juni). Na de testfase van de COVID-19 notificatie-app "
                                      "(eerst in Vught daarna in Twente) volgde de analyse.")
            .empty());
}

TEST_CASE("A text that keeps naming the country is not about the cities it names") {
  const std::string rotterdam =
      "Als grootste haven van Europa is Rotterdam een vitale slagader voor de economie.\n"
      "Woningcorporatie Havensteder vermoedt dat in heel Rotterdam bij tot 10 procent van alle "
      "huurwoningen sprake is van illegale onderhuur.\n";
  const std::string country =
      "Nederland bevindt zich op een historisch keerpunt. De centrale boodschap van dit rapport "
      "is dat Nederland niet langer kan meedeinen op de golven van internationale "
      "ontwikkelingen. Een assertieve en realistische inzet in Europa: Nederland moet actief "
      "meebouwen aan een geopolitiek slagvaardiger Europese Unie. De welvaart en stabiliteit die "
      "Nederland decennialang als vanzelfsprekend heeft beschouwd, waren verankerd in een "
      "specifieke internationale context. De machtsstrijd tussen staten wordt hierdoor directer "
      "en intenser, wat de voor Nederland zo belangrijke multilaterale samenwerking onder druk "
      "zet. Dit ondermijnt de legitimiteit van de internationale rechtsorde, een orde die "
      "Nederland decennialang veiligheid en voorspelbaarheid bood. Deze nuance is van belang: het "
      "dwingt Nederland om de huidige transitie niet alleen te zien als een bedreiging. Dit "
      "vereist een beleid dat gericht is op het strategisch positioneren van Nederland in de "
      "wereld van de toekomst. Deze ontwikkeling raakt de kern van de Nederlandse open "
      "economie.\n";
  // Rotterdam alone, twice: the page is about it.
  CHECK(About("Het verdienmodel", Filler(60) + rotterdam) == "GM0599 P:Zuid-Holland");
  // Rotterdam twice among many mentions of the country: an example.
  CHECK(About("Het verdienmodel", Filler(60) + country + rotterdam).empty());
}

TEST_CASE("The gazetteer knows place adjectives and recently merged gemeenten") {
  auto labels = [](std::string_view text) { return Join(Labels(Tagger().Tag(text))); };
  CHECK(labels("Groningse Jacob laat je ervaren hoe het is om dakloos te zijn") ==
        "GM0014 P:Groningen");
  CHECK(labels("zegt de Utrechtse wethouder Linda Voortman (GroenLinks).") == "GM0344 P:Utrecht");
  CHECK(labels("Dan kun je nu naar de Dierenvoedselbank in Spijkenisse") ==
        "GM1930 P:Zuid-Holland");
  CHECK(labels("verschuiving binnen de huidige Vughtse bestuurscultuur.") ==
        "GM0865 P:Noord-Brabant");
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
  CHECK(ms < 100.0 * kb::test::kTimeBudgetScale);
  // The document-level decision reads every mention's line and surroundings as well.
  const auto document_start = std::chrono::steady_clock::now();
  const RegionResult about = Tagger().TagDocument("Besluit", text);
  const double document_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - document_start)
          .count();
  std::cout << "RegionTagger::TagDocument: " << text.size() / 1024 << " KB in " << document_ms
            << " ms\n";
  CHECK(about.gemeenten.size() < r.gemeenten.size());
  CHECK(document_ms < 200.0 * kb::test::kTimeBudgetScale);
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
