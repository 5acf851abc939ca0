// StoredDocument JSON: the schema 2 editorial fields survive a round trip, and schema 1 data
// (written before they existed) still parses with their defaults.
#include <catch2/catch.hpp>

#include "kb/core/stored_document.h"

namespace {

kb::StoredDocument EditedDocument() {
  kb::StoredDocument d;
  d.id = "00ab";
  d.title = "Jeugdhulp in Drenthe";
  d.date = "2019-04";
  d.kind = "rapport";
  d.evidence = "beleid-regelgeving";
  d.themes = {{"jeugdhulp", "Jeugdhulp", 0.75}};
  d.gemeenten = {{"GM0106", "Assen", "Drenthe", 3}};
  d.provincies = {"Drenthe"};
  d.edited = true;
  d.hidden = true;
  d.merged_into = "ffee";
  d.also_published_as = {{"0c0d", "Jeugdhulp (tekst)", "text", "/corpus/jeugdhulp.txt"}};
  d.machine.title = "Microsoft Word - rapport.docx";
  d.machine.date = "";
  d.machine.kind = "overig";
  d.machine.evidence = "opinie-interview";
  d.machine.organisation = "Provincie Drenthe";
  d.machine.themes = {{"wonen", "Wonen", 0.2}};
  d.machine.gemeenten = {{"GM0114", "Emmen", "Drenthe", 1}};
  d.machine.provincies = {"Drenthe"};
  d.review = {"title", "low-confidence"};
  return d;
}

}  // namespace

TEST_CASE("StoredDocument keeps the editorial fields through JSON") {
  const kb::StoredDocument in = EditedDocument();
  auto out = kb::StoredDocument::FromJson(in.ToJson());
  REQUIRE(out.ok());
  CHECK(out->edited);
  CHECK(out->hidden);
  CHECK(out->merged_into == "ffee");
  REQUIRE(out->also_published_as.size() == 1);
  CHECK(out->also_published_as[0].id == "0c0d");
  CHECK(out->also_published_as[0].title == "Jeugdhulp (tekst)");
  CHECK(out->also_published_as[0].format == "text");
  CHECK(out->also_published_as[0].path == "/corpus/jeugdhulp.txt");
  CHECK(out->machine.title == "Microsoft Word - rapport.docx");
  CHECK(out->machine.kind == "overig");
  CHECK(out->evidence == "beleid-regelgeving");
  CHECK(out->machine.evidence == "opinie-interview");
  CHECK(out->machine.organisation == "Provincie Drenthe");
  REQUIRE(out->machine.themes.size() == 1);
  CHECK(out->machine.themes[0].slug == "wonen");
  CHECK(out->machine.themes[0].score == Approx(0.2));
  REQUIRE(out->machine.gemeenten.size() == 1);
  CHECK(out->machine.gemeenten[0].code == "GM0114");
  CHECK(out->machine.gemeenten[0].mentions == 1);
  CHECK(out->machine.provincies == std::vector<std::string>{"Drenthe"});
  CHECK(out->review == std::vector<std::string>{"title", "low-confidence"});
  CHECK(out->themes[0].slug == "jeugdhulp");
  CHECK(out->gemeenten[0].name == "Assen");
  CHECK(out->ToJson() == in.ToJson());
}

TEST_CASE("StoredDocument reads schema 1 JSON without the editorial fields") {
  const std::string old_json =
      R"({"id":"12","title":"Oud","authors":[],"organisation":"","date":"2001","year":2001,)"
      R"("kind":"rapport","language":"nl","format":"pdf","path":"/a.pdf","size":10,)"
      R"("content_hash":"ab","encoding":"","pages":["p1"],"themes":[],"gemeenten":[],)"
      R"("provincies":[]})";
  auto d = kb::StoredDocument::FromJson(old_json);
  REQUIRE(d.ok());
  CHECK(d->title == "Oud");
  CHECK(d->year == 2001);
  CHECK_FALSE(d->edited);
  CHECK_FALSE(d->hidden);
  CHECK(d->merged_into.empty());
  CHECK(d->also_published_as.empty());
  CHECK(d->machine.title.empty());
  CHECK(d->review.empty());
}

TEST_CASE("StoredDocument reports JSON that does not parse") {
  auto d = kb::StoredDocument::FromJson("{not json");
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().message().find("JSON") != std::string::npos);
}
