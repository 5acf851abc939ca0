// Metadata heuristics on small Dutch examples.
#include <catch2/catch.hpp>

#include "corpus_files.h"
#include "kb/extract/extractor.h"
#include "kb/extract/metadata.h"

using namespace kb::extract;

TEST_CASE("Dutch dates in running text", "[metadata]") {
  CHECK(FindDutchDate("Den Haag, 22 oktober 2018. Geachte voorzitter,") == "2018-10-22");
  CHECK(FindDutchDate("Verschenen op 3 okt. 2018 bij het SCP") == "2018-10-03");
  CHECK(FindDutchDate("Handleiding Gezinsplan mei 2025") == "2025-05");
  CHECK(FindDutchDate("Rapportage oktober 2018, tweede druk") == "2018-10");
  CHECK(FindDutchDate("vastgesteld op 22-10-2018 door de raad") == "2018-10-22");
  CHECK(FindDutchDate("datum: 1/2/2020") == "2020-02-01");
  CHECK(FindDutchDate("export 2019-09-24 van het systeem") == "2019-09-24");
  CHECK(FindDutchDate("Publicatiedatum: 29 september 2025") == "2025-09-29");
  // The earliest date in the text wins.
  CHECK(FindDutchDate("Brief van 5 maart 2020 over het besluit van 1-1-2019") == "2020-03-05");
}

TEST_CASE("Impossible or bare numbers are not dates", "[metadata]") {
  CHECK(FindDutchDate("In 2018 groeide het aantal met 31 procent").empty());
  CHECK(FindDutchDate("31 februari 2019").empty());
  CHECK(FindDutchDate("versie 3.2 van 45-13-2019").empty());
  CHECK(FindDutchDate("Artikel 12 mei").empty());
  CHECK(FindDutchDate("29 februari 2024") == "2024-02-29");
  CHECK(FindDutchDate("advies van 0 november 2014").empty());
  CHECK(FindDutchDate("op 12 januari2020 en 2019-13-01 en 12019-1-1").empty());
}

TEST_CASE("Dates in long runs of numbers and words", "[metadata]") {
  // The scanner reads a megabyte of date-like text without a date in it (std::regex, used
  // before, recursed per character) and still finds the one at its end.
  std::string text;
  while (text.size() < 1'000'000) text += "1-2-3/4.5 mei 99 okt. ";
  CHECK(FindDutchDate(text).empty());
  CHECK(FindDutchDate(text + "3 okt. 2018") == "2018-10-03");
}

TEST_CASE("Metadata date values in their various formats", "[metadata]") {
  CHECK(NormaliseDate("2019-09-24T17:14:49.721Z") == "2019-09-24");
  CHECK(NormaliseDate("Wed, 03 Jul 2019 17:28:37 GMT") == "2019-07-03");
  CHECK(NormaliseDate("2025/07/11 10:00") == "2025-07-11");
  CHECK(NormaliseDate("2018") == "2018");
  CHECK(NormaliseDate("22 oktober 2018") == "2018-10-22");
  CHECK(NormaliseDate("").empty());
  CHECK(NormaliseDate("onbekend").empty());
  CHECK(NormaliseDate("2018-10x").empty());
  CHECK(NormaliseDate("0 Jul 2019").empty());  // no day 0
  CHECK(NormaliseDate("1 may 2020") == "2020-05-01");
}

TEST_CASE("Declared titles are checked before use", "[metadata]") {
  CHECK(IsPlausibleTitle("Eenzaamheid onder ouderen in Drenthe"));
  CHECK(IsPlausibleTitle("Jeugdwet"));
  CHECK_FALSE(IsPlausibleTitle(""));
  CHECK_FALSE(IsPlausibleTitle("   "));
  CHECK_FALSE(IsPlausibleTitle("Microsoft Word - eindrapport_v3.docx"));
  CHECK_FALSE(IsPlausibleTitle("eindrapport_v3"));
  CHECK_FALSE(IsPlausibleTitle("rapport.pdf"));
  CHECK_FALSE(IsPlausibleTitle("Untitled"));
  CHECK_FALSE(IsPlausibleTitle("Document1"));
  CHECK_FALSE(IsPlausibleTitle("hervormingsagenda-jeugd-2023-2028"));
  CHECK_FALSE(IsPlausibleTitle("12345"));
  // Boilerplate of the corpus walk: a contents page, a stamp, a login link, a date.
  CHECK_FALSE(IsPlausibleTitle("Inhoud"));
  CHECK_FALSE(IsPlausibleTitle("Vertrouwelijk"));
  CHECK_FALSE(IsPlausibleTitle("Inloggen"));
  CHECK_FALSE(IsPlausibleTitle("STAATSCOURANT"));
  CHECK_FALSE(IsPlausibleTitle("30 september 2021"));
}

TEST_CASE("A title from the text skips furniture and joins a broken cover title", "[metadata]") {
  CHECK(TitleFromText("3\n\nPagina 1 van 12\nwww.vng.nl\n22 oktober 2018\n"
                      "Armoede onder kinderen in Groningen\nInleiding\n") ==
        "Armoede onder kinderen in Groningen");
  CHECK(TitleFromText("De maatschappelijke kosten\nvan schuldenproblematiek\n\nInleiding") ==
        "De maatschappelijke kosten van schuldenproblematiek");
  CHECK(TitleFromText("12\n--\n").empty());
  // Paragraphs, contents entries and organisations' names are passed over.
  CHECK(TitleFromText("Dit is de eerste zin. Dit is de tweede zin.\nDit is ook een hele zin met "
                      "een punt.\n")
            .empty());
  CHECK(TitleFromText("Centrum voor Beleidsstatistiek\nSamenvatting ............. 3\n"
                      "Schulden in beeld\n") == "Schulden in beeld");
  // A line ending in "en de" goes on, past a blank line and a capital.
  CHECK(TitleFromText("Protocol: omgaan met productcodelijstwijzigingen en de\n\n"
                      "Informatie-uitwisseling in iWmo\n") ==
        "Protocol: omgaan met productcodelijstwijzigingen en de Informatie-uitwisseling in iWmo");
  // An act's long title has no full stop: still a candidate.
  const std::string act = "Wet van 10 juli 2008 tot wijziging van de Wet werk en bijstand";
  CHECK(TitleFromText(act + "\n\nWij Beatrix, bij de gratie Gods") == act);
}

TEST_CASE("Author fields become one name per person", "[metadata]") {
  using V = std::vector<std::string>;
  CHECK(SplitAuthors("Anneke Hofstede en Youssef el Amrani") ==
        V{"Anneke Hofstede", "Youssef el Amrani"});
  CHECK(SplitAuthors("Jan Jaap de Groot, Erna Hooghiemstra, Mark Gremmen & Simone Pieterse") ==
        V{"Jan Jaap de Groot", "Erna Hooghiemstra", "Mark Gremmen", "Simone Pieterse"});
  CHECK(SplitAuthors("Hofstede, Anneke") == V{"Hofstede, Anneke"});
  CHECK(SplitAuthors("Vries, J. de; Bakker, P.") == V{"Vries, J. de", "Bakker, P."});
  CHECK(SplitAuthors("Leijen-Kouwenberg, mw. J.") == V{"Leijen-Kouwenberg, mw. J."});
  CHECK(SplitAuthors("  Yvonne   Versluis ") == V{"Yvonne Versluis"});
  CHECK(SplitAuthors("").empty());
}

TEST_CASE("Organisations: news sites by their host, acts by their signing ministry", "[metadata]") {
  CHECK(PublisherOfUrl("https://www.ad.nl/binnenland/x~a1/") == "Algemeen Dagblad");
  CHECK(PublisherOfUrl("\"https://nos.nl/l/2307132\"") == "NOS");
  CHECK(PublisherOfUrl("https://feeds.nos.nl/x") == "NOS");
  CHECK(PublisherOfUrl("https://notad.nl/x").empty());
  CHECK(PublisherOfUrl("").empty());
  CHECK(SigningMinistry({"Gegeven te 's-Gravenhage\n2 maart 1994\nBeatrix\n\nDe Minister van "
                         "Binnenlandse Zaken,\nE. van Thijn\n"}) ==
        "Ministerie van Binnenlandse Zaken");
  // A minister without a ministry ("voor") is passed over for the next signer.
  CHECK(SigningMinistry({"Gegeven te Wassenaar\nDe Minister voor Wonen,\nX\nDe Staatssecretaris "
                         "van Volksgezondheid, Welzijn en Sport,\nY\n"}) ==
        "Ministerie van Volksgezondheid, Welzijn en Sport");
  CHECK(SigningMinistry({"Geen ondertekening."}).empty());
  // Through the whole extraction: a news item and a law of the corpus.
  auto news = ExtractFile(testing::CorpusDir() /
                          "docs/leestmeer-news/2019-10-21-vn-rapporteur_zeer_bezorgd_over_"
                          "nederlands_opsporingssysteem_voor_uitkeringsfraude.md");
  REQUIRE(news.ok());
  CHECK(news->organisation == "NOS");
  auto law = ExtractFile(testing::CorpusDir() / "docs/laws-markdown/jeugdwet_BWBR0034925.md");
  REQUIRE(law.ok());
  CHECK(law->organisation == "Ministerie van Volksgezondheid, Welzijn en Sport");
}

TEST_CASE("A heading's number and full stop are not part of the title", "[metadata]") {
  ExtractedDoc doc;
  doc.pages = {"tekst"};
  for (const auto& [declared, expected] : std::vector<std::pair<std::string, std::string>>{
           {"**5. Het Nederlandse verdienmodel.**", "Het Nederlandse verdienmodel"},
           {"3.2 Resultaten", "Resultaten"},
           {"Arbeidsmigratie in Nederland.", "Arbeidsmigratie in Nederland"},
           {"2019 in cijfers", "2019 in cijfers"},
           {"Wordt vervolgd...", "Wordt vervolgd..."},
           {"12 jaar jeugdhulp", "12 jaar jeugdhulp"}}) {
    DeclaredMetadata meta;
    meta.title = declared;
    ExtractedDoc copy = doc;
    CompleteMetadata(meta, "x.md", copy);
    CHECK(copy.title == expected);
  }
}

TEST_CASE("Acts are titled by their citation title", "[metadata]") {
  CHECK(CitationTitle("Wet van 9 juli 2014, houdende regels inzake de gemeentelijke ondersteuning "
                      "(Wet maatschappelijke ondersteuning 2015)") ==
        "Wet maatschappelijke ondersteuning 2015");
  CHECK(CitationTitle("Besluit van 27 oktober 2014, houdende regels (Besluit Jeugdwet)") ==
        "Besluit Jeugdwet");
  // The citation article wins (it follows renames), the last one when there are several.
  CHECK(CitationTitle("Wet van 9 oktober 2003, houdende ... (Wet werk en bijstand)",
                      {"Artikel 1\nDe Woningwet 1962 wordt aangehaald als Woningwet 1962.\n",
                       "Artikel 86\nDeze wet wordt aangehaald als: Participatiewet.\n"}) ==
        "Participatiewet");
  CHECK(CitationTitle("Wet van 3 april 2003 tot vaststelling van de Wet gelijke behandeling op "
                      "grond van handicap of chronische ziekte") ==
        "Wet gelijke behandeling op grond van handicap of chronische ziekte");
  // Not an act, or no citation title in brackets: unchanged.
  CHECK(CitationTitle("Evaluatie Wmo (2019)") == "Evaluatie Wmo (2019)");
  CHECK(CitationTitle("Wet van 1 maart 2014 over jeugdigen (zie ook artikel 2) en ouders") ==
        "Wet van 1 maart 2014 over jeugdigen (zie ook artikel 2) en ouders");
  // The real Jeugdwet from the corpus, through the whole extraction.
  auto jeugdwet = ExtractFile(testing::CorpusDir() / "docs/laws-markdown/jeugdwet_BWBR0034925.md");
  REQUIRE(jeugdwet.ok());
  CHECK(jeugdwet->title == "Jeugdwet");
}

TEST_CASE("File names as the last resort", "[metadata]") {
  CHECK(TitleFromFileName("/data/hervormingsagenda-jeugd-2023-2028.pdf") ==
        "hervormingsagenda jeugd 2023 2028");
  CHECK(TitleFromFileName("Onderzoeksrapport+Vroegsignalering.pdf") ==
        "Onderzoeksrapport Vroegsignalering");
  // Date stamps and status or version words are not the title; a spaced name keeps hyphens.
  CHECK(TitleFromFileName("20250512 Vragen en antwoorden CS Jeugd en Wmo definitief.md") ==
        "Vragen en antwoorden CS Jeugd en Wmo");
  CHECK(TitleFromFileName("Overeenkomst-Wmo-versie-1 2.md") == "Overeenkomst Wmo");
  CHECK(TitleFromFileName("2021-10-05-evaluatie-jeugdbeleid-concept-v3.pdf") ==
        "evaluatie jeugdbeleid");
  CHECK(TitleFromFileName("Personen met schulden 2021-2023.pdf") ==
        "Personen met schulden 2021-2023");
  CHECK(TitleFromFileName("2021-10-05 Toegankelijkheidsonderzoek CoronaMelder 2.4.1 (Android 10) "
                          "versie 1.0.pdf") ==
        "Toegankelijkheidsonderzoek CoronaMelder 2.4.1 (Android 10)");
  CHECK(TitleFromFileName("definitief.pdf") == "definitief");
  CHECK(TitleFromFileName(std::string(300, 'x') + ".pdf").size() <= kMaxTitleBytes);
}

TEST_CASE("Markdown titles: site front matter, HTML headings, headings that echo the file",
          "[metadata]") {
  // Jekyll pages keep their title as "hero-heading"/"title_tag", not "title".
  auto village =
      ExtractFile(testing::CorpusDir() / "docs/nhlstenden-heerenveen-0513/gebiedsscan_mildam.md");
  REQUIRE(village.ok());
  CHECK(village->title == "Mildam");
  // "<h4>Mart</h4>" heads a page written in HTML.
  auto talk = ExtractFile(testing::CorpusDir() / "docs/endlessplayground-gesprekken/mart.md");
  REQUIRE(talk.ok());
  CHECK(talk->title == "Mart");
  // A converter's "# <file name>" heading: the readable file name.
  auto answers = ExtractFile(testing::CorpusDir() /
                             "docs/jaapjunior-md/20250512 Vragen en antwoorden CS Jeugd en Wmo "
                             "definitief.md");
  REQUIRE(answers.ok());
  CHECK(answers->title == "Vragen en antwoorden CS Jeugd en Wmo");
  CHECK(answers->title_source == kTitleFromFileName);  // for the editors' review queue
  CHECK(village->title_source == "metadata");          // front matter
  CHECK(talk->title_source == "heading");
  // A date as the first heading is not a title.
  auto process =
      ExtractFile(testing::CorpusDir() / "docs/jaapjunior-md/procesbeschrijving-ijw-3.2.md");
  REQUIRE(process.ok());
  CHECK(process->title != "30 september 2021");
}

TEST_CASE("CompleteMetadata: order of sources and never an empty title", "[metadata]") {
  ExtractedDoc doc;
  doc.pages = {"\n\n"};
  DeclaredMetadata declared;
  declared.title = "Microsoft Word - notitie.docx";
  CompleteMetadata(declared, "/corpus/notitie_wmo_2019.pdf", doc);
  CHECK(doc.title == "notitie wmo 2019");

  ExtractedDoc with_text;
  with_text.pages = {"Gemeente Assen\nWmo-beleidsplan 2020-2023\nVastgesteld 12 maart 2020"};
  DeclaredMetadata front_matter;
  front_matter.title = "**Beleidsplan Wmo Assen**";
  front_matter.date = "2020-03-12";
  front_matter.authors = {"Admin", "J. de Vries"};
  CompleteMetadata(front_matter, "x.md", with_text);
  CHECK(with_text.title == "Beleidsplan Wmo Assen");
  CHECK(with_text.date == "2020-03-12");
  REQUIRE(with_text.authors.size() == 1);
  CHECK(with_text.authors[0] == "J. de Vries");

  ExtractedDoc dated_in_text;
  dated_in_text.pages = {"Nieuwsbrief\nUtrecht, 3 okt. 2018\nDe gemeente opent een loket."};
  CompleteMetadata(DeclaredMetadata{}, "nieuwsbrief.txt", dated_in_text);
  CHECK(dated_in_text.date == "2018-10-03");

  // Every field within the bounds of extracted_doc.h, whatever the file declares.
  ExtractedDoc bounded;
  bounded.pages = {"tekst"};
  DeclaredMetadata huge;
  huge.organisation = std::string(2000, 'o');
  for (int i = 0; i < 100; ++i) huge.authors.push_back("Auteur Nummer" + std::string(200, 'x'));
  CompleteMetadata(huge, "/x/" + std::string(250, 't') + " " + std::string(250, 'u') + ".md",
                   bounded);
  CHECK(!bounded.title.empty());
  CHECK(bounded.title.size() <= kMaxTitleBytes);
  CHECK(bounded.authors.size() <= kMaxAuthors);
  for (const auto& author : bounded.authors) CHECK(author.size() <= kMaxAuthorBytes);
  CHECK(bounded.organisation.size() <= kMaxOrganisationBytes);

  ExtractedDoc dated_by_name;
  dated_by_name.pages = {"Geen datum in deze tekst."};
  CompleteMetadata(DeclaredMetadata{}, "/x/verslag_14-02-2021.md", dated_by_name);
  CHECK(dated_by_name.date == "2021-02-14");
}

TEST_CASE("Document kinds", "[metadata]") {
  ExtractedDoc law;
  law.title = "Wet van 9 oktober 2003 (Wet werk en bijstand)";
  law.pages = {"Artikel 1\nIn deze wet wordt verstaan onder..."};
  CHECK(GuessKind(law) == "wet");

  ExtractedDoc regulation;
  regulation.title = "Nadere regels jeugdhulp";
  regulation.pages = {
      "Het college van burgemeester en wethouders, gelet op artikel 2.9 van de "
      "Jeugdwet;\nbesluit:\nArtikel 1 Begrippen\nx\nArtikel 2 Toepassing\ny\n"
      "Artikel 3 Inwerkingtreding\nz\n"};
  CHECK(GuessKind(regulation) == "wet");

  ExtractedDoc essay;
  essay.title = "De Participatiewet onder de loep";
  essay.pages = {"Een beschouwing over de bijstand en de mensen die ervan leven."};
  CHECK(GuessKind(essay) == "artikel");

  ExtractedDoc interview;
  interview.title = "Els";
  interview.pages = {
      "Ik Hallo, mag ik iets vragen?\nEls Dat hangt ervan af.\nIk Over het leven.\n"
      "Els Goed dan.\nIk Wat doet u?\nEls Ik werk in de zorg.\nIk Mooi.\n"
      "Els Ja, meestal wel.\n"};
  CHECK(GuessKind(interview) == "interview");

  // Indented lines are not one speaker (found by fuzz/text_extract: the empty opener).
  ExtractedDoc indented;
  indented.title = "Wensen voor de wijk";
  indented.pages = {
      "Ik woon al dertig jaar in Overvecht.\n  meer groen in de straten\n"
      "  een buurthuis dat ook 's avonds open is\n  veilige oversteekplaatsen\n"
      "Ik hoop dat de gemeente luistert.\n  minder zwerfvuil\n  een bankje bij de halte\n"
      "Ik kom zeker naar de volgende avond.\n   speelplekken voor de kinderen\n"};
  CHECK(GuessKind(indented) == "artikel");
  ExtractedDoc indented_transcript = interview;
  indented_transcript.pages = {
      "  Ik Hallo, mag ik iets vragen?\n  Els Dat hangt ervan af.\n  Ik Over het leven.\n"
      "  Els Goed dan.\n  Ik Wat doet u?\n  Els Ik werk in de zorg.\n  Ik Mooi.\n"
      "  Els Ja, meestal wel.\n"};
  CHECK(GuessKind(indented_transcript) == "interview");

  ExtractedDoc labelled;
  labelled.title = "Interview met een wijkverpleegkundige";
  labelled.pages = {"Zij werkt al twintig jaar in Emmen."};
  CHECK(GuessKind(labelled) == "interview");

  ExtractedDoc report;
  report.title = "Eenzaamheid in Drenthe";
  report.pages = {
      "Inhoudsopgave\nSamenvatting\n1 Inleiding\n2 Methode van onderzoek\n"
      "3 Resultaten\n4 Conclusies en aanbevelingen\nBijlage"};
  CHECK(GuessKind(report) == "rapport");

  ExtractedDoc long_report;
  long_report.title = "Jaarverslag";
  long_report.pages.assign(40, "Tekst van een pagina.");
  CHECK(GuessKind(long_report) == "rapport");

  ExtractedDoc news;
  news.title = "Voedselbank Rijen drukker dan ooit";
  news.pages = {
      "Bij de voedselbank in Rijen melden zich steeds meer gezinnen, zegt de coordinator."};
  CHECK(GuessKind(news) == "artikel");

  ExtractedDoc empty;
  empty.title = "scan";
  empty.pages = {""};
  CHECK(GuessKind(empty) == "overig");
}

TEST_CASE("Language guess by function words", "[metadata]") {
  CHECK(GuessLanguage("Het aantal mensen dat van een uitkering leeft is niet gedaald, maar de "
                      "gemeente wordt ook door het rijk gekort voor de bijstand.") == "nl");
  CHECK(GuessLanguage("Alle minsken wurde frij en gelyk yn weardigens en rjochten berne. Hja "
                      "hawwe ferstân en gewisse en hja moatte har foar inoar oer hâlde yn in "
                      "geast fan bruorskip. It is net mei troch de ynfloed fan dizze wet.") ==
        "fy");
  CHECK(GuessLanguage("The number of people living on benefits has not fallen, and the "
                      "municipality is that for which this was written by the state.") == "en");
  CHECK(GuessLanguage("Die Zahl der Menschen ist nicht gesunken, und das ist auch mit den "
                      "Gemeinden von der Regierung zu einer Frage geworden.") == "de");
  CHECK(GuessLanguage("12 34 56").empty() == false);
  CHECK(GuessLanguage("12 34 56") == "nl");
}
