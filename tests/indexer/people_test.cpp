// People (people.cpp, declared in kb/extract/metadata.h): names as a citation gives them,
// bylines, and the PDF /Author names a text confirms.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/extract/metadata.h"

using namespace kb::extract;
using V = std::vector<std::string>;

TEST_CASE("A person's name as a citation gives it", "[metadata][people]") {
  CHECK(PersonName("Brenno de Winter") == "Brenno de Winter");
  CHECK(PersonName("Maria Frenken-Farag") == "Maria Frenken-Farag");
  CHECK(PersonName("M.R. van Geelen") == "M.R. van Geelen");
  CHECK(PersonName("Prof.dr.ir. P.P.C.C. Verbeek") == "P.P.C.C. Verbeek");
  CHECK(PersonName("mr. drs. Jeroen Terstegge CIPP/E") == "Jeroen Terstegge");
  CHECK(PersonName("Nadja Jungmann (Hogeschool Utrecht)") == "Nadja Jungmann");
  CHECK(PersonName("Youssef el Amrani") == "Youssef el Amrani");
  CHECK(PersonName("Vroonhof, Paul") == "Vroonhof, Paul");
  CHECK(PersonName("Regt, S.J.S. de (Sabrina)") == "Regt, S.J.S. de");
  // Not people: account names, organisations, words, sentences, addresses.
  for (const char* text :
       {"HOORENMANJC", "priva", "Privacy Management Partners", "Tweede Kamer der Staten-Generaal",
        "Team", "loting zijn 380 mensen", "janjaap@abra.nl", "Nassaulaan 12", "de gemeente", ""}) {
    INFO(text);
    CHECK(PersonName(text).empty());
  }
}

TEST_CASE("A line of names: roles and affiliations dropped", "[metadata][people]") {
  CHECK(PersonNames("Anneke Hofstede en Youssef el Amrani") ==
        V{"Anneke Hofstede", "Youssef el Amrani"});
  CHECK(PersonNames("M.R. van Geelen \xE2\x80\x93 OSCP, eWPT") == V{"M.R. van Geelen"});
  CHECK(PersonNames("mr. drs. Jeroen Terstegge CIPP/E, partner") == V{"Jeroen Terstegge"});
  CHECK(PersonNames("Prof.dr. Rinie van Est, Rathenau Instituut") == V{"Rinie van Est"});
  CHECK(PersonNames("Anneke Hofstede, Youssef el Amrani") ==
        V{"Anneke Hofstede", "Youssef el Amrani"});
  // One piece that is no name spoils the line: it is not a list of names.
  CHECK(PersonNames("Jan Smit en de gemeente Assen").empty());
}

TEST_CASE("Bylines name the authors", "[metadata][people]") {
  CHECK(BylineAuthors("Data science\nGeplaatst door Mark Gremmen op woensdag 27 maart 2019 11:53\n"
                      "Kwetsbare inwoners ...") == V{"Mark Gremmen"});
  CHECK(BylineAuthors("Titel\nDoor Anneke Hofstede en Youssef el Amrani\n") ==
        V{"Anneke Hofstede", "Youssef el Amrani"});
  CHECK(BylineAuthors("Auteur: Jan Smit | 3 mei 2020\n") == V{"Jan Smit"});
  // "Door" opening a sentence, an organisation as author: no people.
  CHECK(BylineAuthors("Door loting zijn 380 mensen bij elkaar gebracht.\n").empty());
  CHECK(BylineAuthors("Auteur: Ketenbureau i-Sociaal Domein\n").empty());
  CHECK(BylineAuthors(std::string(4000, 'x') + "\nDoor Jan Smit\n").empty());
}

TEST_CASE("PDF authors the text confirms, in the text's spelling", "[metadata][people]") {
  const std::string text =
      "Mochten er nog vragen zijn, mijn contactgegevens zijn:\nNaam: Jan Jaap de Groot\n"
      "Simone Pieterse en Yvonne Versluis\n";
  CHECK(ConfirmedAuthors({"Jan Jaap Egbert de Groot"}, text) == V{"Jan Jaap de Groot"});
  CHECK(ConfirmedAuthors(SplitAuthors("Simone Pieterse en Yvonne Versluis"), text) ==
        V{"Simone Pieterse", "Yvonne Versluis"});
  // Account names and people the document never mentions.
  CHECK(ConfirmedAuthors({"Gerard van Dam", "HOORENMANJC", "Hulshof, L (Linda)"}, text).empty());
  CHECK(SameAuthor("Paul Vroonhof", "Vroonhof, Paul"));
  CHECK_FALSE(SameAuthor("Paul Vroonhof", "Paul de Vries"));
}
