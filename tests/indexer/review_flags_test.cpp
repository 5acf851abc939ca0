// Review-flag heuristics (kb/index/review_flags.h) on titles and dates extracted from the real
// corpus (../shared/corpus/docs, as kb-indexer stores them) and on the patterns they document.
#include <catch2/catch.hpp>

#include "kb/editorial/review.h"
#include "kb/extract/extracted_doc.h"
#include "kb/index/review_flags.h"

using kb::index::DateLooksBad;
using kb::index::ReviewFlags;
using kb::index::TitleLooksBad;

TEST_CASE("titles extracted well from the corpus are not flagged") {
  for (const char* title : {
           "Handleiding Gezinsplan",
           "Duidingsrapportage CoronaMelder",
           "Casusbeschrijvingen bij de releases iWmo 3.2 en iJw 3.2",
           "Gegevensbeschermingseffectbeoordeling (DPIA)",
           "SAP outputgericht 3.0.2 RC1",
           "VVD: 'Werklozen moeten vakken vullen, anders minder uitkering'",
           "Opnieuw tegenvaller voor Kampen: 2,3 miljoen tekort op jeugdzorg",
           "Hoe kan de inzet van robotica in verzorgingshuizen het gevoel van eenzaamheid bij "
           "ouderen beïnvloeden?",
           "Werkwijze frequentie per week in iWmo en iJw 3.1",
           "Financien en de gemeentebegroting 2020",
       }) {
    INFO(title);
    CHECK_FALSE(TitleLooksBad(title));
  }
}

TEST_CASE("titles extracted badly from the corpus are flagged") {
  for (const char* title : {
           "STAATSCOURANT",                                     // a running head in capitals
           "Toelichting-overeenkomst-contractstandaarden-Wmo",  // the file name
           "Overeenkomst-Wmo-versie-1.2",                       // the file name
           "30 september 2021",                                 // a date, not a title
           "Inhoud",                                            // the contents page
           "Vertrouwelijk",                                     // a cover-page stamp
           "Inloggen",  // the Begrippenlijst PDF: a saved web page's login link
           "Microsoft Word - eindrapport_def_v3.docx",
           "rapport_2019_final",
           "Presentatie1",
           "Untitled",
           "12-04-2019 / 3.1",
           "Jz",
       }) {
    INFO(title);
    CHECK(TitleLooksBad(title));
  }
  CHECK(TitleLooksBad(std::string(201, 'a')));
  CHECK_FALSE(TitleLooksBad(std::string(120, 'a') + " " + std::string(40, 'b')));
}

TEST_CASE("dates: none, unparsable, before 1900 or after next year are flagged") {
  CHECK(DateLooksBad("", 2026));
  CHECK(DateLooksBad("juli", 2026));
  CHECK(DateLooksBad("1899-12-31", 2026));
  CHECK(DateLooksBad("2028", 2026));
  CHECK_FALSE(DateLooksBad("2027-01", 2026));
  CHECK_FALSE(DateLooksBad("1968-05-30", 2026));  // the Leerplichtwet 1969
  CHECK_FALSE(DateLooksBad("2019", 2026));
}

TEST_CASE("a title made from the file name is reviewed, however readable") {
  kb::StoredDocument doc;
  doc.title = "Vragen en antwoorden CS Jeugd en Wmo";
  doc.date = "2025-05-12";
  doc.gemeenten = {{"GM0014", "Groningen", "Groningen", 3}};
  doc.provincies = {"Groningen"};
  doc.themes = {{"wmo", "Wmo", 0.95}};
  kb::editorial::Override none;
  CHECK(ReviewFlags(doc, none, 2026).empty());
  doc.title_source = kb::extract::kTitleFromFileName;
  CHECK(ReviewFlags(doc, none, 2026) == std::vector<std::string>{"title"});
  kb::editorial::Override kept;
  kept.title = doc.title;  // an editor confirmed it
  CHECK(ReviewFlags(doc, kept, 2026).empty());
}

TEST_CASE("flags follow the document after edits; an override answers its flags") {
  kb::StoredDocument doc;
  doc.title = "STAATSCOURANT";
  doc.themes = {{"wmo", "Wmo", 0.95}, {"gezondheid-en-preventie", "Gezondheid", 0.46}};
  kb::editorial::Override none;
  CHECK(ReviewFlags(doc, none, 2026) ==
        std::vector<std::string>{"title", "date", "no-region", "low-confidence"});

  kb::editorial::Override answered;
  answered.title = "STAATSCOURANT";  // an editor kept it on purpose
  answered.date = "";                // an editor says: no date
  answered.themes_confirmed = {"gezondheid-en-preventie"};
  answered.gemeenten_removed = {"GM0106"};
  CHECK(ReviewFlags(doc, answered, 2026).empty());

  doc.themes.clear();
  doc.gemeenten = {{"GM0074", "Heerenveen", "Fryslân", 1}};
  CHECK(ReviewFlags(doc, answered, 2026) ==
        std::vector<std::string>{"no-theme", "low-confidence"});  // mentioned once
  answered.gemeenten_confirmed = {"GM0074"};
  CHECK(ReviewFlags(doc, answered, 2026) == std::vector<std::string>{"no-theme"});

  doc.hidden = true;
  CHECK(ReviewFlags(doc, none, 2026).empty());  // hidden documents are in no queue
  // Every flag is one the queues know.
  for (const auto& flag : ReviewFlags(kb::StoredDocument{}, none, 2026)) {
    CHECK(std::find(std::begin(kb::editorial::review::kFlags),
                    std::end(kb::editorial::review::kFlags),
                    flag) != std::end(kb::editorial::review::kFlags));
  }
}
